using System.Diagnostics;

namespace TradeX.Disruptor.Agents;

/// <summary>
/// The idle strategy for threads that share cores: after work, spin for a short budget (the next input
/// usually follows within microseconds under load), then sleep in the kernel — on the
/// <see cref="WakeSignal"/> and, through an <see cref="IParkable"/> agent, its sockets — until a producer
/// signals or the timeout passes. It never calls <c>sched_yield</c>, and a thread with no work uses no CPU
/// beyond the timeout's wake-ups. The announce-then-look-again protocol of <see cref="WakeSignal"/> is kept
/// by parking only on the second idle call after <see cref="WakeSignal.BeginPark"/>: the runner runs one
/// more duty cycle in between.
/// <para>
/// The spin is adaptive: a spin that found work doubles the next one (up to the configured budget), a spin
/// that ended in sleep halves it (down to a sixteenth), so a busy thread stays hot between closely spaced
/// inputs while an idle one, woken only by its timer, spends almost nothing spinning.
/// </para>
/// </summary>
public sealed class ParkingIdleStrategy : IIdleStrategy
{
    private readonly WakeSignal _wake;
    private readonly IParkable? _parkable;
    private readonly long _maxSpinTicks;
    private readonly long _minSpinTicks;
    private readonly int _timeoutMilliseconds;
    private long _spinTicks;
    private long _idleSince;
    private bool _announced;
    private bool _sleptSinceWork;
    private long _parks;

    /// <param name="wake">The thread's signal (producers of its work call <see cref="WakeSignal.Signal"/>).</param>
    /// <param name="parkable">Where to sleep besides the signal (the composite, which asks its gateway agent), or null for the signal alone.</param>
    /// <param name="spinMicroseconds">How long to keep polling after the last work before sleeping (0: sleep at once).</param>
    /// <param name="timeoutMilliseconds">The longest sleep: timers and keep-alives of the thread's agents are checked at least this often.</param>
    public ParkingIdleStrategy(WakeSignal wake, IParkable? parkable = null, int spinMicroseconds = 20, int timeoutMilliseconds = 10)
    {
        ArgumentNullException.ThrowIfNull(wake);
        ArgumentOutOfRangeException.ThrowIfNegative(spinMicroseconds);
        ArgumentOutOfRangeException.ThrowIfLessThan(timeoutMilliseconds, 1);
        _wake = wake;
        _parkable = parkable;
        _maxSpinTicks = spinMicroseconds * Stopwatch.Frequency / 1_000_000;
        _minSpinTicks = _maxSpinTicks / 16;
        _spinTicks = _maxSpinTicks;
        _timeoutMilliseconds = timeoutMilliseconds;
    }

    /// <summary>How many times the thread went to sleep in the kernel.</summary>
    public long Parks => Interlocked.Read(ref _parks);

    /// <inheritdoc/>
    public void Idle()
    {
        long now = Stopwatch.GetTimestamp();
        if (_idleSince == 0)
        {
            _idleSince = now;
        }
        if (now - _idleSince < _spinTicks)
        {
            Thread.SpinWait(8);
            return;
        }
        if (!_announced)
        {
            _wake.BeginPark();
            _announced = true;
            return; // one more duty cycle: work published before the announcement is seen there
        }
        Interlocked.Increment(ref _parks);
        _spinTicks = Math.Max(_minSpinTicks, _spinTicks / 2); // that spin was in vain
        _sleptSinceWork = true;
        if (_parkable is not null)
        {
            _parkable.Park(_wake, _timeoutMilliseconds);
        }
        else
        {
            _wake.Wait(_timeoutMilliseconds);
        }
        _wake.EndPark();
        _announced = false;
        _idleSince = 0;
    }

    /// <inheritdoc/>
    public void Reset()
    {
        if (_idleSince != 0 && !_sleptSinceWork)
        {
            _spinTicks = Math.Min(_maxSpinTicks, Math.Max(1, _spinTicks * 2)); // the spin paid off
        }
        _sleptSinceWork = false;
        if (_announced)
        {
            _wake.EndPark();
            _announced = false;
        }
        _idleSince = 0;
    }
}
