using System.Buffers.Binary;
using Microsoft.Win32.SafeHandles;

namespace TradeX.Journal;

/// <summary>One entry of a segment index: a record's sequence, engine time and byte offset in its segment.</summary>
public readonly record struct IndexEntry(long Sequence, long EngineTime, long Offset);

/// <summary>
/// A segment's sparse index (<c>NNN.index</c> beside <c>NNN.journal</c>): one entry for the first record
/// of the segment and then for the first record at or after every <c>IndexStrideBytes</c>, so a seek by
/// sequence or by engine time is a binary search plus a scan of at most one stride. The index is a
/// hint, never trusted: an entry is used only if its own CRC holds and the record at its offset has its
/// sequence; a missing or damaged index just means scanning the segment from its start. Not synced per
/// batch; the writer rebuilds the last segment's index when it opens the journal.
/// <code>
/// header (32 bytes): magic "TXJIDX01", uint16 version 1, uint16 0, uint32 stride bytes,
///                    int64 first sequence, uint32 0, uint32 CRC-32C of bytes 0..27
/// entry  (32 bytes): int64 sequence, int64 engine time, int64 offset, uint32 0, uint32 CRC-32C of bytes 0..27
/// </code>
/// </summary>
public static class SegmentIndex
{
    public const int HeaderLength = 32;
    public const int EntryLength = 32;
    private static ReadOnlySpan<byte> Magic => "TXJIDX01"u8;

    public static void WriteHeader(Span<byte> destination, long firstSequence, int strideBytes)
    {
        destination[..HeaderLength].Clear();
        Magic.CopyTo(destination);
        BinaryPrimitives.WriteUInt16LittleEndian(destination.Slice(8), 1);
        BinaryPrimitives.WriteUInt32LittleEndian(destination.Slice(12), (uint)strideBytes);
        BinaryPrimitives.WriteInt64LittleEndian(destination.Slice(16), firstSequence);
        BinaryPrimitives.WriteUInt32LittleEndian(destination.Slice(28), Crc32C.Compute(destination[..28]));
    }

    public static void WriteEntry(Span<byte> destination, long sequence, long engineTime, long offset)
    {
        BinaryPrimitives.WriteInt64LittleEndian(destination, sequence);
        BinaryPrimitives.WriteInt64LittleEndian(destination.Slice(8), engineTime);
        BinaryPrimitives.WriteInt64LittleEndian(destination.Slice(16), offset);
        BinaryPrimitives.WriteUInt32LittleEndian(destination.Slice(24), 0);
        BinaryPrimitives.WriteUInt32LittleEndian(destination.Slice(28), Crc32C.Compute(destination[..28]));
    }

    /// <summary>
    /// The usable entries of an index file: the longest prefix whose entries have valid CRCs, increasing
    /// sequences and offsets, non-decreasing engine times, and offsets inside a segment of
    /// <paramref name="segmentLength"/> bytes. Empty when the file is missing or its header is wrong.
    /// </summary>
    public static IndexEntry[] Load(string indexPath, long firstSequence, long segmentLength)
    {
        byte[] data;
        try
        {
            data = File.ReadAllBytes(indexPath);
        }
        catch (IOException)
        {
            return [];
        }
        catch (UnauthorizedAccessException)
        {
            return [];
        }
        if (data.Length < HeaderLength || !data.AsSpan(0, 8).SequenceEqual(Magic) ||
            BinaryPrimitives.ReadUInt32LittleEndian(data.AsSpan(28)) != Crc32C.Compute(data.AsSpan(0, 28)) ||
            BinaryPrimitives.ReadInt64LittleEndian(data.AsSpan(16)) != firstSequence)
        {
            return [];
        }
        var entries = new List<IndexEntry>();
        IndexEntry previous = new(firstSequence - 1, long.MinValue, SegmentHeader.Length - 1);
        for (int at = HeaderLength; at + EntryLength <= data.Length; at += EntryLength)
        {
            var e = data.AsSpan(at, EntryLength);
            if (BinaryPrimitives.ReadUInt32LittleEndian(e.Slice(28)) != Crc32C.Compute(e[..28])) break;
            var entry = new IndexEntry(BinaryPrimitives.ReadInt64LittleEndian(e), BinaryPrimitives.ReadInt64LittleEndian(e.Slice(8)),
                BinaryPrimitives.ReadInt64LittleEndian(e.Slice(16)));
            if (entry.Sequence <= previous.Sequence || entry.Offset <= previous.Offset || entry.EngineTime < previous.EngineTime ||
                entry.Offset + RecordFormat.MinLength > segmentLength)
            {
                break;
            }
            entries.Add(entry);
            previous = entry;
        }
        return entries.ToArray();
    }

    /// <summary>Writes a complete index file (header and entries), replacing any previous one.</summary>
    public static void Rewrite(string indexPath, long firstSequence, int strideBytes, IReadOnlyList<IndexEntry> entries)
    {
        var data = new byte[HeaderLength + (entries.Count * EntryLength)];
        WriteHeader(data, firstSequence, strideBytes);
        for (int i = 0; i < entries.Count; i++)
        {
            WriteEntry(data.AsSpan(HeaderLength + (i * EntryLength)), entries[i].Sequence, entries[i].EngineTime, entries[i].Offset);
        }
        using SafeFileHandle handle = File.OpenHandle(indexPath, FileMode.Create, FileAccess.Write, FileShare.Read);
        RandomAccess.Write(handle, data, 0);
    }

    /// <summary>The last entry at or before <paramref name="sequence"/>; -1 when there is none.</summary>
    public static int FindBySequence(IndexEntry[] entries, long sequence)
    {
        int lo = 0, hi = entries.Length - 1, found = -1;
        while (lo <= hi)
        {
            int mid = (lo + hi) >>> 1;
            if (entries[mid].Sequence <= sequence)
            {
                found = mid;
                lo = mid + 1;
            }
            else
            {
                hi = mid - 1;
            }
        }
        return found;
    }

    /// <summary>The last entry whose engine time is before <paramref name="engineTime"/>; -1 when there is none.</summary>
    public static int FindBeforeTime(IndexEntry[] entries, long engineTime)
    {
        int lo = 0, hi = entries.Length - 1, found = -1;
        while (lo <= hi)
        {
            int mid = (lo + hi) >>> 1;
            if (entries[mid].EngineTime < engineTime)
            {
                found = mid;
                lo = mid + 1;
            }
            else
            {
                hi = mid - 1;
            }
        }
        return found;
    }
}
