using System.Globalization;

namespace TradeX.Journal;

/// <summary>
/// File names in a journal directory. Every name carries a sequence as 20 zero-padded digits, so names
/// sort in sequence order:
/// <c>00000000000000000001.journal</c> (segment; its first record's sequence),
/// <c>00000000000000000001.index</c> (that segment's index),
/// <c>00000000000000500000.snapshot</c> (engine state after input 500000).
/// Anything else in the directory is ignored.
/// </summary>
public static class JournalFiles
{
    public const string SegmentExtension = ".journal";
    public const string IndexExtension = ".index";
    public const string SnapshotExtension = ".snapshot";
    /// <summary>A snapshot being written; renamed to <see cref="SnapshotExtension"/> once complete and synced.</summary>
    public const string TemporaryExtension = ".tmp";

    public static string SegmentName(long firstSequence) => Name(firstSequence) + SegmentExtension;
    public static string IndexName(long firstSequence) => Name(firstSequence) + IndexExtension;
    public static string SnapshotName(long sequence) => Name(sequence) + SnapshotExtension;

    public static string IndexPathFor(string segmentPath) => Path.ChangeExtension(segmentPath, IndexExtension);

    private static string Name(long sequence) => sequence.ToString("D20", CultureInfo.InvariantCulture);

    /// <summary>The sequence in a file name of the given extension; false for any other name.</summary>
    public static bool TryParse(string path, string extension, out long sequence)
    {
        sequence = 0;
        string name = Path.GetFileName(path);
        if (!name.EndsWith(extension, StringComparison.Ordinal) || name.Length != 20 + extension.Length) return false;
        return long.TryParse(name.AsSpan(0, 20), NumberStyles.None, CultureInfo.InvariantCulture, out sequence);
    }

    /// <summary>The segments of a directory, by first sequence.</summary>
    public static IReadOnlyList<(long FirstSequence, string Path)> Segments(string directory) => List(directory, SegmentExtension);

    /// <summary>The snapshot files of a directory, oldest first.</summary>
    public static IReadOnlyList<(long Sequence, string Path)> Snapshots(string directory) => List(directory, SnapshotExtension);

    private static List<(long, string)> List(string directory, string extension)
    {
        var list = new List<(long, string)>();
        foreach (string path in Directory.EnumerateFiles(directory, "*" + extension))
        {
            if (TryParse(path, extension, out long sequence)) list.Add((sequence, path));
        }
        list.Sort((a, b) => a.Item1.CompareTo(b.Item1));
        return list;
    }
}
