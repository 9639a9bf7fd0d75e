using System.Runtime.InteropServices;
using TradeX.Core;
using RandomFlow = TradeX.Core.Tests.RandomFlow;

namespace TradeX.Journal.Tests;

/// <summary>Discards events.</summary>
public sealed class NullSink : IEngineEventSink
{
    public static readonly NullSink Instance = new();
    public void Publish(in EngineEvent e)
    {
    }
}

/// <summary>Collects events in order.</summary>
public sealed class RecordingSink : IEngineEventSink
{
    public readonly List<EngineEvent> Events = new();
    public void Publish(in EngineEvent e) => Events.Add(e);
}

/// <summary>A fresh directory under the system temp directory, removed on dispose.</summary>
public sealed class TempDirectory : IDisposable
{
    public TempDirectory(string? name = null)
    {
        Path = System.IO.Path.Combine(System.IO.Path.GetTempPath(), "tradex-journal-tests", (name ?? "t") + "-" + Guid.NewGuid().ToString("N")[..12]);
        Directory.CreateDirectory(Path);
    }

    public string Path { get; }

    public string Copy(string suffix)
    {
        string target = Path + "-" + suffix;
        if (Directory.Exists(target)) Directory.Delete(target, true);
        Directory.CreateDirectory(target);
        foreach (string file in Directory.EnumerateFiles(Path)) File.Copy(file, System.IO.Path.Combine(target, System.IO.Path.GetFileName(file)));
        return target;
    }

    public void Dispose()
    {
        try
        {
            if (Directory.Exists(Path)) Directory.Delete(Path, true);
            foreach (string d in Directory.EnumerateDirectories(System.IO.Path.GetDirectoryName(Path)!, System.IO.Path.GetFileName(Path) + "-*")) Directory.Delete(d, true);
        }
        catch (IOException)
        {
        }
    }
}

/// <summary>A flow of inputs as the live engine saw them: numbered 1..N, times stamped with skew.</summary>
public sealed class LiveRun
{
    public required List<EngineInput> Inputs { get; init; }
    public required Engine Engine { get; init; }
    /// <summary>StateHash after input k (index 0 = the empty engine), when collected.</summary>
    public ulong[]? Hashes { get; init; }
    /// <summary>Inputs whose time is below the previous input's.</summary>
    public int BackwardsTimes { get; init; }

    public static readonly EngineOptions Options = EngineOptions.Small;
    public const long StartTime = 1_767_603_600_000_000_000L; // 2026-01-05 09:00 UTC

    /// <summary>Runs a random flow of <paramref name="count"/> inputs (after the setup) through a live engine.</summary>
    public static LiveRun Generate(int seed, int count, bool hashes = false, Action<Engine, EngineInput>? after = null)
    {
        var flow = new RandomFlow(seed);
        var sink = new FlowSink(flow);
        var engine = new Engine(sink, Options);
        var inputs = new List<EngineInput>();
        var hashList = hashes ? new List<ulong> { engine.StateHash() } : null;
        long time = StartTime;
        int backwards = 0;
        long sequence = 0;
        foreach (var x in flow.Setup().Concat(Enumerable.Range(0, count).Select(_ => flow.Next())))
        {
            var input = x;
            long next = flow.NextTime(time);
            if (next < time) backwards++;
            time = next;
            input.Sequence = ++sequence;
            input.Time = time;
            inputs.Add(input);
            engine.Apply(in input);
            hashList?.Add(engine.StateHash());
            after?.Invoke(engine, input);
        }
        return new LiveRun { Inputs = inputs, Engine = engine, Hashes = hashList?.ToArray(), BackwardsTimes = backwards };
    }

    private sealed class FlowSink(RandomFlow flow) : IEngineEventSink
    {
        public void Publish(in EngineEvent e) => flow.Observe(in e);
    }
}

public static class Journals
{
    /// <summary>Writes <paramref name="inputs"/> in batches of <paramref name="batch"/>.</summary>
    public static void Write(string directory, IReadOnlyList<EngineInput> inputs, JournalOptions? options = null, int batch = 7)
    {
        using var writer = JournalWriter.Open(directory, options ?? new JournalOptions { Sync = JournalSyncPolicy.None });
        for (int i = 0; i < inputs.Count; i++)
        {
            writer.Append(inputs[i], endOfBatch: i % batch == batch - 1 || i == inputs.Count - 1);
        }
    }

    /// <summary>XORs the byte at <paramref name="offset"/> of a file with <paramref name="mask"/> (damage on purpose).</summary>
    public static void FlipBits(string path, long offset, byte mask = 0x10)
    {
        using var f = new FileStream(path, FileMode.Open);
        f.Position = offset;
        int b = f.ReadByte();
        f.Position = offset;
        f.WriteByte((byte)(b ^ mask));
    }

    public static ulong ReplayHash(IEnumerable<EngineInput> inputs)
    {
        var engine = new Engine(NullSink.Instance, LiveRun.Options);
        foreach (var input in inputs) engine.Apply(input);
        return engine.StateHash();
    }

    /// <summary>The input's 96 bytes: equal bytes mean every field, padding included, is equal.</summary>
    public static byte[] Bytes(in EngineInput input) => MemoryMarshal.AsBytes(new ReadOnlySpan<EngineInput>(in input)).ToArray();

    public static void AssertSameInputs(IReadOnlyList<EngineInput> actual, IReadOnlyList<EngineInput> expected, int count)
    {
        Assert.That(actual, Has.Count.EqualTo(count));
        for (int i = 0; i < count; i++)
        {
            if (!Bytes(actual[i]).AsSpan().SequenceEqual(Bytes(expected[i])))
            {
                Assert.Fail($"input {i + 1} differs: journal has kind {actual[i].Kind} sequence {actual[i].Sequence}, expected kind {expected[i].Kind} sequence {expected[i].Sequence}");
            }
        }
    }
}
