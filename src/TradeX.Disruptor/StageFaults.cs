namespace TradeX.Disruptor;

/// <summary>What every stage loop (on its own thread or polled) does when a handler throws.</summary>
internal static class StageFaults
{
    /// <summary>
    /// Asks <paramref name="handler"/> to skip or halt; if the handler of last resort fails too, halting is
    /// the only decision that loses nothing.
    /// </summary>
    public static ExceptionDecision Decide<T>(IExceptionHandler<T> handler, string stage, Exception exception, long sequence, ref T entry)
        where T : struct
    {
        try
        {
            return handler.OnEventException(exception, sequence, ref entry);
        }
        catch (Exception handlerFailure)
        {
            Console.Error.WriteLine($"stage '{stage}': the exception handler failed on sequence {sequence}; halting: {handlerFailure}");
            return ExceptionDecision.Halt;
        }
    }
}
