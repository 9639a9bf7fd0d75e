using TradeX.Core;

namespace TradeX.Journal;

/// <summary>
/// A journal file is damaged where damage cannot be a torn write: before the tail of the last segment,
/// in an earlier segment, or as a gap in the sequence. Start-up stops; nothing is skipped. The message
/// names the file, the offset and the sequence.
/// </summary>
public sealed class JournalCorruptException : Exception
{
    public JournalCorruptException(string file, long offset, long sequence, string reason)
        : base($"journal damaged: {Path.GetFileName(file)} at offset {offset} (sequence {sequence}): {reason}")
    {
        File = file;
        Offset = offset;
        Sequence = sequence;
        Reason = reason;
    }

    /// <summary>Full path of the damaged file.</summary>
    public string File { get; }

    /// <summary>Byte offset of the damaged record (or header) in <see cref="File"/>.</summary>
    public long Offset { get; }

    /// <summary>The sequence expected at <see cref="Offset"/>.</summary>
    public long Sequence { get; }

    public string Reason { get; }
}

/// <summary>An input the journal cannot record exactly (a kind without a template in schemas/journal.xml), or a sequence out of order.</summary>
public sealed class JournalFormatException : Exception
{
    public JournalFormatException(string message) : base(message)
    {
    }

    internal static JournalFormatException NoTemplate(InputKind kind, long sequence) =>
        new($"input {sequence}: kind {kind} ({(byte)kind}) has no message in schemas/journal.xml; it cannot be journaled");
}
