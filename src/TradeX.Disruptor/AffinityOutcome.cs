namespace TradeX.Disruptor;

/// <summary>What became of a request to pin a thread to a core.</summary>
public enum AffinityOutcome
{
    /// <summary>The thread now runs only on the requested core.</summary>
    Pinned,

    /// <summary>No core was configured for the thread: it runs wherever the OS puts it.</summary>
    NotRequested,

    /// <summary>The requested core does not exist or is not allowed for this process: the thread runs unpinned.</summary>
    CoreUnavailable,

    /// <summary>The OS is not Linux: pinning is not implemented there, the thread runs unpinned.</summary>
    NotSupported,

    /// <summary>The kernel refused (the message has the errno): the thread runs unpinned.</summary>
    Failed,
}
