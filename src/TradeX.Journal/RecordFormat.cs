using System.Buffers.Binary;
using TradeX.Core;

namespace TradeX.Journal;

/// <summary>
/// One journal record, little-endian:
/// <code>
///  0  uint32  length       whole record in bytes: 32 + SBE message + 4
///  4  uint8   kind         InputKind code (= the SBE template id)
///  5  uint8   version      record format version (1)
///  6  uint16  reserved     0
///  8  int64   sequence     the input's sequence; each record's is its predecessor's + 1
/// 16  int64   time         the producer's time stamp, as the input carried it (may run backwards)
/// 24  int64   engineTime   engine time after the input: the largest time so far (never decreases)
/// 32  ...     message      the SBE message of schemas/journal.xml (8-byte header + block)
/// -4  uint32  crc32c       CRC-32C of every byte before it
/// </code>
/// The CRC covers the length, so a torn or overwritten length is caught like any other damage.
/// </summary>
public static class RecordFormat
{
    public const int LengthOffset = 0;
    public const int KindOffset = 4;
    public const int VersionOffset = 5;
    public const int ReservedOffset = 6;
    public const int SequenceOffset = 8;
    public const int TimeOffset = 16;
    public const int EngineTimeOffset = 24;
    public const int HeaderLength = 32;
    public const int TrailerLength = 4;
    public const byte Version = 1;

    /// <summary>The shortest record: a header, an 8-byte SBE header with an empty block (TimeTick), the CRC.</summary>
    public const int MinLength = HeaderLength + 8 + TrailerLength;

    public const int MaxLength = HeaderLength + InputCodec.MaxMessageLength + TrailerLength;

    /// <summary>
    /// Writes the record for <paramref name="input"/> at the start of <paramref name="destination"/> and
    /// returns its length. <paramref name="engineTime"/> is the engine time after the input.
    /// </summary>
    public static int Write(in EngineInput input, long engineTime, Span<byte> destination)
    {
        int messageLength = InputCodec.Encode(in input, destination.Slice(HeaderLength, InputCodec.MaxMessageLength));
        int length = HeaderLength + messageLength + TrailerLength;
        BinaryPrimitives.WriteUInt32LittleEndian(destination, (uint)length);
        destination[KindOffset] = (byte)input.Kind;
        destination[VersionOffset] = Version;
        BinaryPrimitives.WriteUInt16LittleEndian(destination.Slice(ReservedOffset), 0);
        BinaryPrimitives.WriteInt64LittleEndian(destination.Slice(SequenceOffset), input.Sequence);
        BinaryPrimitives.WriteInt64LittleEndian(destination.Slice(TimeOffset), input.Time);
        BinaryPrimitives.WriteInt64LittleEndian(destination.Slice(EngineTimeOffset), engineTime);
        int body = length - TrailerLength;
        BinaryPrimitives.WriteUInt32LittleEndian(destination.Slice(body), Crc32C.Compute(destination[..body]));
        return length;
    }

    /// <summary>The declared length at the start of <paramref name="record"/> (at least 4 bytes).</summary>
    public static int ReadLength(ReadOnlySpan<byte> record) => (int)Math.Min(int.MaxValue, BinaryPrimitives.ReadUInt32LittleEndian(record));

    public static long ReadSequence(ReadOnlySpan<byte> record) => BinaryPrimitives.ReadInt64LittleEndian(record.Slice(SequenceOffset));
    public static long ReadTime(ReadOnlySpan<byte> record) => BinaryPrimitives.ReadInt64LittleEndian(record.Slice(TimeOffset));
    public static long ReadEngineTime(ReadOnlySpan<byte> record) => BinaryPrimitives.ReadInt64LittleEndian(record.Slice(EngineTimeOffset));

    /// <summary>
    /// Checks the frame of the record at the start of <paramref name="data"/>: a plausible length that
    /// fits in the data, version 1, reserved zero, and the CRC. Returns null when intact, else why not
    /// (<paramref name="truncated"/> when the data ends inside the record).
    /// </summary>
    public static string? CheckFrame(ReadOnlySpan<byte> data, out int length, out bool truncated)
    {
        length = 0;
        truncated = false;
        if (data.Length < 4)
        {
            truncated = true;
            return $"partial record: {data.Length} bytes left, too short for a length";
        }
        length = ReadLength(data);
        if (length < MinLength || length > MaxLength)
        {
            return length == 0 ? "zero length (unwritten space)" : $"implausible record length {length}";
        }
        if (length > data.Length)
        {
            truncated = true;
            return $"partial record: length {length}, only {data.Length} bytes left";
        }
        if (data[VersionOffset] != Version || BinaryPrimitives.ReadUInt16LittleEndian(data.Slice(ReservedOffset)) != 0)
        {
            return $"unknown record version {data[VersionOffset]}";
        }
        int body = length - TrailerLength;
        uint stored = BinaryPrimitives.ReadUInt32LittleEndian(data.Slice(body));
        uint computed = Crc32C.Compute(data[..body]);
        if (stored != computed)
        {
            return $"CRC mismatch (stored 0x{stored:x8}, computed 0x{computed:x8})";
        }
        return null;
    }

    /// <summary>
    /// Decodes an intact record (see <see cref="CheckFrame"/>) into <paramref name="input"/>; false with a
    /// reason when its message does not decode.
    /// </summary>
    public static bool TryDecode(ReadOnlySpan<byte> record, ref EngineInput input, out string? error)
    {
        input = default;
        var kind = (InputKind)record[KindOffset];
        input.Kind = kind;
        input.Sequence = ReadSequence(record);
        input.Time = ReadTime(record);
        int length = ReadLength(record);
        return InputCodec.TryDecode(kind, record.Slice(HeaderLength, length - HeaderLength - TrailerLength), ref input, out error);
    }
}
