namespace TradeX.Disruptor.Agents;

/// <summary>Never gives up the core between duty cycles. Only for an agent pinned to a core of its own.</summary>
public sealed class BusySpinIdleStrategy : IIdleStrategy
{
    /// <inheritdoc/>
    public void Idle() => Thread.SpinWait(1);

    /// <inheritdoc/>
    public void Reset()
    {
    }
}
