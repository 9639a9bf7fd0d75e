using System.Runtime.CompilerServices;
using System.Text;

namespace TradeX.Fix.Protocol;

/// <summary>
/// An application message being built: its MsgType and its body fields in wire order. The session
/// adds the standard header (BeginString, BodyLength, CompIDs, MsgSeqNum, SendingTime) and the
/// CheckSum when it sends, so the same instance is reused for every message without allocating.
/// Not thread-safe: one per producing thread.
/// </summary>
/// <remarks>
/// FIX string fields are ASCII: <see cref="Add(int, string)"/> refuses anything else. Text in another encoding
/// (a Japanese or Chinese name, an accented street) goes in an encoded field pair, its length first —
/// <see cref="AddEncoded(int, int, string, Encoding)"/>, e.g. EncodedTextLen(354)/EncodedText(355) with
/// MessageEncoding(347) in the <see cref="Header"/>; raw bytes (RawData 95/96, XmlData 212/213) go through
/// <see cref="AddData"/>. Data values are delimited by their length, not by SOH, so they may hold any byte.
/// </remarks>
public sealed class FixOutboundMessage
{
    private byte[] _body;
    private int _length;
    private readonly byte[] _msgType = new byte[8];
    private int _msgTypeLength;
    private readonly UtcTimestampWriter _timestamps = new();

    public FixOutboundMessage(int initialCapacity = 1024) => _body = new byte[initialCapacity];

    public ReadOnlySpan<byte> MsgType => _msgType.AsSpan(0, _msgTypeLength);

    /// <summary>The body fields written so far, each "tag=value&lt;SOH&gt;".</summary>
    public ReadOnlySpan<byte> Body => _body.AsSpan(0, _length);

    /// <summary>
    /// Optional standard-header fields of this message, written with the same Add methods: PossResend(97),
    /// OnBehalfOfCompID(115), DeliverToCompID(128), the sub and location ids, MessageEncoding(347)... The
    /// session writes BeginString, BodyLength, MsgType, SenderCompID, TargetCompID, MsgSeqNum, SendingTime,
    /// PossDupFlag, OrigSendingTime and CheckSum itself and refuses a message that sets one of them here; the
    /// frame puts every header field in ascending tag order after 8, 9 and 35. Cleared by <see cref="Reset(ReadOnlySpan{byte})"/>.
    /// </summary>
    public FixOutboundMessage Header => _header ??= _isHeader
        ? throw new InvalidOperationException("a header has no header")
        : new FixOutboundMessage(128, isHeader: true);

    /// <summary>The header fields added through <see cref="Header"/>, encoded; empty when none.</summary>
    public ReadOnlySpan<byte> HeaderFields => _header is null ? default : _header.Body;

    private FixOutboundMessage(int initialCapacity, bool isHeader) : this(initialCapacity) => _isHeader = isHeader;
    private FixOutboundMessage? _header;
    private readonly bool _isHeader;

    /// <summary>Starts a new message of <paramref name="msgType"/>, discarding the previous body and header fields.</summary>
    public FixOutboundMessage Reset(ReadOnlySpan<byte> msgType)
    {
        if (msgType.IsEmpty || msgType.Length > _msgType.Length) throw new ArgumentException("MsgType must be 1..8 bytes", nameof(msgType));
        msgType.CopyTo(_msgType);
        _msgTypeLength = msgType.Length;
        _length = 0;
        _header?.Clear();
        return this;
    }

    private void Clear() => _length = 0;

    public FixOutboundMessage Reset(string msgType)
    {
        Span<byte> tmp = stackalloc byte[8];
        return Reset(tmp[..Ascii(msgType, tmp)]);
    }

    public FixOutboundMessage Add(int tag, ReadOnlySpan<byte> value)
    {
        var d = Reserve(value.Length + 12);
        int n = WriteTag(d, tag);
        value.CopyTo(d[n..]);
        n += value.Length;
        d[n] = 1;
        _length += n + 1;
        return this;
    }

    /// <summary>
    /// An ASCII string value; encodes in place without allocating. Throws on a character above 0x7F or SOH:
    /// such text belongs in an encoded field, <see cref="AddEncoded(int, int, string, Encoding)"/>.
    /// </summary>
    public FixOutboundMessage Add(int tag, string value)
    {
        var d = Reserve(value.Length + 12);
        int n = WriteTag(d, tag);
        if (!TryAscii(value, d[n..]))
            throw new ArgumentException(
                $"tag {tag}: FIX string values are ASCII without SOH; send other text as an encoded field with AddEncoded(lengthTag, dataTag, text, encoding), e.g. EncodedText (354/355)",
                nameof(value));
        n += value.Length;
        d[n] = 1;
        _length += n + 1;
        return this;
    }

    /// <summary>
    /// A raw data field and its length field: "<paramref name="lengthTag"/>=N&lt;SOH&gt;<paramref name="dataTag"/>=bytes&lt;SOH&gt;"
    /// (RawDataLength 95/RawData 96, XmlDataLen 212/XmlData 213, SecureDataLen 90/SecureData 91 in a header...).
    /// The bytes may be anything, SOH included: a reader takes exactly N of them.
    /// </summary>
    public FixOutboundMessage AddData(int lengthTag, int dataTag, ReadOnlySpan<byte> data)
    {
        var d = Reserve(data.Length + 36);
        int n = DataPrefix(d, lengthTag, dataTag, data.Length);
        data.CopyTo(d[n..]);
        n += data.Length;
        d[n] = 1;
        _length += n + 1;
        return this;
    }

    /// <summary>
    /// Text already encoded (UTF-8, Shift_JIS, ... as MessageEncoding(347) names) as a length-delimited pair:
    /// EncodedTextLen(354)/EncodedText(355), EncodedIssuerLen(348)/EncodedIssuer(349) and the other Encoded* pairs.
    /// The same wire form as <see cref="AddData"/>.
    /// </summary>
    public FixOutboundMessage AddEncoded(int lengthTag, int dataTag, ReadOnlySpan<byte> bytes) => AddData(lengthTag, dataTag, bytes);

    /// <summary>
    /// <paramref name="text"/> encoded with <paramref name="encoding"/> straight into the message (no intermediate
    /// array), as a length-delimited pair like <see cref="AddEncoded(int, int, ReadOnlySpan{byte})"/>.
    /// </summary>
    public FixOutboundMessage AddEncoded(int lengthTag, int dataTag, string text, Encoding encoding)
    {
        int count = encoding.GetByteCount(text);
        var d = Reserve(count + 36);
        int n = DataPrefix(d, lengthTag, dataTag, count);
        n += encoding.GetBytes(text, d[n..]);
        d[n] = 1;
        _length += n + 1;
        return this;
    }

    public FixOutboundMessage Add(int tag, long value)
    {
        var d = Reserve(32);
        int n = WriteTag(d, tag);
        n += FixValues.WriteInt(d[n..], value);
        d[n] = 1;
        _length += n + 1;
        return this;
    }

    public FixOutboundMessage AddChar(int tag, byte value)
    {
        var d = Reserve(14);
        int n = WriteTag(d, tag);
        d[n] = value;
        d[n + 1] = 1;
        _length += n + 2;
        return this;
    }

    public FixOutboundMessage AddBool(int tag, bool value) => AddChar(tag, value ? (byte)'Y' : (byte)'N');

    /// <summary>A fixed-point decimal: <paramref name="mantissa"/> at <paramref name="scale"/> decimals.</summary>
    public FixOutboundMessage AddDecimal(int tag, long mantissa, int scale)
    {
        var d = Reserve(44);
        int n = WriteTag(d, tag);
        n += FixValues.WriteDecimal(d[n..], mantissa, scale);
        d[n] = 1;
        _length += n + 1;
        return this;
    }

    public FixOutboundMessage AddUtcTimestamp(int tag, DateTime utc)
    {
        var d = Reserve(34);
        int n = WriteTag(d, tag);
        n += _timestamps.Write(d[n..], utc);
        d[n] = 1;
        _length += n + 1;
        return this;
    }

    /// <summary>"lengthTag=length&lt;SOH&gt;dataTag=": what comes before a data value.</summary>
    private static int DataPrefix(Span<byte> d, int lengthTag, int dataTag, int length)
    {
        int n = WriteTag(d, lengthTag);
        n += FixValues.WriteInt(d[n..], length);
        d[n++] = 1;
        return n + WriteTag(d[n..], dataTag);
    }

    /// <summary>Appends fields already encoded as "tag=value&lt;SOH&gt;..." (used to copy a stored body).</summary>
    public FixOutboundMessage AddRaw(ReadOnlySpan<byte> encodedFields)
    {
        encodedFields.CopyTo(Reserve(encodedFields.Length));
        _length += encodedFields.Length;
        return this;
    }

    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    private Span<byte> Reserve(int bytes)
    {
        if (_length + bytes > _body.Length) Array.Resize(ref _body, Math.Max(_body.Length * 2, _length + bytes));
        return _body.AsSpan(_length);
    }

    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    internal static int WriteTag(Span<byte> d, int tag)
    {
        // Tags are almost always 1 to 3 digits: unrolled, they cost a few stores.
        if ((uint)tag < 1000 && d.Length >= 4)
        {
            if (tag < 10) { d[0] = (byte)('0' + tag); d[1] = (byte)'='; return 2; }
            if (tag < 100) { d[0] = (byte)('0' + tag / 10); d[1] = (byte)('0' + tag % 10); d[2] = (byte)'='; return 3; }
            d[0] = (byte)('0' + tag / 100); d[1] = (byte)('0' + tag / 10 % 10); d[2] = (byte)('0' + tag % 10); d[3] = (byte)'=';
            return 4;
        }
        int n = FixValues.WriteInt(d, tag);
        d[n] = (byte)'=';
        return n + 1;
    }

    internal static int Ascii(string s, Span<byte> destination) =>
        TryAscii(s, destination) ? s.Length : throw new ArgumentException("FIX string values are ASCII without SOH", nameof(s));

    private static bool TryAscii(string s, Span<byte> destination)
    {
        for (int i = 0; i < s.Length; i++)
        {
            char c = s[i];
            if (c > 0x7F || c == '\u0001') return false;
            destination[i] = (byte)c;
        }
        return true;
    }
}
