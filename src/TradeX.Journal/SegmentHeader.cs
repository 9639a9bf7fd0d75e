using System.Buffers.Binary;
using TradeX.Protocol.Journal;

namespace TradeX.Journal;

/// <summary>
/// The 32 bytes at the start of every segment file, little-endian:
/// <code>
///  0  8 bytes  magic "TXJSEG01"
///  8  uint16   segment format version (1)
/// 10  uint16   SBE schema id of the messages (2)
/// 12  uint16   SBE schema version the writer was built with (JournalSchema.Version)
/// 14  uint16   header length (32): records start here
/// 16  int64    first sequence (equal to the file name's)
/// 24  uint32   reserved (0)
/// 28  uint32   CRC-32C of bytes 0..27
/// </code>
/// </summary>
public static class SegmentHeader
{
    public const int Length = 32;
    public const ushort FormatVersion = 1;
    private static ReadOnlySpan<byte> Magic => "TXJSEG01"u8;

    public static void Write(Span<byte> destination, long firstSequence)
    {
        destination[..Length].Clear();
        Magic.CopyTo(destination);
        BinaryPrimitives.WriteUInt16LittleEndian(destination.Slice(8), FormatVersion);
        BinaryPrimitives.WriteUInt16LittleEndian(destination.Slice(10), JournalSchema.Id);
        BinaryPrimitives.WriteUInt16LittleEndian(destination.Slice(12), JournalSchema.Version);
        BinaryPrimitives.WriteUInt16LittleEndian(destination.Slice(14), Length);
        BinaryPrimitives.WriteInt64LittleEndian(destination.Slice(16), firstSequence);
        BinaryPrimitives.WriteUInt32LittleEndian(destination.Slice(28), Crc32C.Compute(destination[..28]));
    }

    /// <summary>Null when <paramref name="header"/> is a valid header for a segment starting at <paramref name="firstSequence"/>, else why not.</summary>
    public static string? Check(ReadOnlySpan<byte> header, long firstSequence)
    {
        if (header.Length < Length) return $"segment header cut short ({header.Length} of {Length} bytes)";
        if (!header[..8].SequenceEqual(Magic)) return "not a journal segment (bad magic)";
        if (BinaryPrimitives.ReadUInt32LittleEndian(header.Slice(28)) != Crc32C.Compute(header[..28])) return "segment header CRC mismatch";
        int version = BinaryPrimitives.ReadUInt16LittleEndian(header.Slice(8));
        if (version != FormatVersion) return $"segment format version {version} is not supported (expected {FormatVersion})";
        int schema = BinaryPrimitives.ReadUInt16LittleEndian(header.Slice(10));
        if (schema != JournalSchema.Id) return $"SBE schema id {schema} (expected {JournalSchema.Id})";
        if (BinaryPrimitives.ReadUInt16LittleEndian(header.Slice(14)) != Length) return "unexpected segment header length";
        long first = BinaryPrimitives.ReadInt64LittleEndian(header.Slice(16));
        if (first != firstSequence) return $"header says first sequence {first}, the file name says {firstSequence}";
        return null;
    }
}
