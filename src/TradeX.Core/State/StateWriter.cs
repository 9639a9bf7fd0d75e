using System.Buffers.Binary;

namespace TradeX.Core;

/// <summary>
/// Writes engine state as little-endian binary into a reusable, growable buffer (snapshots and
/// <c>StateHash</c>). Off the hot path: growth allocates.
/// </summary>
public sealed class StateWriter
{
    private byte[] _buffer;
    private int _length;

    public StateWriter(int initialCapacity = 64 * 1024) => _buffer = new byte[Math.Max(16, initialCapacity)];

    public int Length => _length;
    public ReadOnlySpan<byte> WrittenSpan => _buffer.AsSpan(0, _length);
    public void Clear() => _length = 0;

    private Span<byte> Take(int n)
    {
        if (_length + n > _buffer.Length) Array.Resize(ref _buffer, Math.Max(_buffer.Length * 2, _length + n));
        var span = _buffer.AsSpan(_length, n);
        _length += n;
        return span;
    }

    public void Byte(byte v) => Take(1)[0] = v;
    public void Bool(bool v) => Byte(v ? (byte)1 : (byte)0);
    public void Short(short v) => BinaryPrimitives.WriteInt16LittleEndian(Take(2), v);
    public void Int(int v) => BinaryPrimitives.WriteInt32LittleEndian(Take(4), v);
    public void Long(long v) => BinaryPrimitives.WriteInt64LittleEndian(Take(8), v);
    public void ULong(ulong v) => BinaryPrimitives.WriteUInt64LittleEndian(Take(8), v);
    public void Ascii(Ascii16 v) => v.CopyTo(Take(Ascii16.Capacity));
    public void Execution(ExecutionId v) => v.CopyTo(Take(ExecutionId.Capacity));
}

/// <summary>Reads what <see cref="StateWriter"/> wrote; a short or malformed buffer throws <see cref="InvalidDataException"/>.</summary>
public sealed class StateReader
{
    private readonly ReadOnlyMemory<byte> _data;
    private int _pos;

    public StateReader(ReadOnlyMemory<byte> data) => _data = data;

    public int Position => _pos;
    public bool AtEnd => _pos == _data.Length;

    private ReadOnlySpan<byte> Take(int n)
    {
        if (n < 0 || _pos + n > _data.Length)
            throw new InvalidDataException($"snapshot truncated: needed {n} bytes at offset {_pos} of {_data.Length}");
        var span = _data.Span.Slice(_pos, n);
        _pos += n;
        return span;
    }

    public byte Byte() => Take(1)[0];
    public bool Bool() => Byte() != 0;
    public short Short() => BinaryPrimitives.ReadInt16LittleEndian(Take(2));
    public int Int() => BinaryPrimitives.ReadInt32LittleEndian(Take(4));
    public long Long() => BinaryPrimitives.ReadInt64LittleEndian(Take(8));
    public ulong ULong() => BinaryPrimitives.ReadUInt64LittleEndian(Take(8));
    public Ascii16 Ascii() => Ascii16.FromBytes(Take(Ascii16.Capacity));
    public ExecutionId Execution() => ExecutionId.FromBytes(Take(ExecutionId.Capacity));

    /// <summary>Reads a table index and checks that it names one of the <paramref name="count"/> entries of that table.</summary>
    public int Index(int count, string what)
    {
        int index = Int();
        return index >= 0 && index < count ? index : throw new InvalidDataException($"snapshot corrupt: {what} index {index} out of range");
    }

    /// <summary>Reads a count and checks it against what could possibly remain, so a corrupt count cannot drive a huge allocation.</summary>
    public int Count(int minBytesPerItem)
    {
        int n = Int();
        if (n < 0 || (long)n * Math.Max(1, minBytesPerItem) > _data.Length - _pos)
            throw new InvalidDataException($"snapshot corrupt: count {n} at offset {_pos - 4} exceeds the data");
        return n;
    }
}
