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
}
