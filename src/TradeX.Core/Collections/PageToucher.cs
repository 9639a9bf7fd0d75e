using System.Runtime.InteropServices;

namespace TradeX.Core.Collections;

/// <summary>
/// Writes one byte per page of a pre-allocated array so the operating system commits its memory at
/// start-up rather than on first use. Fresh large arrays come from untouched zero pages; without this,
/// the first orders of the day pay a page fault per 4 KiB of order store and index (measured: about
/// a third of the cost of a resting order in a cold engine).
/// </summary>
internal static class PageToucher
{
    private const int PageSize = 4096;

    public static void Touch<T>(T[] array) where T : struct
    {
        Span<byte> bytes = MemoryMarshal.AsBytes(array.AsSpan());
        for (int i = 0; i < bytes.Length; i += PageSize) bytes[i] = bytes[i];
        if (bytes.Length > 0) bytes[^1] = bytes[^1];
    }
}
