using System.Runtime.CompilerServices;

namespace TradeX.Fix.Protocol;

/// <summary>
/// The optional header fields handed to <see cref="FixFrameBuilder.Build"/>, split into (tag, start, length)
/// and sorted by tag so the builder can merge them with its own header fields. A handful per message at
/// most, so an insertion sort over a reused array is the fastest sort there is; nothing is allocated once
/// the array holds the largest header seen.
/// </summary>
internal sealed class ExtraHeaderFields
{
    private const int NoHops = 627, HopCompID = 628, HopSendingTime = 629, HopRefID = 630;

    private Entry[] _entries = new Entry[8];
    private int _count;
    private int _next;

    private struct Entry
    {
        public int Tag;
        public int Start;
        public int Length;
    }

    /// <summary>
    /// Splits "tag=value&lt;SOH&gt;..." into entries in ascending tag order (fields with the same tag keep their
    /// order). A length field and its data field (90/91, 212/213) are one entry, read by the announced length
    /// since data may hold SOH; NoHops(627) and its instances are one entry. Bytes that are not a field are one
    /// last entry, written as they are after the rest.
    /// </summary>
    public void Split(ReadOnlySpan<byte> fields)
    {
        _count = 0;
        _next = 0;
        if (fields.IsEmpty) return;
        int pos = 0;
        while (pos < fields.Length)
        {
            int start = pos;
            int end = NextField(fields, pos, out int tag);
            if (end < 0)
            {
                Add(int.MaxValue, start, fields.Length - start);
                break;
            }
            if (tag == NoHops)
            {
                while (end < fields.Length)
                {
                    int next = FieldEnd(fields, end, out int member, out _);
                    if (next < 0 || member is not (HopCompID or HopSendingTime or HopRefID)) break;
                    end = next;
                }
            }
            Add(tag, start, end - start);
            pos = end;
        }
        SortByTag();
    }

    /// <summary>
    /// The index after the field at <paramref name="pos"/> of encoded "tag=value&lt;SOH&gt;..." fields — a length field
    /// and its data field (90/91, 212/213 ...) together, read by the announced length since data may hold SOH —
    /// or -1 when it is not a field.
    /// </summary>
    public static int NextField(ReadOnlySpan<byte> fields, int pos, out int tag)
    {
        int end = FieldEnd(fields, pos, out tag, out int valueStart);
        if (end < 0) return -1;
        int dataTag = DataFieldMap.Fix44.DataTagFor(tag);
        if (dataTag != 0 && FixValues.TryParseInt(fields[valueStart..(end - 1)], out int announced) && announced >= 0)
        {
            int dataEnd = DataFieldEnd(fields, end, dataTag, announced);
            if (dataEnd > 0) end = dataEnd;
        }
        return end;
    }

    /// <summary>Copies the entries with a tag below <paramref name="tag"/> not written yet; returns the bytes written.</summary>
    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    public int WriteBelow(Span<byte> destination, int tag, ReadOnlySpan<byte> fields) =>
        _next < _count && _entries[_next].Tag < tag ? Write(destination, tag, fields) : 0;

    /// <summary>Copies the entries not written yet; returns the bytes written.</summary>
    public int WriteRest(Span<byte> destination, ReadOnlySpan<byte> fields) =>
        _next < _count ? Write(destination, int.MaxValue, fields, all: true) : 0;

    private int Write(Span<byte> destination, int tag, ReadOnlySpan<byte> fields, bool all = false)
    {
        int written = 0;
        while (_next < _count && (all || _entries[_next].Tag < tag))
        {
            ref var e = ref _entries[_next++];
            fields.Slice(e.Start, e.Length).CopyTo(destination[written..]);
            written += e.Length;
        }
        return written;
    }

    private void Add(int tag, int start, int length)
    {
        if (_count == _entries.Length) Array.Resize(ref _entries, _count * 2);
        _entries[_count++] = new Entry { Tag = tag, Start = start, Length = length };
    }

    private void SortByTag()
    {
        var entries = _entries;
        for (int i = 1; i < _count; i++)
        {
            var e = entries[i];
            int j = i - 1;
            while (j >= 0 && entries[j].Tag > e.Tag)
            {
                entries[j + 1] = entries[j];
                j--;
            }
            entries[j + 1] = e;
        }
    }

    /// <summary>Where the data field <paramref name="dataTag"/> at <paramref name="pos"/> ends (after its SOH), or -1.</summary>
    private static int DataFieldEnd(ReadOnlySpan<byte> fields, int pos, int dataTag, int announced)
    {
        int eq = TagEnd(fields, pos, out int tag);
        if (eq < 0 || tag != dataTag) return -1;
        long end = (long)eq + 1 + announced;
        return end < fields.Length && fields[(int)end] == 1 ? (int)end + 1 : -1;
    }

    /// <summary>The index after the SOH ending the field at <paramref name="pos"/>, or -1 when it is not "digits=value&lt;SOH&gt;".</summary>
    private static int FieldEnd(ReadOnlySpan<byte> fields, int pos, out int tag, out int valueStart)
    {
        int eq = TagEnd(fields, pos, out tag);
        valueStart = eq + 1;
        if (eq < 0) return -1;
        int soh = fields[valueStart..].IndexOf((byte)1);
        return soh < 0 ? -1 : valueStart + soh + 1;
    }

    /// <summary>The index of the '=' after the tag digits at <paramref name="pos"/>, or -1.</summary>
    private static int TagEnd(ReadOnlySpan<byte> fields, int pos, out int tag)
    {
        tag = 0;
        int i = pos;
        while (i < fields.Length && i - pos < 10)
        {
            byte c = fields[i];
            if (c == (byte)'=') return i > pos ? i : -1;
            uint digit = (uint)(c - '0');
            if (digit > 9) return -1;
            tag = tag * 10 + (int)digit;
            i++;
        }
        return -1;
    }
}
