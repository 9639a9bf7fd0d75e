namespace TradeX.Disruptor;

/// <summary>
/// Decides what happens when a stage's handler throws, so that the ring is never silently stuck:
/// every failure is reported with its sequence and ends in an explicit <see cref="ExceptionDecision"/>.
/// </summary>
public interface IExceptionHandler<T>
    where T : struct
{
    /// <summary>The handler threw on the entry at <paramref name="sequence"/>: report it and decide.</summary>
    ExceptionDecision OnEventException(Exception exception, long sequence, ref T data);

    /// <summary>The handler's <see cref="IEventHandler{T}.OnStart"/> threw; the stage still runs.</summary>
    void OnStartException(Exception exception);

    /// <summary>The handler's <see cref="IEventHandler{T}.OnShutdown"/> threw; the stage still stops.</summary>
    void OnShutdownException(Exception exception);
}
