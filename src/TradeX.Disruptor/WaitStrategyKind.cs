namespace TradeX.Disruptor;

/// <summary>The wait strategies a configuration file can name; see <see cref="WaitStrategies"/>.</summary>
public enum WaitStrategyKind
{
    /// <summary><see cref="BusySpinWaitStrategy"/>: "busy-spin".</summary>
    BusySpin,

    /// <summary><see cref="YieldingWaitStrategy"/>: "yielding".</summary>
    Yielding,

    /// <summary><see cref="SleepingWaitStrategy"/>: "sleeping".</summary>
    Sleeping,

    /// <summary><see cref="BlockingWaitStrategy"/>: "blocking" (optionally with a timeout).</summary>
    Blocking,
}
