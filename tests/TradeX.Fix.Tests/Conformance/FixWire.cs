using System.Globalization;
using System.Text;

namespace TradeX.Fix.Tests.Conformance;

/// <summary>
/// The scripted peer's own tag=value codec, written apart from TradeX.Fix (FIX 4.4 Volume 2, "Message
/// format"): a framing bug in the engine cannot hide behind the same bug here. Text uses '|' for SOH.
/// Use it to put exact bytes on the wire, including wrong ones on purpose.
/// </summary>
public static class FixWire
{
    public const byte Soh = 1;

    /// <summary>
    /// Frames <paramref name="fromMsgType"/> (everything after BodyLength, e.g. "35=0|34=2|49=A|52=...|56=B|")
    /// as <c>8=BeginString|9=BodyLength|...|10=CheckSum|</c>. BodyLength and CheckSum are computed unless given,
    /// so a test can send them wrong.
    /// </summary>
    public static byte[] Frame(string fromMsgType, string beginString = "FIX.4.4", int? bodyLength = null, string? checkSum = null)
    {
        var body = Bytes(fromMsgType);
        var head = Bytes($"8={beginString}|9={(bodyLength ?? body.Length).ToString(CultureInfo.InvariantCulture)}|");
        byte[] frame = [.. head, .. body];
        var trailer = Bytes($"10={checkSum ?? CheckSum(frame).ToString("000", CultureInfo.InvariantCulture)}|");
        return [.. frame, .. trailer];
    }

    /// <summary>The text as bytes, '|' turned into SOH; nothing computed (for frames laid out by hand).</summary>
    public static byte[] Bytes(string pipes) => Encoding.ASCII.GetBytes(pipes.Replace('|', '\u0001'));

    /// <summary>FIX's CheckSum: the sum of every byte up to and including the SOH before "10=", modulo 256.</summary>
    public static int CheckSum(ReadOnlySpan<byte> bytes)
    {
        int sum = 0;
        foreach (byte b in bytes) sum += b;
        return sum % 256;
    }

    public static string Visible(ReadOnlySpan<byte> bytes) => Encoding.ASCII.GetString(bytes).Replace('\u0001', '|');

    /// <summary>FIX UTCTimestamp with milliseconds, as the peer writes SendingTime and OrigSendingTime.</summary>
    public static string Timestamp(DateTime utc) => utc.ToString("yyyyMMdd-HH:mm:ss.fff", CultureInfo.InvariantCulture);

    /// <summary>
    /// Length of the first complete frame in <paramref name="buffer"/>, 0 if more bytes are needed. Checks what
    /// the engine must get right in every frame it sends: it starts with 8=, BodyLength is the second field and
    /// counts exactly the bytes up to "10=", CheckSum is three digits, last, and correct. Anything else fails the
    /// test with the bytes seen.
    /// </summary>
    public static int FindFrame(ReadOnlySpan<byte> buffer)
    {
        if (buffer.Length < 2) return 0;
        if (buffer[0] != (byte)'8' || buffer[1] != (byte)'=') Fail("does not start with 8=", buffer);
        int beginEnd = buffer.IndexOf(Soh);
        if (beginEnd < 0) return 0;
        var rest = buffer[(beginEnd + 1)..];
        if (rest.Length < 2) return 0;
        if (rest[0] != (byte)'9' || rest[1] != (byte)'=') Fail("BodyLength is not the second field", buffer);
        int lengthEnd = rest.IndexOf(Soh);
        if (lengthEnd < 0) return 0;
        if (!int.TryParse(rest[2..lengthEnd], NumberStyles.None, CultureInfo.InvariantCulture, out int bodyLength))
            Fail("BodyLength is not a number", buffer);
        int bodyStart = beginEnd + 1 + lengthEnd + 1;
        int trailerStart = bodyStart + bodyLength;
        int end = trailerStart + 7;   // "10=nnn<SOH>"
        if (buffer.Length < end) return 0;
        if (buffer[trailerStart - 1] != Soh || !buffer[trailerStart..].StartsWith("10="u8) || buffer[end - 1] != Soh)
            Fail($"BodyLength {bodyLength} does not end where CheckSum begins", buffer[..end]);
        var digits = buffer.Slice(trailerStart + 3, 3);
        if (!int.TryParse(digits, NumberStyles.None, CultureInfo.InvariantCulture, out int checkSum))
            Fail("CheckSum is not three digits", buffer[..end]);
        int computed = CheckSum(buffer[..trailerStart]);
        if (checkSum != computed) Fail($"CheckSum {checkSum:000} is wrong (computed {computed:000})", buffer[..end]);
        return end;
    }

    private static void Fail(string what, ReadOnlySpan<byte> bytes) =>
        Assert.Fail($"our engine sent a malformed frame: {what}: {Visible(bytes)}");
}
