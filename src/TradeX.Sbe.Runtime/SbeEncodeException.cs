namespace TradeX.Sbe.Runtime;

/// <summary>
/// Thrown by generated encoders when a message cannot be written as asked: the buffer is too
/// small, a value does not fit its wire type, or groups and var data were written out of schema
/// order. Nothing is written outside the destination buffer before it is thrown.
/// </summary>
public sealed class SbeEncodeException : Exception
{
    /// <summary>Wraps an error.</summary>
    public SbeEncodeException(SbeError error)
        : base(error.ToString())
    {
        Error = error;
    }

    /// <summary>What went wrong, where.</summary>
    public SbeError Error { get; }
}
