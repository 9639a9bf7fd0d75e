using System.Numerics;
using System.Runtime.CompilerServices;
using System.Runtime.InteropServices;

namespace TradeX.Journal;

/// <summary>
/// CRC-32C (Castagnoli, reflected polynomial 0x82F63B78, initial value and final XOR 0xFFFFFFFF), the
/// checksum of iSCSI (RFC 3720) and ext4. Computed eight bytes at a time with
/// <see cref="BitOperations.Crc32C(uint, ulong)"/>, which is the SSE4.2 <c>crc32</c> instruction on x64
/// (the ARMv8 CRC32C instructions on arm64) and a table lookup only on hardware without either.
/// </summary>
public static class Crc32C
{
    /// <summary>True when the CPU computes the CRC in hardware (SSE4.2 on x64, CRC32 on arm64).</summary>
    public static bool IsHardwareAccelerated =>
        System.Runtime.Intrinsics.X86.Sse42.X64.IsSupported || System.Runtime.Intrinsics.Arm.Crc32.Arm64.IsSupported;

    /// <summary>The CRC-32C of <paramref name="data"/>.</summary>
    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    public static uint Compute(ReadOnlySpan<byte> data) => Append(0, data);

    /// <summary>
    /// Continues a CRC over more data: <c>Append(Compute(a), b) == Compute(a + b)</c>, so a checksum can
    /// be built over pieces that are not contiguous.
    /// </summary>
    public static uint Append(uint crc, ReadOnlySpan<byte> data)
    {
        // The instruction consumes a 64-bit operand least significant byte first, which is the byte
        // order in memory on the little-endian machines .NET runs on: the same result as byte by byte.
        uint c = ~crc;
        ref byte start = ref MemoryMarshal.GetReference(data);
        nuint length = (nuint)data.Length;
        nuint i = 0;
        for (; i + 32 <= length; i += 32)
        {
            c = BitOperations.Crc32C(c, Unsafe.ReadUnaligned<ulong>(ref Unsafe.Add(ref start, i)));
            c = BitOperations.Crc32C(c, Unsafe.ReadUnaligned<ulong>(ref Unsafe.Add(ref start, i + 8)));
            c = BitOperations.Crc32C(c, Unsafe.ReadUnaligned<ulong>(ref Unsafe.Add(ref start, i + 16)));
            c = BitOperations.Crc32C(c, Unsafe.ReadUnaligned<ulong>(ref Unsafe.Add(ref start, i + 24)));
        }
        for (; i + 8 <= length; i += 8)
        {
            c = BitOperations.Crc32C(c, Unsafe.ReadUnaligned<ulong>(ref Unsafe.Add(ref start, i)));
        }
        if (i + 4 <= length)
        {
            c = BitOperations.Crc32C(c, Unsafe.ReadUnaligned<uint>(ref Unsafe.Add(ref start, i)));
            i += 4;
        }
        for (; i < length; i++)
        {
            c = BitOperations.Crc32C(c, Unsafe.Add(ref start, i));
        }
        return ~c;
    }
}
