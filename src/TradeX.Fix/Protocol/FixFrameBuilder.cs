namespace TradeX.Fix.Protocol;

/// <summary>
/// Frames a body into a complete FIX message: BeginString, BodyLength (computed), the session header,
/// the body and CheckSum (computed). Writes into its own reusable buffer; the returned span is valid
/// until the next <see cref="Build"/>. One per session, used under the session's send lock.
/// </summary>
/// <remarks>
/// The header is laid out as QuickFIX lays it out, which is what a counterparty comparing messages field by
/// field expects: 8, 9, 35, then every other header field in ascending tag order — MsgSeqNum(34),
/// PossDupFlag(43), SenderCompID(49), SendingTime(52), TargetCompID(56), OrigSendingTime(122) merged with the
/// optional fields of the <c>extraHeader</c> argument — then the body as given, then CheckSum(10).
/// </remarks>
public sealed class FixFrameBuilder
{
    // Room in front of the header for "8=FIX.4.4<SOH>9=nnnnnn<SOH>": BodyLength is known only after
    // the rest is written, so the prefix is written backwards into this gap.
    private const int Prefix = 48;
    private byte[] _buffer;
    private readonly byte[] _beginString;
    private readonly UtcTimestampWriter _timestamps = new();
    private readonly int _timestampPrecision;
    private readonly ExtraHeaderFields _extra = new();

    /// <param name="beginString">"FIX.4.4".</param>
    /// <param name="initialCapacity">First size of the frame buffer; it grows to the largest frame once.</param>
    /// <param name="timestampPrecision">
    /// Digits of the second in SendingTime(52) and OrigSendingTime(122): 0 ("yyyyMMdd-HH:mm:ss"), 3 (FIX 4.4's
    /// milliseconds, the default), 6 or 9 (QuickFIX's TimestampPrecision).
    /// </param>
    public FixFrameBuilder(string beginString, int initialCapacity = 2048, int timestampPrecision = 3)
    {
        _beginString = new byte[beginString.Length];
        FixOutboundMessage.Ascii(beginString, _beginString);
        if (_beginString.Length > 20) throw new ArgumentException("BeginString too long", nameof(beginString));
        if (!UtcTimestampWriter.IsValidPrecision(timestampPrecision))
            throw new ArgumentOutOfRangeException(nameof(timestampPrecision), timestampPrecision, "timestamp precision is 0, 3, 6 or 9 digits");
        _timestampPrecision = timestampPrecision;
        _buffer = new byte[initialCapacity];
    }

    /// <summary>Digits of the second written in SendingTime and OrigSendingTime.</summary>
    public int TimestampPrecision => _timestampPrecision;

    /// <summary>
    /// Builds the frame. <paramref name="origSendingTime"/> is written (with PossDupFlag=Y) only for a
    /// resend; <paramref name="extraHeader"/> holds any further encoded header fields, "tag=value&lt;SOH&gt;..."
    /// in any order, which take their place among the session's own header fields by tag number. A data field
    /// (SecureData 91, XmlData 213) stays right behind its length field, and the NoHops(627) group stays whole
    /// in its given order, at 627's place.
    /// </summary>
    public ReadOnlySpan<byte> Build(
        ReadOnlySpan<byte> msgType, ReadOnlySpan<byte> senderCompId, ReadOnlySpan<byte> targetCompId,
        int msgSeqNum, DateTime sendingTime, ReadOnlySpan<byte> body,
        bool possDup = false, DateTime origSendingTime = default, ReadOnlySpan<byte> extraHeader = default)
    {
        int need = Prefix + msgType.Length + senderCompId.Length + targetCompId.Length + extraHeader.Length + body.Length
            + 2 * UtcTimestampWriter.MaxLength + 128;
        if (need > _buffer.Length) _buffer = new byte[Math.Max(need, _buffer.Length * 2)];
        var extra = _extra;
        extra.Split(extraHeader);
        var d = _buffer.AsSpan();
        int p = Prefix;
        p += Field(d[p..], Tag.MsgType, msgType);
        p += extra.WriteBelow(d[p..], Tag.MsgSeqNum, extraHeader);
        p += FixOutboundMessage.WriteTag(d[p..], Tag.MsgSeqNum);
        p += FixValues.WriteInt(d[p..], msgSeqNum);
        d[p++] = 1;
        if (possDup)
        {
            p += extra.WriteBelow(d[p..], Tag.PossDupFlag, extraHeader);
            p += Field(d[p..], Tag.PossDupFlag, "Y"u8);
        }
        p += extra.WriteBelow(d[p..], Tag.SenderCompID, extraHeader);
        p += Field(d[p..], Tag.SenderCompID, senderCompId);
        p += extra.WriteBelow(d[p..], Tag.SendingTime, extraHeader);
        p += Timestamp(d[p..], Tag.SendingTime, sendingTime);
        p += extra.WriteBelow(d[p..], Tag.TargetCompID, extraHeader);
        p += Field(d[p..], Tag.TargetCompID, targetCompId);
        if (possDup && origSendingTime != default)
        {
            p += extra.WriteBelow(d[p..], Tag.OrigSendingTime, extraHeader);
            p += Timestamp(d[p..], Tag.OrigSendingTime, origSendingTime);
        }
        p += extra.WriteRest(d[p..], extraHeader);
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

    private int Timestamp(Span<byte> d, int tag, DateTime utc)
    {
        int n = FixOutboundMessage.WriteTag(d, tag);
        n += _timestamps.Write(d[n..], utc, _timestampPrecision);
        d[n] = 1;
        return n + 1;
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
