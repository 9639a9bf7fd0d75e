using System.Diagnostics;
using TradeX.Core;
using TradeX.Disruptor;

namespace TradeX.Pipeline;

/// <summary>
/// The business-logic stage: applies each input to the engine (gated after the journal and
/// replication stages, so whatever it emits for input N is released only after N is journaled and
/// replicated) and copies the engine's events into the output ring. If the output ring is full the
/// stage waits for the publishers: events are never dropped, and the wait shows up upstream as a
/// full input ring ("busy" to producers). The events of one input are published together when the
/// engine has finished with it (one cursor write per input instead of one per event, so the output
/// ring's consumers see fewer cache-line transfers); an input with very many events publishes every
/// <see cref="PublishEvery"/> so a claim can never wait for slots this stage itself holds back.
/// </summary>
public sealed class EngineStage : IEventHandler<InputEntry>, IEngineEventSink
{
    private readonly RingBuffer<OutputEntry> _output;
    private long _startTicks;
    private int _producer;
    private bool _measure;
    private bool _first;
    private long _durableTicks;
    private long _firstSlot = -1;
    private bool _firstPublished;
    private long _pendingHigh = -1;
    private int _pendingCount;
    internal const int PublishEvery = 256;

    public EngineStage(RingBuffer<OutputEntry> output, EngineOptions options)
    {
        _output = output;
        if (output.BufferSize <= PublishEvery) throw new ArgumentException($"the output ring needs more than {PublishEvery} slots", nameof(output));
        Engine = new Engine(this, options);
    }

    /// <summary>Wraps an existing engine (restored from a snapshot); the engine must publish to this stage.</summary>
    public EngineStage(RingBuffer<OutputEntry> output, Func<IEngineEventSink, Engine> create)
    {
        _output = output;
        if (output.BufferSize <= PublishEvery) throw new ArgumentException($"the output ring needs more than {PublishEvery} slots", nameof(output));
        Engine = create(this);
    }

    public Engine Engine { get; }

    /// <summary>Takes a snapshot every N inputs on this thread, between two inputs (consistent by construction); another thread writes it.</summary>
    public TradeX.Journal.SnapshotWriter? Snapshots { get; set; }
    public long SnapshotEveryInputs { get; set; }

    /// <summary>State hashes after every input whose sequence is a multiple of its interval (replication compares them between nodes).</summary>
    public StateCheckpoints? Checkpoints { get; set; }
    private long _sinceSnapshot;

    public void OnEvent(ref InputEntry data, long sequence, bool endOfBatch)
    {
        _startTicks = data.StartTicks;
        _producer = data.Producer;
        _measure = data.Measure;
        _durableTicks = data.DurableTicks;
        _first = true;
        _firstSlot = -1;
        Engine.Apply(in data.Input);
        if (_measure && _firstSlot >= 0 && !_firstPublished)
            _output[_firstSlot].AppliedTicks = Stopwatch.GetTimestamp();
        Flush();
        if (Checkpoints is { } checkpoints && checkpoints.IsDue(data.Input.Sequence)) checkpoints.Capture(Engine, data.Input.Sequence);
        if (Snapshots is not null && ++_sinceSnapshot >= SnapshotEveryInputs)
        {
            _sinceSnapshot = 0;
            Snapshots.TryCapture(Engine);
        }
    }

    /// <summary>
    /// Set when the output ring's publishers run on this stage's own thread (the shared and single threading
    /// modes): called while the output ring is full, to let them make room. Without it the stage waits for
    /// publishers on other threads.
    /// </summary>
    public Action? WhenOutputFull { get; set; }

    public void Publish(in EngineEvent e)
    {
        long slot = Claim();
        ref OutputEntry o = ref _output[slot];
        o.Event = e;
        o.StartTicks = _startTicks;
        o.Producer = _producer;
        o.FirstOfInput = _first;
        o.Measure = _measure;
        o.DurableTicks = _durableTicks;
        o.AppliedTicks = 0;
        if (_first)
        {
            _firstSlot = slot;
            _firstPublished = false;
        }
        _first = false;
        _pendingHigh = slot;
        if (++_pendingCount >= PublishEvery) Flush();
    }

    private long Claim()
    {
        if (WhenOutputFull is not { } help) return _output.Claim();
        long slot;
        while (!_output.TryClaim(out slot))
        {
            Flush(); // the publishers can only make room from what has been published
            help();
        }
        return slot;
    }

    private void Flush()
    {
        if (_pendingCount == 0) return;
        _output.Publish(_pendingHigh);
        _pendingCount = 0;
        _firstPublished = true;
    }
}
