namespace TradeX.Disruptor;

/// <summary>What a stage does after its handler threw on an entry.</summary>
public enum ExceptionDecision
{
    /// <summary>Count the entry as handled and go on with the next one (the entry is lost to this stage).</summary>
    Skip,

    /// <summary>
    /// Stop the stage before the failed entry: its sequence stays at the entry before, so producers
    /// see "busy" once the ring fills, and a restart retries the failed entry first.
    /// </summary>
    Halt,
}
