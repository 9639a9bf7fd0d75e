using System.Runtime.CompilerServices;
using System.Runtime.Intrinsics;
using System.Runtime.Intrinsics.X86;

namespace TradeX.Fix.Protocol;

/// <summary>
/// CheckSum(10): the sum of every byte before the "10=" field, modulo 256, written as three digits.
/// Vectorised because it touches every byte of every message in both directions.
/// </summary>
public static class FixChecksum
{
    public static int Compute(ReadOnlySpan<byte> bytes)
    {
        uint sum = 0;
        int i = 0;
        if (Sse2.IsSupported && bytes.Length >= 16)
        {
            // PSADBW against zero adds 8 bytes into one 16-bit lane: two partial sums per 16 bytes.
            Vector128<ulong> acc = Vector128<ulong>.Zero;
            ref byte start = ref System.Runtime.InteropServices.MemoryMarshal.GetReference(bytes);
            for (; i <= bytes.Length - 16; i += 16)
            {
                var v = Vector128.LoadUnsafe(ref start, (nuint)i);
                acc = Sse2.Add(acc, Sse2.SumAbsoluteDifferences(v, Vector128<byte>.Zero).AsUInt64());
            }
            sum = (uint)(acc.GetElement(0) + acc.GetElement(1));
        }
        for (; i < bytes.Length; i++) sum += bytes[i];
        return (int)(sum & 0xFF);
    }

    /// <summary>Writes the three-digit form of <paramref name="checksum"/> (000..255).</summary>
    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    public static void WriteDigits(Span<byte> destination, int checksum)
    {
        destination[0] = (byte)('0' + checksum / 100);
        destination[1] = (byte)('0' + checksum / 10 % 10);
        destination[2] = (byte)('0' + checksum % 10);
    }
}
