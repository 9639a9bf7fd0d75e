using TradeX.Core;

namespace TradeX.Pipeline;

/// <summary>
/// One slot of the input ring: the engine input, plus what the pipeline needs around it — who
/// produced it, and the timestamp latency is measured from.
/// </summary>
public struct InputEntry
{
    public EngineInput Input;
    /// <summary><see cref="System.Diagnostics.Stopwatch"/> ticks at which the input entered (or, open loop, was due to enter) the pipeline.</summary>
    public long StartTicks;
    /// <summary>The producer (gateway session, venue session, generator thread, timer, admin); 0 = none.</summary>
    public int Producer;
    /// <summary>True when the first event this input causes is a response to time (<see cref="InputClaim.MeasureFrom"/> sets it and <see cref="StartTicks"/>).</summary>
    public bool Measure;
    /// <summary>Stopwatch ticks at which the journal stage had made this input durable (its batch written, synced per policy); 0 until then.</summary>
    public long DurableTicks;
}

/// <summary>One slot of the output ring: an engine event and the identity of the input that caused it.</summary>
public struct OutputEntry
{
    public EngineEvent Event;
    public long StartTicks;
    public int Producer;
    /// <summary>True on the first event of an input: the response that answers it.</summary>
    public bool FirstOfInput;
    public bool Measure;
    /// <summary>When the input was durable in the journal (Stopwatch ticks; measured inputs only).</summary>
    public long DurableTicks;
    /// <summary>When the engine had applied the input (Stopwatch ticks; on the first event of a measured input).</summary>
    public long AppliedTicks;
}
