using BenchmarkDotNet.Attributes;
using TradeX.Core;
using TradeX.Journal;

namespace TradeX.Bench.Journal;

/// <summary>
/// Appending to the file journal as the pipeline's journal stage does: <c>endOfBatch</c> on every
/// <see cref="Batch"/>-th input, so one write (and, for every-batch sync, one fdatasync) per batch.
/// Figures are per record. Each iteration is one invocation over many records (200,000 without sync,
/// 5,000 with a sync per batch), so a write's or a sync's cost is spread the way it is in production.
/// Segments roll at their default 64 MiB; completed segments are deleted between iterations only to
/// bound disk use (not measured).
/// </summary>
[MemoryDiagnoser]
public class JournalAppendBenchmarks
{
    private const int UnsyncedRecords = 200_000;
    private const int SyncedRecords = 5_000;

    [Params(1, 10, 100)]
    public int Batch { get; set; }

    private EngineInput[] _flow = [];
    private string _directory = "";
    private JournalWriter _writer = null!;
    private long _sequence;

    [GlobalSetup(Target = nameof(SyncNone))]
    public void SetupNone() => Open(JournalSyncPolicy.None);

    [GlobalSetup(Target = nameof(SyncEveryBatch))]
    public void SetupEveryBatch() => Open(JournalSyncPolicy.EveryBatch);

    private void Open(JournalSyncPolicy policy)
    {
        _flow = JournalBenchFlow.Create(100_000);
        _directory = Path.Combine(Path.GetTempPath(), "tradex-journal-bench", Guid.NewGuid().ToString("N"));
        _writer = JournalWriter.Open(_directory, new JournalOptions { Sync = policy });
        _sequence = 0;
    }

    [Benchmark(OperationsPerInvoke = UnsyncedRecords, Description = "append, sync none")]
    public void SyncNone() => Append(UnsyncedRecords);

    [Benchmark(OperationsPerInvoke = SyncedRecords, Description = "append, sync every batch")]
    public void SyncEveryBatch() => Append(SyncedRecords);

    private void Append(int records)
    {
        var writer = _writer;
        var flow = _flow;
        int batch = Batch;
        long sequence = _sequence;
        for (int i = 0; i < records; i++)
        {
            var input = flow[sequence % flow.Length];
            input.Sequence = ++sequence;
            writer.Append(in input, endOfBatch: i % batch == batch - 1);
        }
        writer.EndBatch();
        _sequence = sequence;
    }

    [IterationCleanup]
    public void DeleteCompletedSegments()
    {
        foreach (var (_, path) in JournalFiles.Segments(_directory))
        {
            if (path == _writer.CurrentSegment) continue;
            File.Delete(path);
            File.Delete(JournalFiles.IndexPathFor(path));
        }
    }

    [GlobalCleanup]
    public void Cleanup()
    {
        _writer.Dispose();
        Directory.Delete(_directory, recursive: true);
    }
}
