namespace TradeX.Disruptor.Agents;

/// <summary>How an <see cref="AgentRunner"/> idles between duty cycles that found no work.</summary>
public interface IIdleStrategy
{
    /// <summary>Called after every duty cycle: idles when <paramref name="workCount"/> is 0, resets otherwise.</summary>
    void Idle(int workCount)
    {
        if (workCount > 0)
        {
            Reset();
        }
        else
        {
            Idle();
        }
    }

    /// <summary>Idles once (the strategy may escalate on repeated calls).</summary>
    void Idle();

    /// <summary>Work was found: start from the cheapest idle step again.</summary>
    void Reset();
}
