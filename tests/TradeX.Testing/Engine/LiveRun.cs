using TradeX.Core;

namespace TradeX.Testing;

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
