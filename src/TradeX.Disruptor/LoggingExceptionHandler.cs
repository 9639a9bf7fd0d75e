namespace TradeX.Disruptor;

/// <summary>
/// The usual exception handler: writes one line naming the stage, the sequence and the exception,
/// counts it, and applies a fixed decision. Use <see cref="ExceptionDecision.Halt"/> for stages whose
/// every entry matters (journal, engine) and <see cref="ExceptionDecision.Skip"/> for best-effort ones
/// (metrics, ops publishers).
/// </summary>
public sealed class LoggingExceptionHandler<T> : IExceptionHandler<T>
    where T : struct
{
    private readonly string _stageName;
    private readonly Action<string> _log;
    private long _eventFailures;

    /// <summary>Creates the handler; <paramref name="log"/> defaults to standard error.</summary>
    public LoggingExceptionHandler(string stageName, ExceptionDecision decision, Action<string>? log = null)
    {
        _stageName = stageName;
        Decision = decision;
        _log = log ?? Console.Error.WriteLine;
    }

    /// <summary>The decision applied to every failed entry.</summary>
    public ExceptionDecision Decision { get; }

    /// <summary>How many entries have failed so far.</summary>
    public long EventFailures => Interlocked.Read(ref _eventFailures);

    /// <inheritdoc/>
    public ExceptionDecision OnEventException(Exception exception, long sequence, ref T data)
    {
        Interlocked.Increment(ref _eventFailures);
        string action = Decision == ExceptionDecision.Halt ? "halting the stage before it (a restart retries it)" : "skipping it";
        _log($"stage '{_stageName}': handler failed on sequence {sequence}; {action}: {exception}");
        return Decision;
    }

    /// <inheritdoc/>
    public void OnStartException(Exception exception) => _log($"stage '{_stageName}': OnStart failed (the stage runs on): {exception}");

    /// <inheritdoc/>
    public void OnShutdownException(Exception exception) => _log($"stage '{_stageName}': OnShutdown failed (the stage stops anyway): {exception}");
}
