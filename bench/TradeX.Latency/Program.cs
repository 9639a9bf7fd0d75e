using System.CommandLine;
using System.Diagnostics;
using System.Globalization;
using TradeX.Core;
using TradeX.Disruptor;
using TradeX.Metrics;
using TradeX.Node;
using TradeX.Node.Config;
using TradeX.Sim.Load;
using TradeX.Pipeline;

// Open-loop latency harness. For each offered rate: a fresh node (the embedded default configuration),
// one generator thread sending inputs at exactly that rate, latency measured from each input's due time
// (not its send time: coordinated omission corrected) to the publisher's receipt of its first event.
// Prints a percentile table per rate and writes one .hgrm per rate plus an SVG percentile plot.
var rates = new Option<string>("--rates") { Description = "Offered rates, inputs per second.", DefaultValueFactory = _ => "100000,500000,1000000,2000000" };
var seconds = new Option<double>("--seconds") { Description = "Measured seconds per rate.", DefaultValueFactory = _ => 10 };
var warmup = new Option<double>("--warmup") { Description = "Unmeasured warm-up seconds per rate.", DefaultValueFactory = _ => 2 };
var output = new Option<string>("--out") { Description = "Directory for .hgrm files and the SVG plot.", DefaultValueFactory = _ => "bench/latency" };
var wait = new Option<string?>("--wait") { Description = "Wait strategy for every stage (default: the configuration's)." };
var config = new Option<string?>("--config") { Description = "Node configuration file (default: embedded)." };
var journal = new Option<string>("--journal") { Description = "memory (the in-memory journal) or file (segment files in a temporary directory).", DefaultValueFactory = _ => "memory" };
var sync = new Option<string>("--sync") { Description = "File journal sync policy: none, interval, every-batch or group (group commit).", DefaultValueFactory = _ => "none" };
var threading = new Option<string?>("--threading") { Description = "dedicated, shared or single (default: the configuration's, auto from the cores)." };
var replication = new Option<string>("--replication")
{
    Description = "none, async or sync: a hot standby in its own process on loopback (TradeX.Sim with replication.role standby); after each rate a fresh standby catches up the whole journal and the rate is printed.",
    DefaultValueFactory = _ => "none",
};
var root = new RootCommand("TradeX end-to-end latency harness (open loop, coordinated omission corrected).") { rates, seconds, warmup, output, wait, config, journal, sync, threading, replication };
root.SetAction(r => Harness.Run(
    r.GetValue(rates)!.Split(',', StringSplitOptions.RemoveEmptyEntries).Select(s => double.Parse(s, CultureInfo.InvariantCulture)).ToArray(),
    r.GetValue(seconds), r.GetValue(warmup), r.GetValue(output)!, r.GetValue(wait), r.GetValue(config), r.GetValue(journal)!, r.GetValue(sync)!, r.GetValue(threading),
    r.GetValue(replication)!));
return root.Parse(args).Invoke();

internal static class Harness
{
    public static int Run(double[] rates, double seconds, double warmup, string outDir, string? wait, string? configFile, string journal, string sync, string? threading,
        string replication = "none")
    {
        _threading = threading;
        _replication = replication;
        if (journal is not ("memory" or "file") || sync is not ("none" or "interval" or "every-batch" or "group") || replication is not ("none" or "async" or "sync"))
        {
            Console.Error.WriteLine("error: --journal must be memory or file, --sync none, interval, every-batch or group, --replication none, async or sync");
            return 2;
        }
        Console.WriteLine($"journal: {journal}{(journal == "file" ? $" (sync {sync})" : "")}; replication: {replication}");
        Directory.CreateDirectory(outDir);
        var series = new List<PlotSeries>();
        Console.WriteLine($"{"offered/s",12} {"achieved/s",12} {"busy",8} {"responses",11} {"p50",10} {"p90",10} {"p99",10} {"p99.9",10} {"p99.99",10} {"max",10}");
        foreach (double rate in rates)
        {
            var result = RunOne(rate, seconds, warmup, wait, configFile, journal, sync);
            var h = result.Latency;
            Console.WriteLine($"{rate,12:N0} {result.Achieved,12:N0} {result.Busy,8:N0} {h.TotalCount,11:N0} {Us(h.ValueAtPercentile(50)),10} {Us(h.ValueAtPercentile(90)),10} " +
                              $"{Us(h.ValueAtPercentile(99)),10} {Us(h.ValueAtPercentile(99.9)),10} {Us(h.ValueAtPercentile(99.99)),10} {Us(h.MaxValue),10}");
            foreach (var (hop, hh) in result.Hops.Hops)
                if (hh.TotalCount > 0)
                    Console.WriteLine($"{"",12} {"  " + hop,-33} {hh.TotalCount,11:N0} {Us(hh.ValueAtPercentile(50)),10} {Us(hh.ValueAtPercentile(90)),10} " +
                                      $"{Us(hh.ValueAtPercentile(99)),10} {Us(hh.ValueAtPercentile(99.9)),10} {Us(hh.ValueAtPercentile(99.99)),10} {Us(hh.MaxValue),10}");
            if (result.Replication is { } line) Console.WriteLine($"{"",12} {line}");
            string name = $"pipeline-{(journal == "file" ? "file-" + sync + "-" : "")}{(replication == "none" ? "" : "repl-" + replication + "-")}{rate / 1000:0}k";
            using (var file = File.CreateText(Path.Combine(outDir, name + ".hgrm"))) PercentileDistributionWriter.Write(file, h, 1000.0);
            series.Add(new PlotSeries($"{rate / 1000:N0}k/s offered", h));
        }
        string plot = journal == "file" ? $"pipeline-latency-file-{sync}.svg" : "pipeline-latency.svg";
        using (var svg = File.CreateText(Path.Combine(outDir, plot)))
            PercentilePlotSvg.Write(svg, series, new PercentilePlotOptions { Title = "TradeX pipeline: response latency by percentile (open loop, CO corrected)" });
        Console.WriteLine($"wrote {series.Count} .hgrm files and {plot} to {Path.GetFullPath(outDir)}");
        return 0;
    }

    private static string Us(long nanos) => nanos >= 1_000_000 ? $"{nanos / 1e6:0.00}ms" : $"{nanos / 1e3:0.0}µs";

    private sealed record Result(HdrHistogram Latency, HopLatencies Hops, double Achieved, long Busy, string? Replication = null);

    private static string? _threading;
    private static string _replication = "none";

    /// <summary>State-hash checkpoints between primary and standby (TRADEX_CHECKPOINT_EVERY, default the node's 1,000,000).</summary>
    internal static long CheckpointEvery => long.TryParse(Environment.GetEnvironmentVariable("TRADEX_CHECKPOINT_EVERY"), out long n) ? n : 1_000_000;

    private static Result RunOne(double rate, double seconds, double warmup, string? wait, string? configFile, string journal, string sync)
    {
        var config = NodeConfig.Load(configFile);
        if (_threading is not null) config.Threading.Mode = _threading;
        var (mode, why) = config.Threading.Resolve();
        Console.WriteLine($"threading: {mode.ToString().ToLowerInvariant()} ({why})");
        // Size the engine's day for this run's orders, not the embedded default's simulator (beyond its client order ids it refuses).
        config.Engine.OrdersPerDay ??= (int)Math.Min(1 << 30, rate * (seconds + warmup) * 1.25 + 65_536);
        var options = config.ToPipelineOptions() with { InMemoryJournalCapacity = (long)Math.Min(rate * (seconds + warmup) * 1.2 + 100_000, 40_000_000) };
        if (wait is not null) options = options with { InputWaitStrategy = wait, OutputWaitStrategy = wait };
        string directory = Path.Combine(Path.GetTempPath(), $"tradex-latency-journal-{Guid.NewGuid():N}");
        IJournal? fileJournal = null;
        if (journal == "file")
        {
            config.Journal.Sync = sync;
            fileJournal = new FileJournal(TradeX.Journal.JournalWriter.Open(directory, config.ToJournalOptions()), 0);
        }
        using var standbys = _replication == "none" ? null : new StandbyProcesses(config, _replication, Path.Combine(Path.GetTempPath(), $"tradex-latency-standby-{Guid.NewGuid():N}"));
        try
        {
            return RunOne(rate, seconds, warmup, config, options, fileJournal, journal == "file" ? directory : null, standbys);
        }
        finally
        {
            (fileJournal as IDisposable)?.Dispose();
            if (Directory.Exists(directory)) Directory.Delete(directory, recursive: true);
        }
    }

    private static Result RunOne(double rate, double seconds, double warmup, NodeConfig config, PipelineOptions options, IJournal? journal, string? journalDirectory,
        StandbyProcesses? standbys)
    {
        TradeX.Replication.PrimaryReplicator? primary = null;
        using var checkpoints = standbys is null ? null : new StateCheckpoints(CheckpointEvery, Console.Error.WriteLine);
        if (standbys is not null)
        {
            var replicationOptions = new TradeX.Replication.ReplicationOptions
            {
                NodeId = 1, CheckpointEveryInputs = CheckpointEvery,
                Mode = standbys.Mode == "sync" ? TradeX.Replication.ReplicationMode.Synchronous : TradeX.Replication.ReplicationMode.Asynchronous,
            };
            primary = new TradeX.Replication.PrimaryReplicator(replicationOptions, TradeX.Replication.NodeEpoch.Open(null),
                new System.Net.IPEndPoint(System.Net.IPAddress.Loopback, 0), 0, 0, journalDirectory, checkpoints, Console.Error.WriteLine);
        }
        using var owner = primary;
        using var pipeline = new NodePipeline(options, journal, primary, log: Console.Error.WriteLine);
        pipeline.EngineStage.Checkpoints = checkpoints;
        checkpoints?.WarmUp(pipeline.Engine);
        pipeline.Start();
        using var agent = primary is null ? null : HostedAgent.Start(pipeline, primary, primary.Wake, primary.Parking, config.Cores.Replication);
        if (primary is not null)
        {
            standbys!.Start(primary.ListenEndPoint, "standby");
            if (!SpinWait.SpinUntil(() => primary.Status().PeerState == "live", TimeSpan.FromSeconds(60)))
                throw new InvalidOperationException("the standby did not connect within 60 s");
        }
        foreach (var input in config.ReferenceData())
        {
            var stamped = input;
            stamped.Time = NodeClock.NowNanos();
            while (!pipeline.Publisher.TryPublish(in stamped, RunCommand.ProducerReferenceData)) Thread.Yield();
        }
        var generator = new OrderFlowGenerator(config, pipeline.Publisher, RunCommand.ProducerGeneratorBase, config.Generator.Seed, rate) { Measure = false };
        using var stop = new CancellationTokenSource();
        var thread = PinnedThread.Start(new ThreadPlacement("generator", config.Cores.Producers), () => generator.Run(stop.Token), Console.Error.WriteLine);
        Thread.Sleep(TimeSpan.FromSeconds(warmup));
        long sentBefore = generator.Sent, busyBefore = generator.Busy;
        generator.Measure = true;
        var clock = Stopwatch.StartNew();
        Thread.Sleep(TimeSpan.FromSeconds(seconds));
        generator.Measure = false;
        double elapsed = clock.Elapsed.TotalSeconds;
        long sent = generator.Sent - sentBefore, busy = generator.Busy - busyBefore;
        stop.Cancel();
        thread.Join(TimeSpan.FromSeconds(30));
        string? replication = null;
        if (primary is not null)
        {
            SpinWait.SpinUntil(() => primary.Status().LagRecords == 0, TimeSpan.FromSeconds(60));
            replication = primary.Status().ToString();
            standbys!.StopAll();
            replication += "; " + CatchUp(primary, standbys);
        }
        pipeline.Stop();
        return new Result(pipeline.Statistics.Latency, pipeline.Statistics.Hops, sent / elapsed, busy, replication);
    }

    /// <summary>A fresh standby (empty journal) catches up everything the primary holds: records per second, from its Hello to its last acknowledgement.</summary>
    private static string CatchUp(TradeX.Replication.PrimaryReplicator primary, StandbyProcesses standbys)
    {
        SpinWait.SpinUntil(() => primary.Status().Peer == "no standby", TimeSpan.FromSeconds(30));
        long connections = primary.Status().Connections;
        long last = primary.Status().LastSequence;
        long fromFiles = primary.Status().RecordsFromFiles;
        standbys.Start(primary.ListenEndPoint, "catch-up");
        if (!SpinWait.SpinUntil(() => primary.Status().Connections > connections, TimeSpan.FromSeconds(60))) return "catch-up: the fresh standby did not connect";
        var clock = Stopwatch.StartNew();
        bool done = SpinWait.SpinUntil(() => primary.Status().PeerDurableSequence >= last, TimeSpan.FromSeconds(300));
        double elapsed = clock.Elapsed.TotalSeconds;
        long files = primary.Status().RecordsFromFiles - fromFiles;
        standbys.StopAll();
        return done
            ? $"catch-up of {last:N0} inputs ({files:N0} from journal files) by a fresh standby: {elapsed:0.00} s, {last / elapsed:N0} records/s (connect to last acknowledgement)"
            : $"catch-up: {primary.Status().PeerDurableSequence:N0} of {last:N0} after 300 s";
    }
}

/// <summary>Standby nodes in processes of their own (TradeX.Sim with replication.role standby), each with a fresh journal.</summary>
internal sealed class StandbyProcesses(NodeConfig primaryConfig, string mode, string root) : IDisposable
{
    private readonly List<Process> _running = [];

    public string Mode => mode;

    /// <summary>The standby's threading (TRADEX_STANDBY_THREADING, default single: on a shared machine it should take one core at most).</summary>
    private static string StandbyThreading => Environment.GetEnvironmentVariable("TRADEX_STANDBY_THREADING") ?? "single";

    /// <summary>How long the standby's thread polls after work before it sleeps (TRADEX_STANDBY_SPIN_MICROS, default 20).</summary>
    private static string StandbySpinMicros => Environment.GetEnvironmentVariable("TRADEX_STANDBY_SPIN_MICROS") ?? "20";

    public void Start(System.Net.IPEndPoint primary, string name)
    {
        string dir = Path.Combine(root, name + "-" + _running.Count);
        Directory.CreateDirectory(dir);
        string configFile = Path.Combine(dir, "standby.json");
        // The same engine capacities as the primary: their state hashes are compared at every checkpoint.
        File.WriteAllText(configFile, $$"""
            {
              "run": { "load": "none", "durationSeconds": 86400 },
              "gateway": { "enabled": false },
              "threading": { "mode": "{{StandbyThreading}}", "idleSpinMicros": {{StandbySpinMicros}} },
              "engine": { "ordersPerDay": {{primaryConfig.Engine.OrdersPerDay}} },
              "journal": { "directory": "{{Path.Combine(dir, "journal")}}", "snapshotEveryInputs": 0 },
              "replication": { "role": "standby", "mode": "{{mode}}", "nodeId": 2, "primaries": [ "{{primary}}" ], "checkpointEveryInputs": {{Harness.CheckpointEvery}} }
            }
            """);
        string sim = Path.Combine(AppContext.BaseDirectory, "TradeX.Sim.dll");
        var start = new ProcessStartInfo("dotnet", [sim, "--config", configFile]) { RedirectStandardOutput = true, RedirectStandardError = true };
        var process = Process.Start(start)!;
        process.OutputDataReceived += (_, e) => { };
        process.ErrorDataReceived += (_, e) =>
        {
            if (e.Data is { } line && (line.Contains("ALARM", StringComparison.Ordinal) || line.StartsWith("error", StringComparison.Ordinal))) Console.Error.WriteLine($"[{name}] {line}");
        };
        process.BeginOutputReadLine();
        process.BeginErrorReadLine();
        _running.Add(process);
    }

    public void StopAll()
    {
        foreach (var p in _running.Where(p => !p.HasExited))
        {
            Process.Start("kill", ["-TERM", p.Id.ToString(System.Globalization.CultureInfo.InvariantCulture)])!.WaitForExit();
            if (!p.WaitForExit(30_000)) p.Kill();
        }
    }

    public void Dispose()
    {
        StopAll();
        try
        {
            if (Directory.Exists(root)) Directory.Delete(root, recursive: true);
        }
        catch (IOException)
        {
        }
    }
}
