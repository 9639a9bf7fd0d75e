using TradeX.Journal;

namespace TradeX.Pipeline;

/// <summary>
/// The journal stage's durable journal: every input appended to segment files, one write per batch,
/// synced as the policy says (see docs/journal.md). A failed write or sync throws, which halts the
/// journal stage — and with it every response — rather than release anything not journaled.
/// </summary>
public sealed class FileJournal : IJournal, IDisposable
{
    private readonly long _sequenceBase;
    private readonly TradeX.Disruptor.Sequence? _gate;
    private Action _wakeEngine = () => { };

    public FileJournal(JournalWriter writer, long sequenceBase)
    {
        Writer = writer;
        _sequenceBase = sequenceBase;
        if (writer.Policy != JournalSyncPolicy.Group) return;
        // Group commit: responses wait for the sync thread, not for the journal stage.
        _gate = new TradeX.Disruptor.Sequence(writer.SyncedSequence - sequenceBase - 1);
        writer.Synced = synced =>
        {
            long ring = synced - _sequenceBase - 1;
            if (ring <= _gate.Value) return;
            _gate.Value = ring;
            _wakeEngine();
        };
    }

    public JournalWriter Writer { get; }

    public TradeX.Disruptor.Sequence? ReleaseGate => _gate;

    public void BindEngineWake(Action wake) => _wakeEngine = wake;

    public void Append(ref InputEntry entry, long sequence, bool endOfBatch) => Writer.Append(in entry.Input, endOfBatch);

    /// <summary>The ring sequence of the last input durable per the policy (the engine sequence less the base, less one).</summary>
    public long DurableSequence => Writer.DurableSequence - _sequenceBase - 1;

    public void Dispose() => Writer.Dispose();
}

/// <summary>Hands events to a target set later (recovery replays before the engine stage exists; its events are not republished).</summary>
public sealed class ForwardingSink : TradeX.Core.IEngineEventSink
{
    public TradeX.Core.IEngineEventSink? Target { get; set; }

    public void Publish(in TradeX.Core.EngineEvent e) => Target?.Publish(in e);
}
