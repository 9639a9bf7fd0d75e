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
var sync = new Option<string>("--sync") { Description = "File journal sync policy: none, interval or every-batch.", DefaultValueFactory = _ => "none" };
var threading = new Option<string?>("--threading") { Description = "dedicated, shared or single (default: the configuration's, auto from the cores)." };
var root = new RootCommand("TradeX end-to-end latency harness (open loop, coordinated omission corrected).") { rates, seconds, warmup, output, wait, config, journal, sync, threading };
root.SetAction(r => Harness.Run(
    r.GetValue(rates)!.Split(',', StringSplitOptions.RemoveEmptyEntries).Select(s => double.Parse(s, CultureInfo.InvariantCulture)).ToArray(),
    r.GetValue(seconds), r.GetValue(warmup), r.GetValue(output)!, r.GetValue(wait), r.GetValue(config), r.GetValue(journal)!, r.GetValue(sync)!, r.GetValue(threading)));
return root.Parse(args).Invoke();

internal static class Harness
{
    public static int Run(double[] rates, double seconds, double warmup, string outDir, string? wait, string? configFile, string journal, string sync, string? threading)
    {
        _threading = threading;
        if (journal is not ("memory" or "file") || sync is not ("none" or "interval" or "every-batch"))
        {
            Console.Error.WriteLine("error: --journal must be memory or file, --sync none, interval or every-batch");
            return 2;
        }
        Console.WriteLine($"journal: {journal}{(journal == "file" ? $" (sync {sync})" : "")}");
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
            string name = $"pipeline-{(journal == "file" ? "file-" + sync + "-" : "")}{rate / 1000:0}k";
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

    private sealed record Result(HdrHistogram Latency, HopLatencies Hops, double Achieved, long Busy);

    private static string? _threading;

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
        try
        {
            return RunOne(rate, seconds, warmup, config, options, fileJournal);
        }
        finally
        {
            (fileJournal as IDisposable)?.Dispose();
            if (Directory.Exists(directory)) Directory.Delete(directory, recursive: true);
        }
    }

    private static Result RunOne(double rate, double seconds, double warmup, NodeConfig config, PipelineOptions options, IJournal? journal)
    {
        using var pipeline = new NodePipeline(options, journal, log: Console.Error.WriteLine);
        pipeline.Start();
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
        pipeline.Stop();
        return new Result(pipeline.Statistics.Latency, pipeline.Statistics.Hops, sent / elapsed, busy);
    }
}
