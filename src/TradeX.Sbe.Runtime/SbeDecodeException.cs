namespace TradeX.Sbe.Runtime;

/// <summary>
/// The one exception generated decoders throw for bad input: a truncated, oversized-length or
/// garbage buffer. It carries the <see cref="SbeError"/> (code, element, offset). Catch it around a
/// whole decode and answer with a reject; a decoder never reads outside the buffer first. Paths that
/// must not throw use <c>TryWrap</c>/<c>TryValidate</c>, which return the same error.
/// </summary>
public sealed class SbeDecodeException : Exception
{
    /// <summary>Wraps an error.</summary>
    public SbeDecodeException(SbeError error)
        : base(error.ToString())
    {
        Error = error;
    }

    /// <summary>What went wrong, where.</summary>
    public SbeError Error { get; }
}
