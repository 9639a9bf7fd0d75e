using System.Buffers.Binary;

namespace TradeX.Core;

/// <summary>
/// A 64-bit hash of a byte sequence built from the SplitMix64 finalizer: identical on every machine
/// and process. <c>StateHash</c> is this hash of the engine's canonical snapshot bytes. It detects
/// divergence; it is not a cryptographic commitment.
/// </summary>
public static class StateHash64
{
    public static ulong Compute(ReadOnlySpan<byte> data)
    {
        ulong h = 0x9E3779B97F4A7C15UL ^ (ulong)data.Length;
        int i = 0;
        for (; i + 8 <= data.Length; i += 8)
            h = HashMix.Mix(h ^ BinaryPrimitives.ReadUInt64LittleEndian(data.Slice(i, 8))) + 0x632BE59BD9B4E019UL;
        ulong tail = 0;
        for (int k = 0; i < data.Length; i++, k += 8) tail |= (ulong)data[i] << k;
        return HashMix.Mix(h ^ tail ^ 0xD6E8FEB86659FD93UL);
    }
}
