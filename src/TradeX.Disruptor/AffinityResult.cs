namespace TradeX.Disruptor;

/// <summary>The outcome of pinning one thread, with a message fit for a log line.</summary>
/// <param name="Outcome">What happened.</param>
/// <param name="RequestedCore">The configured core, or null when none was configured.</param>
/// <param name="Message">A human sentence: what was asked, what happened and, on fallback, why.</param>
public readonly record struct AffinityResult(AffinityOutcome Outcome, int? RequestedCore, string Message)
{
    /// <summary>True when the thread is pinned as configured.</summary>
    public bool IsPinned => Outcome == AffinityOutcome.Pinned;

    /// <summary>True when a core was asked for but the thread fell back to running unpinned (worth a warning).</summary>
    public bool IsFallback => Outcome is AffinityOutcome.CoreUnavailable or AffinityOutcome.NotSupported or AffinityOutcome.Failed;
}
