using Microsoft.Win32.SafeHandles;

namespace TradeX.Journal;

/// <summary>Cuts a torn tail off the last segment, leaving exactly the intact prefix (and a valid header).</summary>
internal static class SegmentRepair
{
    public static void Truncate(TornTail tail, long firstSequence)
    {
        using SafeFileHandle handle = File.OpenHandle(tail.File, FileMode.Open, FileAccess.ReadWrite, FileShare.Read);
        if (tail.Offset < SegmentHeader.Length)
        {
            // The header itself was cut short or damaged (and no record follows): start the segment afresh.
            Span<byte> header = stackalloc byte[SegmentHeader.Length];
            SegmentHeader.Write(header, firstSequence);
            RandomAccess.SetLength(handle, 0);
            RandomAccess.Write(handle, header, 0);
        }
        else
        {
            RandomAccess.SetLength(handle, tail.Offset);
        }
        FileSync.Data(handle);
    }
}
