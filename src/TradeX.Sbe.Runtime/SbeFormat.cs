using System.Globalization;
using System.Text;

namespace TradeX.Sbe.Runtime;

/// <summary>
/// Rendering of decoded values for the generated <c>ToString()</c> dumps (logs and tools, never
/// the hot path). The format is documented in docs/sbe.md: text in double quotes with C-style
/// escapes, single chars in single quotes, binary data as 0x-prefixed hex, floats round-trippable.
/// </summary>
public static class SbeFormat
{
    /// <summary>Appends text decoded from <paramref name="bytes"/> in double quotes.</summary>
    public static void AppendQuoted(StringBuilder builder, ReadOnlySpan<byte> bytes, Encoding encoding)
    {
        AppendQuoted(builder, SbeText.Decode(bytes, encoding));
    }

    /// <summary>Appends a fixed-length char array (up to its first NUL) in double quotes.</summary>
    public static void AppendFixedQuoted(StringBuilder builder, ReadOnlySpan<byte> bytes, Encoding encoding)
    {
        AppendQuoted(builder, SbeText.DecodeFixed(bytes, encoding));
    }

    /// <summary>
    /// Starts the next "name=value" item of a dump: a ", " separator unless it is the first item,
    /// then the name and '='.
    /// </summary>
    public static void Name(StringBuilder builder, ref bool first, string name)
    {
        if (!first)
        {
            builder.Append(", ");
        }

        first = false;
        builder.Append(name).Append('=');
    }

    /// <summary>Appends <paramref name="text"/> in double quotes, escaping quotes, backslashes and control characters.</summary>
    public static void AppendQuoted(StringBuilder builder, string text)
    {
        builder.Append('"');
        foreach (char c in text)
        {
            AppendEscaped(builder, c, '"');
        }

        builder.Append('"');
    }

    /// <summary>Appends a single SBE char in single quotes; non-printable codes as \xNN.</summary>
    public static void AppendChar(StringBuilder builder, byte value)
    {
        builder.Append('\'');
        AppendEscaped(builder, (char)value, '\'');
        builder.Append('\'');
    }

    /// <summary>Appends binary data as 0x followed by lowercase hex pairs.</summary>
    public static void AppendHex(StringBuilder builder, ReadOnlySpan<byte> bytes)
    {
        builder.Append("0x");
        foreach (byte b in bytes)
        {
            builder.Append(b.ToString("x2", CultureInfo.InvariantCulture));
        }
    }

    /// <summary>Appends a float so that parsing it gives back the same value.</summary>
    public static void AppendFloat(StringBuilder builder, float value) =>
        builder.Append(value.ToString("R", CultureInfo.InvariantCulture));

    /// <summary>Appends a double so that parsing it gives back the same value.</summary>
    public static void AppendDouble(StringBuilder builder, double value) =>
        builder.Append(value.ToString("R", CultureInfo.InvariantCulture));

    /// <summary>Appends an integer in invariant decimal.</summary>
    public static void AppendInteger(StringBuilder builder, long value) =>
        builder.Append(value.ToString(CultureInfo.InvariantCulture));

    /// <summary>Appends an unsigned integer in invariant decimal.</summary>
    public static void AppendInteger(StringBuilder builder, ulong value) =>
        builder.Append(value.ToString(CultureInfo.InvariantCulture));

    private static void AppendEscaped(StringBuilder builder, char c, char quote)
    {
        if (c == quote || c == '\\')
        {
            builder.Append('\\').Append(c);
        }
        else if (c < 0x20 || c == 0x7f)
        {
            builder.Append("\\x").Append(((int)c).ToString("x2", CultureInfo.InvariantCulture));
        }
        else
        {
            builder.Append(c);
        }
    }
}
