// This file is produced by the same template as its sibling byte-order class; keep them in step.
using System.Buffers.Binary;
using System.Runtime.CompilerServices;
using System.Runtime.InteropServices;

namespace TradeX.Sbe.Runtime;

/// <summary>
/// Unaligned little-endian reads and writes for generated codecs. These do NOT check bounds:
/// generated code calls them only after it has proven that offset + size lies inside the
/// buffer (at Wrap for fixed blocks, per entry for groups, per element for var data).
/// </summary>
public static class SbeLittleEndian
{
    /// <summary>Reads a sbyte at <paramref name="offset"/>.</summary>
    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    public static sbyte ReadInt8(ReadOnlySpan<byte> buffer, int offset)
    {
        sbyte value = Unsafe.ReadUnaligned<sbyte>(ref Unsafe.Add(ref MemoryMarshal.GetReference(buffer), (nint)(uint)offset));
        return value;
    }

    /// <summary>Writes a sbyte at <paramref name="offset"/>.</summary>
    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    public static void WriteInt8(Span<byte> buffer, int offset, sbyte value)
    {
        Unsafe.WriteUnaligned(ref Unsafe.Add(ref MemoryMarshal.GetReference(buffer), (nint)(uint)offset), value);
    }

    /// <summary>Reads a byte at <paramref name="offset"/>.</summary>
    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    public static byte ReadUInt8(ReadOnlySpan<byte> buffer, int offset)
    {
        byte value = Unsafe.ReadUnaligned<byte>(ref Unsafe.Add(ref MemoryMarshal.GetReference(buffer), (nint)(uint)offset));
        return value;
    }

    /// <summary>Writes a byte at <paramref name="offset"/>.</summary>
    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    public static void WriteUInt8(Span<byte> buffer, int offset, byte value)
    {
        Unsafe.WriteUnaligned(ref Unsafe.Add(ref MemoryMarshal.GetReference(buffer), (nint)(uint)offset), value);
    }

    /// <summary>Reads a short at <paramref name="offset"/>.</summary>
    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    public static short ReadInt16(ReadOnlySpan<byte> buffer, int offset)
    {
        short value = Unsafe.ReadUnaligned<short>(ref Unsafe.Add(ref MemoryMarshal.GetReference(buffer), (nint)(uint)offset));
        return !BitConverter.IsLittleEndian ? BinaryPrimitives.ReverseEndianness(value) : value;
    }

    /// <summary>Writes a short at <paramref name="offset"/>.</summary>
    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    public static void WriteInt16(Span<byte> buffer, int offset, short value)
    {
        if (!BitConverter.IsLittleEndian)
        {
            value = BinaryPrimitives.ReverseEndianness(value);
        }

        Unsafe.WriteUnaligned(ref Unsafe.Add(ref MemoryMarshal.GetReference(buffer), (nint)(uint)offset), value);
    }

    /// <summary>Reads a ushort at <paramref name="offset"/>.</summary>
    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    public static ushort ReadUInt16(ReadOnlySpan<byte> buffer, int offset)
    {
        ushort value = Unsafe.ReadUnaligned<ushort>(ref Unsafe.Add(ref MemoryMarshal.GetReference(buffer), (nint)(uint)offset));
        return !BitConverter.IsLittleEndian ? BinaryPrimitives.ReverseEndianness(value) : value;
    }

    /// <summary>Writes a ushort at <paramref name="offset"/>.</summary>
    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    public static void WriteUInt16(Span<byte> buffer, int offset, ushort value)
    {
        if (!BitConverter.IsLittleEndian)
        {
            value = BinaryPrimitives.ReverseEndianness(value);
        }

        Unsafe.WriteUnaligned(ref Unsafe.Add(ref MemoryMarshal.GetReference(buffer), (nint)(uint)offset), value);
    }

    /// <summary>Reads a int at <paramref name="offset"/>.</summary>
    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    public static int ReadInt32(ReadOnlySpan<byte> buffer, int offset)
    {
        int value = Unsafe.ReadUnaligned<int>(ref Unsafe.Add(ref MemoryMarshal.GetReference(buffer), (nint)(uint)offset));
        return !BitConverter.IsLittleEndian ? BinaryPrimitives.ReverseEndianness(value) : value;
    }

    /// <summary>Writes a int at <paramref name="offset"/>.</summary>
    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    public static void WriteInt32(Span<byte> buffer, int offset, int value)
    {
        if (!BitConverter.IsLittleEndian)
        {
            value = BinaryPrimitives.ReverseEndianness(value);
        }

        Unsafe.WriteUnaligned(ref Unsafe.Add(ref MemoryMarshal.GetReference(buffer), (nint)(uint)offset), value);
    }

    /// <summary>Reads a uint at <paramref name="offset"/>.</summary>
    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    public static uint ReadUInt32(ReadOnlySpan<byte> buffer, int offset)
    {
        uint value = Unsafe.ReadUnaligned<uint>(ref Unsafe.Add(ref MemoryMarshal.GetReference(buffer), (nint)(uint)offset));
        return !BitConverter.IsLittleEndian ? BinaryPrimitives.ReverseEndianness(value) : value;
    }

    /// <summary>Writes a uint at <paramref name="offset"/>.</summary>
    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    public static void WriteUInt32(Span<byte> buffer, int offset, uint value)
    {
        if (!BitConverter.IsLittleEndian)
        {
            value = BinaryPrimitives.ReverseEndianness(value);
        }

        Unsafe.WriteUnaligned(ref Unsafe.Add(ref MemoryMarshal.GetReference(buffer), (nint)(uint)offset), value);
    }

    /// <summary>Reads a long at <paramref name="offset"/>.</summary>
    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    public static long ReadInt64(ReadOnlySpan<byte> buffer, int offset)
    {
        long value = Unsafe.ReadUnaligned<long>(ref Unsafe.Add(ref MemoryMarshal.GetReference(buffer), (nint)(uint)offset));
        return !BitConverter.IsLittleEndian ? BinaryPrimitives.ReverseEndianness(value) : value;
    }

    /// <summary>Writes a long at <paramref name="offset"/>.</summary>
    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    public static void WriteInt64(Span<byte> buffer, int offset, long value)
    {
        if (!BitConverter.IsLittleEndian)
        {
            value = BinaryPrimitives.ReverseEndianness(value);
        }

        Unsafe.WriteUnaligned(ref Unsafe.Add(ref MemoryMarshal.GetReference(buffer), (nint)(uint)offset), value);
    }

    /// <summary>Reads a ulong at <paramref name="offset"/>.</summary>
    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    public static ulong ReadUInt64(ReadOnlySpan<byte> buffer, int offset)
    {
        ulong value = Unsafe.ReadUnaligned<ulong>(ref Unsafe.Add(ref MemoryMarshal.GetReference(buffer), (nint)(uint)offset));
        return !BitConverter.IsLittleEndian ? BinaryPrimitives.ReverseEndianness(value) : value;
    }

    /// <summary>Writes a ulong at <paramref name="offset"/>.</summary>
    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    public static void WriteUInt64(Span<byte> buffer, int offset, ulong value)
    {
        if (!BitConverter.IsLittleEndian)
        {
            value = BinaryPrimitives.ReverseEndianness(value);
        }

        Unsafe.WriteUnaligned(ref Unsafe.Add(ref MemoryMarshal.GetReference(buffer), (nint)(uint)offset), value);
    }

    /// <summary>Reads an IEEE 754 binary32.</summary>
    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    public static float ReadFloat(ReadOnlySpan<byte> buffer, int offset) => BitConverter.Int32BitsToSingle(ReadInt32(buffer, offset));

    /// <summary>Writes an IEEE 754 binary32, preserving NaN payloads.</summary>
    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    public static void WriteFloat(Span<byte> buffer, int offset, float value) => WriteInt32(buffer, offset, BitConverter.SingleToInt32Bits(value));

    /// <summary>Reads an IEEE 754 binary64.</summary>
    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    public static double ReadDouble(ReadOnlySpan<byte> buffer, int offset) => BitConverter.Int64BitsToDouble(ReadInt64(buffer, offset));

    /// <summary>Writes an IEEE 754 binary64, preserving NaN payloads.</summary>
    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    public static void WriteDouble(Span<byte> buffer, int offset, double value) => WriteInt64(buffer, offset, BitConverter.DoubleToInt64Bits(value));
}
