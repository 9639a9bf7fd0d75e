namespace TradeX.Disruptor.Agents;

/// <summary>
/// Spins, then yields, then sleeps for growing periods up to a cap, and starts over as soon as work
/// appears. The sensible default for I/O agents sharing cores: quick to react when busy, cheap when quiet.
/// </summary>
public sealed class BackoffIdleStrategy : IIdleStrategy
{
    private readonly int _maxSpins;
    private readonly int _maxYields;
    private readonly int _maxSleepMilliseconds;
    private int _spins;
    private int _yields;
    private int _sleepMilliseconds;

    /// <summary>Creates the strategy; the defaults suit a session poller.</summary>
    public BackoffIdleStrategy(int maxSpins = 100, int maxYields = 100, int maxSleepMilliseconds = 1)
    {
        ArgumentOutOfRangeException.ThrowIfNegative(maxSpins);
        ArgumentOutOfRangeException.ThrowIfNegative(maxYields);
        ArgumentOutOfRangeException.ThrowIfLessThan(maxSleepMilliseconds, 1);
        _maxSpins = maxSpins;
        _maxYields = maxYields;
        _maxSleepMilliseconds = maxSleepMilliseconds;
    }

    /// <inheritdoc/>
    public void Idle()
    {
        if (_spins < _maxSpins)
        {
            _spins++;
            Thread.SpinWait(1);
        }
        else if (_yields < _maxYields)
        {
            _yields++;
            Thread.Yield();
        }
        else
        {
            Thread.Sleep(_sleepMilliseconds);
            _sleepMilliseconds = Math.Min(_maxSleepMilliseconds, Math.Max(1, _sleepMilliseconds * 2));
        }
    }

    /// <inheritdoc/>
    public void Reset()
    {
        _spins = 0;
        _yields = 0;
        _sleepMilliseconds = 0;
    }
}
