namespace TradeX.Fix.Protocol;

/// <summary>
/// Frames a body into a complete FIX message: BeginString, BodyLength (computed), the session header,
/// the body and CheckSum (computed). Writes into its own reusable buffer; the returned span is valid
/// until the next <see cref="Build"/>. One per session, used under the session's send lock.
/// </summary>
public sealed class FixFrameBuilder
{
    // Room in front of the header for "8=FIX.4.4<SOH>9=nnnnnn<SOH>": BodyLength is known only after
    // the rest is written, so the prefix is written backwards into this gap.
    private const int Prefix = 48;
    private byte[] _buffer;
    private readonly byte[] _beginString;
    private readonly UtcTimestampWriter _timestamps = new();

    public FixFrameBuilder(string beginString, int initialCapacity = 2048)
    {
        _beginString = new byte[beginString.Length];
        FixOutboundMessage.Ascii(beginString, _beginString);
        if (_beginString.Length > 20) throw new ArgumentException("BeginString too long", nameof(beginString));
        _buffer = new byte[initialCapacity];
    }

    /// <summary>
    /// Builds the frame. <paramref name="origSendingTime"/> is written (with PossDupFlag=Y) only for a
    /// resend; <paramref name="extraHeader"/> holds any further encoded header fields.
    /// </summary>
    public ReadOnlySpan<byte> Build(
        ReadOnlySpan<byte> msgType, ReadOnlySpan<byte> senderCompId, ReadOnlySpan<byte> targetCompId,
        int msgSeqNum, DateTime sendingTime, ReadOnlySpan<byte> body,
        bool possDup = false, DateTime origSendingTime = default, ReadOnlySpan<byte> extraHeader = default)
    {
        int need = Prefix + msgType.Length + senderCompId.Length + targetCompId.Length + extraHeader.Length + body.Length + 128;
        if (need > _buffer.Length) _buffer = new byte[Math.Max(need, _buffer.Length * 2)];
        var d = _buffer.AsSpan();
        int p = Prefix;
        p += Field(d[p..], Tag.MsgType, msgType);
        p += Field(d[p..], Tag.SenderCompID, senderCompId);
        p += Field(d[p..], Tag.TargetCompID, targetCompId);
        p += FixOutboundMessage.WriteTag(d[p..], Tag.MsgSeqNum);
        p += FixValues.WriteInt(d[p..], msgSeqNum);
        d[p++] = 1;
        if (possDup) p += Field(d[p..], Tag.PossDupFlag, "Y"u8);
        p += FixOutboundMessage.WriteTag(d[p..], Tag.SendingTime);
        p += _timestamps.Write(d[p..], sendingTime);
        d[p++] = 1;
        if (possDup && origSendingTime != default)
        {
            p += FixOutboundMessage.WriteTag(d[p..], Tag.OrigSendingTime);
            p += _timestamps.Write(d[p..], origSendingTime);
            d[p++] = 1;
        }
        extraHeader.CopyTo(d[p..]);
        p += extraHeader.Length;
        body.CopyTo(d[p..]);
        p += body.Length;
        int bodyLength = p - Prefix;

        // Prefix written right-aligned against the header: "8=<BeginString><SOH>9=<len><SOH>".
        int lenDigits = FixValues.CountDigits((ulong)bodyLength);
        int start = Prefix - (2 + _beginString.Length + 1 + 2 + lenDigits + 1);
        int q = start;
        d[q++] = (byte)'8'; d[q++] = (byte)'=';
        _beginString.CopyTo(d[q..]);
        q += _beginString.Length;
        d[q++] = 1;
        d[q++] = (byte)'9'; d[q++] = (byte)'=';
        q += FixValues.WriteInt(d[q..], bodyLength);
        d[q] = 1;

        int checksum = FixChecksum.Compute(d[start..p]);
        d[p++] = (byte)'1'; d[p++] = (byte)'0'; d[p++] = (byte)'=';
        FixChecksum.WriteDigits(d[p..], checksum);
        p += 3;
        d[p++] = 1;
        return d[start..p];
    }

    private static int Field(Span<byte> d, int tag, ReadOnlySpan<byte> value)
    {
        int n = FixOutboundMessage.WriteTag(d, tag);
        value.CopyTo(d[n..]);
        n += value.Length;
        d[n] = 1;
        return n + 1;
    }
}
