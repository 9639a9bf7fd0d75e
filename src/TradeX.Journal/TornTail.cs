namespace TradeX.Journal;

/// <summary>
/// The end of the last segment is a partial or failed record with nothing intact after it: what a crash
/// or power loss during a write leaves. Recovery truncates the file at <see cref="Offset"/>.
/// </summary>
/// <param name="File">Full path of the segment.</param>
/// <param name="Offset">Where the intact prefix ends (the file is truncated to this length).</param>
/// <param name="Sequence">The first sequence lost: the one expected at <see cref="Offset"/>.</param>
/// <param name="Bytes">Bytes from <see cref="Offset"/> to the end of the file.</param>
/// <param name="Reason">What was found at <see cref="Offset"/>.</param>
public sealed record TornTail(string File, long Offset, long Sequence, long Bytes, string Reason)
{
    /// <summary>The one log line recovery writes when it truncates.</summary>
    public string Describe() =>
        $"journal: torn tail truncated: {Path.GetFileName(File)} at offset {Offset} (sequence {Sequence} and after, {Bytes} bytes): {Reason}";
}
