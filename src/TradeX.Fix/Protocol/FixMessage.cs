using System.Numerics;
using System.Runtime.CompilerServices;
using System.Runtime.InteropServices;
using System.Runtime.Intrinsics;
using System.Text;

namespace TradeX.Fix.Protocol;

/// <summary>
/// A parsed FIX message: a reusable flyweight over a private copy of one frame's bytes, with the
/// position of every field. Parse into the same instance again and again; nothing is allocated per
/// message once its buffers have grown to the largest message seen. Values are exposed as spans over
/// the frame and are valid until the next <see cref="Parse"/>: copy what must outlive a callback.
/// Repeating groups are kept flat in wire order; <see cref="FindNext"/> and the validator walk them.
/// </summary>
/// <remarks>
/// <para>Fields are one flat list in wire order, index 0 (BeginString) to <see cref="FieldCount"/> - 1
/// (CheckSum). It falls into three sections: the header, indices below <see cref="BodyStart"/> (the leading
/// run of standard-header tags, <see cref="IsHeaderTag"/>); the body, <see cref="BodyStart"/> up to
/// <see cref="TrailerStart"/>; the trailer, <see cref="TrailerStart"/> on (the closing run of
/// SignatureLength(93), Signature(89), CheckSum(10), <see cref="IsTrailerTag"/>). A header tag that turns up
/// later (a message out of order, which the validator rejects with reason 14) is inside the body by position:
/// ask <see cref="IsHeaderTag"/> what a field should be, <see cref="IsHeaderIndex"/> where it is.</para>
/// <para>Anything that delimits as a field is a field: a tag of 0 or a negative tag (<c>0=x</c>, <c>-1=x</c>)
/// too, so the validator can answer it with reason 0 (Invalid tag number); a tag that is not a number is
/// garbled. Raw data fields are read by the length their length field announces (the pairs come from the
/// <see cref="DataFieldMap"/>) and may contain SOH.</para>
/// </remarks>
public sealed class FixMessage
{
    /// <summary>Tags below this are found by direct index; higher (user-defined) tags by a scan.</summary>
    private const int DirectTags = 1024;
    private const int MaxFields = 16384;

    private byte[] _buffer;
    private int _length;
    private int[] _tags;
    private int[] _starts;
    private int[] _lengths;
    private int _count;
    private readonly short[] _firstIndex = new short[DirectTags];
    private int _msgSeqNum;
    private bool _hasSeqNum;
    // Sections, found when first asked for (-1: not yet): the parse itself does not pay for them.
    private int _bodyStart = -1;
    private int _trailerStart = -1;
    private readonly DataFieldMap _dataFields;
    private ulong[] _sohBits = new ulong[32];
    private ulong[] _eqBits = new ulong[32];
    private int _words;

    public FixMessage(DataFieldMap? dataFields = null, int initialBytes = 1024, int initialFields = 128)
    {
        _dataFields = dataFields ?? DataFieldMap.Fix44;
        _buffer = new byte[initialBytes];
        _tags = new int[initialFields];
        _starts = new int[initialFields];
        _lengths = new int[initialFields];
    }

    /// <summary>Number of fields, including BeginString, BodyLength and CheckSum.</summary>
    public int FieldCount => _count;

    /// <summary>The whole frame, from "8=" to the SOH after the checksum.</summary>
    public ReadOnlySpan<byte> Frame => _buffer.AsSpan(0, _length);

    public ReadOnlySpan<byte> MsgType => _count > 2 ? ValueAt(2) : default;

    /// <summary>
    /// When false (QuickFIX's ValidateLengthAndChecksum=N), <see cref="Parse"/> accepts a frame whose BodyLength(9)
    /// or CheckSum(10) value is wrong; the frame must still be one (BeginString, BodyLength a number, MsgType
    /// third, CheckSum last). Default true.
    /// </summary>
    public bool ValidateLengthAndChecksum { get; set; } = true;

    /// <summary>MsgSeqNum(34), or 0 when absent or not a number (<see cref="HasMsgSeqNum"/> tells which).</summary>
    public int MsgSeqNum => _msgSeqNum;

    /// <summary>
    /// True when the first MsgSeqNum(34) is an integer, whatever its value: 0 and negative numbers too (a
    /// SequenceReset-Reset with 34=0 must reach the session, which decides what a number means).
    /// </summary>
    public bool HasMsgSeqNum => _hasSeqNum;

    /// <summary>Index of the first body field: the fields before it are the leading run of header tags.</summary>
    public int BodyStart
    {
        get
        {
            if (_bodyStart < 0) FindSections();
            return _bodyStart;
        }
    }

    /// <summary>Index of the first trailer field: from it on, only trailer tags (SignatureLength, Signature, CheckSum).</summary>
    public int TrailerStart
    {
        get
        {
            if (_trailerStart < 0) FindSections();
            return _trailerStart;
        }
    }

    /// <summary>True when the field at <paramref name="index"/> is in the header section (by position).</summary>
    public bool IsHeaderIndex(int index) => (uint)index < (uint)BodyStart;

    /// <summary>True when the field at <paramref name="index"/> is in the trailer section (by position).</summary>
    public bool IsTrailerIndex(int index) => index >= TrailerStart && index < _count;

    /// <summary>
    /// The tags of the FIX 4.4 standard header: 8, 9, 35, 49, 56, 115, 128, 90, 91, 34, 50, 142, 57, 143, 116,
    /// 144, 129, 145, 43, 97, 52, 122, 212, 213, 347, 369, and NoHops(627) with its fields 628, 629, 630.
    /// </summary>
    public static bool IsHeaderTag(int tag) => (uint)tag < HeaderTagLimit && (HeaderTagBits[tag >> 6] & (1UL << tag)) != 0;

    /// <summary>The tags of the FIX 4.4 standard trailer: SignatureLength(93), Signature(89), CheckSum(10).</summary>
    public static bool IsTrailerTag(int tag) => tag is Tag.SignatureLength or Tag.Signature or Tag.CheckSum;

    private const int HeaderTagLimit = 640;
    private static readonly ulong[] HeaderTagBits = HeaderTagSet(
        8, 9, 35, 49, 56, 115, 128, 90, 91, 34, 50, 142, 57, 143, 116, 144, 129, 145, 43, 97, 52, 122, 212, 213, 347, 369,
        627, 628, 629, 630);

    private static ulong[] HeaderTagSet(params int[] tags)
    {
        var bits = new ulong[HeaderTagLimit / 64];
        foreach (int t in tags) bits[t >> 6] |= 1UL << t;
        return bits;
    }

    private void FindSections()
    {
        int body = 0;
        while (body < _count && IsHeaderTag(_tags[body])) body++;
        int trailer = _count;
        while (trailer > body && IsTrailerTag(_tags[trailer - 1])) trailer--;
        _bodyStart = body;
        _trailerStart = trailer;
    }

    public bool PossDupFlag => ValueEquals(Tag.PossDupFlag, "Y"u8);

    public bool IsMsgType(ReadOnlySpan<byte> msgType) => MsgType.SequenceEqual(msgType);

    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    public int TagAt(int index) => _tags[index];

    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    public ReadOnlySpan<byte> ValueAt(int index) => new(_buffer, _starts[index], _lengths[index]);

    /// <summary>Index of the first occurrence of <paramref name="tag"/>, or -1.</summary>
    public int IndexOf(int tag)
    {
        if ((uint)tag < DirectTags) return _firstIndex[tag] - 1;
        for (int i = 0; i < _count; i++) if (_tags[i] == tag) return i;
        return -1;
    }

    /// <summary>Index of the next occurrence of <paramref name="tag"/> at or after <paramref name="from"/>, or -1 (walks group instances).</summary>
    public int FindNext(int tag, int from)
    {
        for (int i = Math.Max(from, 0); i < _count; i++) if (_tags[i] == tag) return i;
        return -1;
    }

    public bool Has(int tag) => IndexOf(tag) >= 0;

    /// <summary>The value of the first occurrence of <paramref name="tag"/>; empty when absent.</summary>
    public ReadOnlySpan<byte> GetValue(int tag)
    {
        int i = IndexOf(tag);
        return i < 0 ? default : ValueAt(i);
    }

    public bool TryGetValue(int tag, out ReadOnlySpan<byte> value)
    {
        int i = IndexOf(tag);
        value = i < 0 ? default : ValueAt(i);
        return i >= 0;
    }

    public bool ValueEquals(int tag, ReadOnlySpan<byte> expected)
    {
        int i = IndexOf(tag);
        return i >= 0 && ValueAt(i).SequenceEqual(expected);
    }

    public bool TryGetInt(int tag, out int value)
    {
        int i = IndexOf(tag);
        if (i < 0) { value = 0; return false; }
        return FixValues.TryParseInt(ValueAt(i), out value);
    }

    public bool TryGetLong(int tag, out long value)
    {
        int i = IndexOf(tag);
        if (i < 0) { value = 0; return false; }
        return FixValues.TryParseInt(ValueAt(i), out value);
    }

    /// <summary>A single-character value (Side, OrdStatus, ExecType...).</summary>
    public bool TryGetChar(int tag, out byte value)
    {
        int i = IndexOf(tag);
        if (i < 0 || _lengths[i] != 1) { value = 0; return false; }
        value = _buffer[_starts[i]];
        return true;
    }

    /// <summary>A decimal value as a fixed-point mantissa at <paramref name="scale"/> decimals.</summary>
    public bool TryGetDecimal(int tag, int scale, out long mantissa)
    {
        int i = IndexOf(tag);
        if (i < 0) { mantissa = 0; return false; }
        return FixValues.TryParseDecimal(ValueAt(i), scale, out mantissa);
    }

    public bool TryGetUtcTimestamp(int tag, out DateTime utc)
    {
        int i = IndexOf(tag);
        if (i < 0) { utc = default; return false; }
        return FixValues.TryParseUtcTimestamp(ValueAt(i), out utc);
    }

    /// <summary>The value as a string. Allocates: for tests, logs and cold paths only.</summary>
    public string? GetString(int tag)
    {
        int i = IndexOf(tag);
        return i < 0 ? null : Encoding.ASCII.GetString(ValueAt(i));
    }

    /// <summary>The frame with SOH shown as '|'. Allocates: for logs and tests.</summary>
    public override string ToString() => Encoding.ASCII.GetString(Frame).Replace('\u0001', '|');

    /// <summary>
    /// Checks framing (BeginString first, BodyLength second and exact, MsgType third, CheckSum last
    /// and correct; BodyLength and CheckSum values only when <see cref="ValidateLengthAndChecksum"/>) and
    /// records every field. On any status but Ok the message content is undefined.
    /// </summary>
    public FixParseStatus Parse(ReadOnlySpan<byte> frame)
    {
        Clear();
        // 64 bytes of slack: the delimiter index reads whole 64-byte blocks.
        if (frame.Length + 64 > _buffer.Length) Grow(frame.Length + 64);
        frame.CopyTo(_buffer);
        _length = frame.Length;
        IndexDelimiters();
        var status = ParseFields();
        if (status != FixParseStatus.Ok) Clear();
        return status;
    }

    private void Clear()
    {
        for (int i = 0; i < _count; i++)
        {
            int t = _tags[i];
            if ((uint)t < DirectTags) _firstIndex[t] = 0;
        }
        _count = 0;
        _msgSeqNum = 0;
        _hasSeqNum = false;
        _bodyStart = -1;
        _trailerStart = -1;
    }

    private void Grow(int bytes)
    {
        int size = _buffer.Length;
        while (size < bytes) size *= 2;
        _buffer = new byte[size];
    }

    /// <summary>
    /// Marks every SOH and '=' of the frame in two bit sets, 64 bytes per vector step, so the field loop
    /// jumps from delimiter to delimiter instead of testing each byte (half the parse time, measured).
    /// </summary>
    private void IndexDelimiters()
    {
        int words = (_length + 63) >> 6;
        if (words > _sohBits.Length)
        {
            _sohBits = new ulong[words * 2];
            _eqBits = new ulong[words * 2];
        }
        _words = words;
        if (Vector256.IsHardwareAccelerated)
        {
            ref byte start = ref MemoryMarshal.GetArrayDataReference(_buffer);
            var soh = Vector256.Create((byte)1);
            var eq = Vector256.Create((byte)'=');
            for (int w = 0; w < words; w++)
            {
                nuint at = (nuint)(w << 6);
                var lo = Vector256.LoadUnsafe(ref start, at);
                var hi = Vector256.LoadUnsafe(ref start, at + 32);
                _sohBits[w] = Vector256.Equals(lo, soh).ExtractMostSignificantBits() | ((ulong)Vector256.Equals(hi, soh).ExtractMostSignificantBits() << 32);
                _eqBits[w] = Vector256.Equals(lo, eq).ExtractMostSignificantBits() | ((ulong)Vector256.Equals(hi, eq).ExtractMostSignificantBits() << 32);
            }
        }
        else
        {
            for (int w = 0; w < words; w++)
            {
                ulong sohBits = 0, eqBits = 0;
                for (int b = 0; b < 64; b++)
                {
                    byte c = _buffer[(w << 6) + b];
                    if (c == 1) sohBits |= 1UL << b;
                    else if (c == (byte)'=') eqBits |= 1UL << b;
                }
                _sohBits[w] = sohBits;
                _eqBits[w] = eqBits;
            }
        }
        int tail = _length & 63;
        if (tail != 0)
        {
            // Bytes past the frame are stale buffer contents: never delimiters.
            _sohBits[words - 1] &= (1UL << tail) - 1;
            _eqBits[words - 1] &= (1UL << tail) - 1;
        }
        // A frame has at most one field per SOH: size the field arrays once, not per field.
        int delimiters = 0;
        for (int w = 0; w < words; w++) delimiters += BitOperations.PopCount(_sohBits[w]);
        if (delimiters > _tags.Length)
        {
            int size = Math.Min(Math.Max(delimiters, _tags.Length * 2), MaxFields);
            _tags = new int[size];
            _starts = new int[size];
            _lengths = new int[size];
        }
    }

    /// <summary>Position of the first set bit at or after <paramref name="from"/>, or -1.</summary>
    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    private int NextBit(ulong[] bits, int from)
    {
        int word = from >> 6;
        if (word >= _words) return -1;
        ulong w = bits[word] & (~0UL << (from & 63));
        while (w == 0)
        {
            if (++word >= _words) return -1;
            w = bits[word];
        }
        return (word << 6) + BitOperations.TrailingZeroCount(w);
    }

    private FixParseStatus ParseFields()
    {
        var span = _buffer.AsSpan(0, _length);
        var sohBits = _sohBits;
        var eqBits = _eqBits;
        var tags = _tags;
        var starts = _starts;
        var lengths = _lengths;
        var dataTable = _dataFields.Table;
        bool validate = ValidateLengthAndChecksum;
        int pendingDataTag = 0;
        int pos = 0;
        int bodyEnd = -1;
        while (pos < span.Length)
        {
            // Tag: 1 to 9 characters before the next '=', digits with an optional '-'; anything else means the
            // framing cannot be trusted.
            int eq = NextBit(eqBits, pos);
            int tagLength = eq - pos;
            if (eq < 0 || tagLength <= 0 || tagLength > 9) return FixParseStatus.MalformedField;
            int tag;
            switch (tagLength)
            {
                case 1:
                    tag = span[pos] - '0';
                    if ((uint)tag > 9) return FixParseStatus.MalformedField;
                    break;
                case 2:
                    {
                        int d0 = span[pos] - '0', d1 = span[pos + 1] - '0';
                        if ((uint)d0 > 9 || (uint)d1 > 9)
                        {
                            if (!TryParseTag(span.Slice(pos, 2), out tag)) return FixParseStatus.MalformedField;
                        }
                        else tag = d0 * 10 + d1;
                        break;
                    }
                case 3:
                    {
                        int d0 = span[pos] - '0', d1 = span[pos + 1] - '0', d2 = span[pos + 2] - '0';
                        if ((uint)d0 > 9 || (uint)d1 > 9 || (uint)d2 > 9)
                        {
                            if (!TryParseTag(span.Slice(pos, 3), out tag)) return FixParseStatus.MalformedField;
                        }
                        else tag = d0 * 100 + d1 * 10 + d2;
                        break;
                    }
                default:
                    if (!TryParseTag(span.Slice(pos, tagLength), out tag)) return FixParseStatus.MalformedField;
                    break;
            }
            int valueStart = eq + 1, valueLength;
            if (pendingDataTag != 0 && tag == pendingDataTag)
            {
                // Raw data may contain SOH and '=': its length field says where it ends.
                if (!FixValues.TryParseInt(ValueAt(_count - 1), out int announced) || announced < 0
                    || valueStart + announced >= span.Length || span[valueStart + announced] != 1)
                    return FixParseStatus.BadDataLength;
                valueLength = announced;
            }
            else
            {
                int end = NextBit(sohBits, valueStart);
                if (end < 0) return FixParseStatus.MalformedField;
                valueLength = end - valueStart;
            }
            int index = _count;
            if (index == tags.Length) return FixParseStatus.TooManyFields;
            tags[index] = tag;
            starts[index] = valueStart;
            lengths[index] = valueLength;
            _count = index + 1;
            bool first = false;
            if ((uint)tag < DirectTags && _firstIndex[tag] == 0)
            {
                _firstIndex[tag] = (short)_count;
                first = true;
            }
            pendingDataTag = (uint)tag < (uint)dataTable.Length ? dataTable[tag] : 0;
            pos = valueStart + valueLength + 1;

            // The framing fields are written exactly "8=", "9=" and "10=" (no leading zeros): that is what the
            // framer finds frames by.
            switch (_count)
            {
                case 1:
                    if (tag != Tag.BeginString || tagLength != 1 || valueLength == 0) return FixParseStatus.BadBeginString;
                    break;
                case 2:
                    if (tag != Tag.BodyLength || tagLength != 1 || !FixValues.TryParseInt(ValueAt(1), out int bodyLength) || bodyLength < 0)
                        return FixParseStatus.BadBodyLength;
                    bodyEnd = pos + bodyLength;
                    // The checksum field "10=nnn<SOH>" is exactly 7 bytes after the body.
                    if (validate && (bodyLength == 0 || bodyEnd + 7 != span.Length)) return FixParseStatus.BadBodyLength;
                    break;
                case 3:
                    if (tag != Tag.MsgType || valueLength == 0) return FixParseStatus.MsgTypeNotThird;
                    break;
            }
            // The frame's last field is its CheckSum; a 10 before it is a field out of place, for the validator.
            if (tag == Tag.CheckSum && tagLength == 2 && pos == span.Length && _count > 3)
            {
                if (!validate) return FixParseStatus.Ok;
                if (valueStart - 3 != bodyEnd) return FixParseStatus.BadBodyLength;
                if (valueLength != 3 || !FixValues.TryParseInt(ValueAt(_count - 1), out int declared)) return FixParseStatus.BadCheckSum;
                if (FixChecksum.Compute(span[..bodyEnd]) != declared) return FixParseStatus.BadCheckSum;
                return FixParseStatus.Ok;
            }
            if (validate && bodyEnd >= 0 && pos > bodyEnd) return FixParseStatus.BadBodyLength;
            if (tag == Tag.MsgSeqNum && first) _hasSeqNum = FixValues.TryParseInt(ValueAt(_count - 1), out _msgSeqNum);
        }
        return _count < 3 ? FixParseStatus.BadBeginString : FixParseStatus.MissingCheckSum;
    }

    /// <summary>A tag as written: digits, or '-' and digits (a negative tag is a field the validator answers with reason 0).</summary>
    private static bool TryParseTag(ReadOnlySpan<byte> s, out int tag)
    {
        tag = 0;
        int i = s[0] == (byte)'-' ? 1 : 0;
        if (i == s.Length) return false;
        for (; i < s.Length; i++)
        {
            uint d = (uint)(s[i] - '0');
            if (d > 9) return false;
            tag = tag * 10 + (int)d;
        }
        if (s[0] == (byte)'-') tag = -tag;
        return true;
    }
}
