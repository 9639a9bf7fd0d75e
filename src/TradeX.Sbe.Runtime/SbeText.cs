using System.Text;

namespace TradeX.Sbe.Runtime;

/// <summary>
/// Character handling for fixed-length char arrays and character var data: the schema's
/// characterEncoding name to an <see cref="Encoding"/>, NUL-terminated reads (SBE 1.0 §2.7.2:
/// "delimited by NUL character if a string is shorter than the length") and NUL-padded writes.
/// String-returning members allocate and are meant for tools and logs, not hot paths.
/// </summary>
public static class SbeText
{
    private static readonly Encoding Ascii = Encoding.ASCII;
    private static readonly Encoding Utf8 = new UTF8Encoding(encoderShouldEmitUTF8Identifier: false);
    private static readonly Encoding Latin1 = Encoding.Latin1;

    /// <summary>
    /// The encoding for a schema characterEncoding value. ASCII (the SBE default for char) when
    /// absent; UTF-8, UTF-16 (LE/BE) and UTF-32 by name; ISO-8859-1 (Latin-1) for any other name,
    /// so every byte still maps to exactly one character. Generated code calls this once per
    /// encoding name and caches the result.
    /// </summary>
    public static Encoding ForName(string? characterEncoding)
    {
        if (string.IsNullOrWhiteSpace(characterEncoding))
        {
            return Ascii;
        }

        string name = characterEncoding.Trim();
        if (Is(name, "ASCII") || Is(name, "US-ASCII"))
        {
            return Ascii;
        }

        if (Is(name, "UTF-8") || Is(name, "UTF8"))
        {
            return Utf8;
        }

        if (Is(name, "UTF-16") || Is(name, "UTF-16LE"))
        {
            return Encoding.Unicode;
        }

        if (Is(name, "UTF-16BE"))
        {
            return Encoding.BigEndianUnicode;
        }

        if (Is(name, "UTF-32") || Is(name, "UTF-32LE"))
        {
            return Encoding.UTF32;
        }

        return Latin1;
    }

    /// <summary>UTF-8 without a byte order mark.</summary>
    public static Encoding Utf8Encoding => Utf8;

    /// <summary>US-ASCII.</summary>
    public static Encoding AsciiEncoding => Ascii;

    private static bool Is(string name, string expected) => string.Equals(name, expected, StringComparison.OrdinalIgnoreCase);

    /// <summary>Number of bytes before the first NUL (or the whole span when there is none).</summary>
    public static int TerminatedLength(ReadOnlySpan<byte> bytes)
    {
        int nul = bytes.IndexOf((byte)0);
        return nul < 0 ? bytes.Length : nul;
    }

    /// <summary>Decodes a fixed-length char array up to its first NUL.</summary>
    public static string DecodeFixed(ReadOnlySpan<byte> bytes, Encoding encoding) =>
        encoding.GetString(bytes.Slice(0, TerminatedLength(bytes)));

    /// <summary>Decodes variable-length character data (every byte is content).</summary>
    public static string Decode(ReadOnlySpan<byte> bytes, Encoding encoding) =>
        encoding.GetString(bytes);

    /// <summary>
    /// Encodes <paramref name="value"/> into a fixed-length char array, padding with NUL.
    /// Throws <see cref="SbeEncodeException"/> when the encoded text is longer than the field.
    /// </summary>
    public static void EncodeFixed(ReadOnlySpan<char> value, Span<byte> destination, Encoding encoding, string element, int offset)
    {
        int count = encoding.GetByteCount(value);
        if (count > destination.Length)
        {
            SbeThrow.Encode(SbeErrorCode.ValueOutOfRange, element, offset, count, destination.Length);
        }

        int written = encoding.GetBytes(value, destination);
        destination.Slice(written).Clear();
    }

    /// <summary>
    /// Copies raw bytes into a fixed-length array, padding with NUL. Throws
    /// <see cref="SbeEncodeException"/> when <paramref name="value"/> is longer than the field.
    /// </summary>
    public static void CopyFixed(ReadOnlySpan<byte> value, Span<byte> destination, string element, int offset)
    {
        if (value.Length > destination.Length)
        {
            SbeThrow.Encode(SbeErrorCode.ValueOutOfRange, element, offset, value.Length, destination.Length);
        }

        value.CopyTo(destination);
        destination.Slice(value.Length).Clear();
    }
}
