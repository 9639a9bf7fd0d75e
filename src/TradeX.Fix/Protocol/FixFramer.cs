namespace TradeX.Fix.Protocol;

/// <summary>
/// Splits a TCP byte stream into FIX frames the way QuickFIX does, since a counterparty's FIX desk knows its
/// behaviour: a frame starts at "8=FIX", BodyLength(9) says where the body ends, and the frame ends with the
/// first "&lt;SOH&gt;10=" at or after the last byte of that body, through the SOH after the checksum. Garbage
/// before a frame is skipped up to the next "8=FIX", so one damaged message never desynchronises the stream
/// for good.
/// </summary>
/// <remarks>
/// The consequences of a wrong BodyLength are QuickFIX's: one too short still ends at the message's own
/// checksum (the frame is the message, which then fails its length check); one too long runs on to the
/// checksum of the next message, so both are one garbled frame, ignored whole — the peer's resend recovers
/// them. A BodyLength beyond the maximum frame size, or no checksum within it, is garbage.
/// </remarks>
public static class FixFramer
{
    private static ReadOnlySpan<byte> FrameStart => "8=FIX"u8;
    private static ReadOnlySpan<byte> CheckSumStart => "\u000110="u8;
    private static ReadOnlySpan<byte> BodyLengthStart => "\u00019="u8;
    // How far into a frame BodyLength is looked for when it is not the second field.
    private const int BodyLengthSearchLimit = 256;

    /// <summary>
    /// Looks at the start of <paramref name="buffer"/>. Returns the length of a complete frame (&gt; 0),
    /// 0 when more bytes are needed, or minus the number of garbage bytes to drop (&lt; 0).
    /// A returned frame may still be garbled (bad BodyLength or CheckSum); <see cref="FixMessage.Parse"/> decides,
    /// and the whole frame is then dropped.
    /// </summary>
    public static int Find(ReadOnlySpan<byte> buffer, int maxMessageSize)
    {
        if (buffer.IsEmpty) return 0;
        int probe = Math.Min(buffer.Length, FrameStart.Length);
        if (!buffer[..probe].SequenceEqual(FrameStart[..probe])) return -SkipToNextStart(buffer);
        if (buffer.Length < FrameStart.Length) return 0;

        int soh = buffer.IndexOf((byte)1);
        if (soh < 0) return buffer.Length > 32 ? -SkipToNextStart(buffer) : 0;
        // BodyLength is the first "9=" field wherever it stands (QuickFIX): BodyLength counts from the end of that
        // field, so a message with MsgType before BodyLength ends late, and is garbled. Another frame's start
        // before any "9=", or none in the first bytes, is garbage.
        int pos = soh + 1;
        if (buffer.Length < pos + 2) return 0;
        if (buffer[pos] != (byte)'9' || buffer[pos + 1] != (byte)'=')
        {
            int window = Math.Min(buffer.Length, BodyLengthSearchLimit);
            int at9 = buffer[soh..window].IndexOf(BodyLengthStart);
            int atNext = buffer[1..window].IndexOf(FrameStart);
            if (at9 < 0) return buffer.Length >= BodyLengthSearchLimit || atNext >= 0 ? -SkipToNextStart(buffer) : 0;
            if (atNext >= 0 && atNext + 1 < soh + at9) return -SkipToNextStart(buffer);
            pos = soh + at9 + 1;
        }
        pos += 2;
        long bodyLength = 0;
        int digits = 0;
        while (true)
        {
            if (pos >= buffer.Length) return digits > 9 ? -SkipToNextStart(buffer) : 0;
            byte c = buffer[pos];
            if (c == 1) break;
            uint d = (uint)(c - '0');
            if (d > 9 || ++digits > 9) return -SkipToNextStart(buffer);
            bodyLength = bodyLength * 10 + d;
            pos++;
        }
        if (digits == 0) return -SkipToNextStart(buffer);
        long bodyEnd = pos + 1 + bodyLength;
        // "10=nnn<SOH>" follows the body: a frame shorter than that is not possible.
        if (bodyEnd + 7 > maxMessageSize) return -SkipToNextStart(buffer);
        if (buffer.Length < bodyEnd) return 0;

        // The checksum is looked for from the body's last byte, its SOH when BodyLength is right.
        int from = (int)bodyEnd - 1;
        int limit = Math.Min(buffer.Length, maxMessageSize);
        int at = buffer[from..limit].IndexOf(CheckSumStart);
        if (at >= 0)
        {
            int value = from + at + CheckSumStart.Length;
            int end = buffer[value..limit].IndexOf((byte)1);
            if (end >= 0) return value + end + 1;
        }
        return buffer.Length >= maxMessageSize ? -SkipToNextStart(buffer) : 0;
    }

    /// <summary>
    /// How many bytes to drop so the buffer starts at the next "8=FIX" after position 0; keeps a tail
    /// that could be the beginning of one.
    /// </summary>
    public static int SkipToNextStart(ReadOnlySpan<byte> buffer)
    {
        if (buffer.Length <= 1) return buffer.Length;
        int next = buffer[1..].IndexOf(FrameStart);
        if (next >= 0) return next + 1;
        // Keep up to four trailing bytes that might be the start of "8=FIX".
        int keep = 0;
        for (int k = Math.Min(FrameStart.Length - 1, buffer.Length - 1); k > 0; k--)
        {
            if (buffer[^k..].SequenceEqual(FrameStart[..k])) { keep = k; break; }
        }
        return buffer.Length - keep;
    }
}
