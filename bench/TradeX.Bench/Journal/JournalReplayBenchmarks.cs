using BenchmarkDotNet.Attributes;
using TradeX.Core;
using TradeX.Journal;

namespace TradeX.Bench.Journal;

/// <summary>
/// Reading a 1,000,000-record journal from the page cache: every record's frame, CRC-32C and sequence
/// checked and its SBE message decoded into an <see cref="EngineInput"/> (what recovery and the tools
/// do before applying), and the same plus applying each input to an engine. Figures are per record.
/// </summary>
[MemoryDiagnoser]
public class JournalReplayBenchmarks
{
    private const int Records = 1_000_000;
    private string _directory = "";
    private JournalReader _reader = null!;
    private TradeX.Core.Engine _engine = null!;

    [GlobalSetup]
    public void Setup()
    {
        _directory = Path.Combine(Path.GetTempPath(), "tradex-journal-bench", Guid.NewGuid().ToString("N"));
        var flow = JournalBenchFlow.Create(Records);
        using (var writer = JournalWriter.Open(_directory, new JournalOptions { Sync = JournalSyncPolicy.None }))
        {
            for (int i = 0; i < flow.Length; i++) writer.Append(in flow[i], endOfBatch: i % 100 == 99);
        }
        _reader = JournalReader.Open(_directory);
    }

    [Benchmark(OperationsPerInvoke = Records)]
    public long ReadAndDecode()
    {
        long check = 0;
        using var cursor = _reader.ReadAll();
        while (cursor.MoveNext()) check += cursor.Current.Sequence;
        return check;
    }

    [IterationSetup(Target = nameof(ReplayIntoEngine))]
    public void NewEngine() => _engine = new TradeX.Core.Engine(new DiscardingSink(), new EngineOptions { MaxOpenOrders = 1 << 20, MaxPositions = 1 << 10, PreFaultMemory = true });

    [Benchmark(OperationsPerInvoke = Records)]
    public long ReplayIntoEngine()
    {
        var engine = _engine;
        using var cursor = _reader.ReadAll();
        while (cursor.MoveNext()) engine.Apply(in cursor.Current);
        return engine.LastSequence;
    }

    [GlobalCleanup]
    public void Cleanup() => Directory.Delete(_directory, recursive: true);
}

/// <summary>Drops engine events (the replay benchmark measures the journal and the engine, not a consumer).</summary>
internal sealed class DiscardingSink : IEngineEventSink
{
    public void Publish(in EngineEvent e)
    {
    }
}
