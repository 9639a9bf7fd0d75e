namespace TradeX.Metrics;

/// <summary>
/// HdrHistogram's variable-length integers: ZigZag (so small negatives are short) then little-endian
/// base 128, seven bits a byte with the high bit meaning "more", except that a 64-bit value never
/// takes more than nine bytes: the ninth byte carries the last eight bits whole (LEB128-64b9B).
/// </summary>
internal static class ZigZagLeb128
{
    public const int MaxBytes = 9;

    public static int Write(Span<byte> destination, long value)
    {
        ulong remaining = (ulong)((value << 1) ^ (value >> 63));
        for (int i = 0; i < MaxBytes - 1; i++)
        {
            if (remaining < 0x80)
            {
                destination[i] = (byte)remaining;
                return i + 1;
            }
            destination[i] = (byte)((remaining & 0x7F) | 0x80);
            remaining >>= 7;
        }
        destination[MaxBytes - 1] = (byte)remaining;
        return MaxBytes;
    }

    /// <summary>Reads one value; false when <paramref name="source"/> ends in the middle of it.</summary>
    public static bool TryRead(ReadOnlySpan<byte> source, out long value, out int length)
    {
        ulong raw = 0;
        for (int i = 0; i < MaxBytes; i++)
        {
            if (i >= source.Length)
            {
                value = 0;
                length = i;
                return false;
            }
            byte b = source[i];
            if (i == MaxBytes - 1)
            {
                raw |= (ulong)b << 56;
                length = MaxBytes;
                value = Unzig(raw);
                return true;
            }
            raw |= (ulong)(b & 0x7F) << (7 * i);
            if ((b & 0x80) == 0)
            {
                length = i + 1;
                value = Unzig(raw);
                return true;
            }
        }
        value = 0;
        length = 0;
        return false;
    }

    private static long Unzig(ulong raw) => (long)(raw >> 1) ^ -(long)(raw & 1);
}
