namespace TradeX.Disruptor;

/// <summary>
/// How a consumer waits for the next entry: the trade-off between latency and CPU. This is policy,
/// chosen in configuration (<see cref="WaitStrategies"/>), never code inside a handler.
/// </summary>
public interface IWaitStrategy
{
    /// <summary>
    /// True when waiters sleep on a monitor and must be woken by <see cref="SignalAllWhenBlocking"/>
    /// after each publish and each stage's progress; spinning strategies return false so nobody pays for it.
    /// </summary>
    bool IsBlocking { get; }

    /// <summary>
    /// Waits until <see cref="SequenceBarrier.DependentSequence"/> reaches <paramref name="sequence"/>
    /// and returns it, or returns a smaller value when the barrier is alerted or
    /// <see cref="SequenceBarrier.TimedOut"/> when a configured timeout expires.
    /// </summary>
    long WaitFor(long sequence, SequenceBarrier barrier);

    /// <summary>Wakes every blocked waiter; a no-op for strategies that never block.</summary>
    void SignalAllWhenBlocking();
}
