using System.Diagnostics;
using System.Text.RegularExpressions;
using TradeX.Disruptor;
using TradeX.Node.Config;
using TradeX.Sim;
using TradeX.Sim.Load;
using TradeX.Sim.Simulator;

namespace TradeX.Node.Tests;

/// <summary>
/// The market-maker simulator as a process of its own (<c>sim --connect</c>): against a node serving external
/// clients, and as the main job's child, whose results come back into the node's report.
/// </summary>
public sealed class SimulatorProcessTests
{
    private static readonly TimeSpan Generous = TimeSpan.FromSeconds(180);
    private static readonly string SimAssembly = typeof(SimCommand).Assembly.Location;

    private static string DotnetHost => TestPaths.DotnetHost;

    /// <summary>Runs TradeX.Sim.dll to its end, as a user would from the shell.</summary>
    private static (int Code, string Output, string Errors) RunSim(params string[] arguments)
    {
        var psi = new ProcessStartInfo(DotnetHost) { RedirectStandardOutput = true, RedirectStandardError = true, UseShellExecute = false };
        psi.ArgumentList.Add(SimAssembly);
        foreach (string a in arguments) psi.ArgumentList.Add(a);
        using var process = Process.Start(psi)!;
        var output = process.StandardOutput.ReadToEndAsync();
        var errors = process.StandardError.ReadToEndAsync();
        if (!process.WaitForExit(Generous))
        {
            process.Kill(entireProcessTree: true);
            Assert.Fail($"TradeX.Sim {string.Join(' ', arguments)} did not finish\n{errors.Result}");
        }
        process.WaitForExit();
        return (process.ExitCode, output.Result, errors.Result);
    }

    private static string WriteConfig(TempDirectory dir, string json)
    {
        string file = Path.Combine(dir.Path, "node.json");
        File.WriteAllText(file, json);
        return file;
    }

    [Test]
    public void The_simulator_process_trades_with_a_node_serving_external_clients_and_sees_no_protocol_errors()
    {
        using var dir = new TempDirectory("sim-process");
        var (code, output, errors) = RunSim("sim-credentials", dir.Path);
        Assert.That(code, Is.EqualTo(0), errors);
        string store = Path.Combine(dir.Path, "participants.json"), credentials = Path.Combine(dir.Path, "credentials.json");
        Assert.That(output, Does.Contain(store).And.Contain(credentials));
        if (!OperatingSystem.IsWindows())
            Assert.That(File.GetUnixFileMode(credentials), Is.EqualTo(UnixFileMode.UserRead | UnixFileMode.UserWrite), "the secrets are readable by their owner only");

        var config = NodeConfig.Load(WriteConfig(dir, $$"""
            { "run": { "load": "none" }, "journal": { "directory": null }, "gateway": { "participantsFile": "{{store}}" } }
            """));
        var log = new List<string>();
        using var node = NodeHost.Build(config, load: null, line => { lock (log) log.Add(line); });
        node.Start();
        int core = CpuAffinity.AllowedCores()[^1];
        string report = Path.Combine(dir.Path, "result.json");
        try
        {
            (code, output, errors) = RunSim("sim", "--connect", node.Gateway!.LocalEndPoint.ToString(), "--credentials", credentials,
                "--duration", "3", "--rate", "2000", "--core", core.ToString(System.Globalization.CultureInfo.InvariantCulture), "--report-json", report);
        }
        finally
        {
            Assert.That(node.Stop(), Is.True, "the node stops cleanly");
        }
        Assert.That(code, Is.EqualTo(0), errors);
        if (CpuAffinity.IsSupported) Assert.That(errors, Does.Contain($"pinned to core {core}: all"), "it says what pinning achieved");
        Assert.That(output, Does.Contain("order → first execution report").And.Contain("p99.9"));

        Assert.That(SimulatorResultFile.TryRead(report, out var result, out string? placement, out string? error), Is.True, error);
        Assert.That(result!.ExecutionReports, Is.GreaterThan(0), "orders were answered");
        Assert.That(result.QuoteAcks, Is.GreaterThan(0), "mass quotes were acknowledged");
        Assert.That(result.OrderLatency.TotalCount, Is.GreaterThan(0));
        Assert.That(result.QuoteLatency.TotalCount, Is.GreaterThan(0));
        Assert.That(result.SendLag.TotalCount, Is.GreaterThan(0).And.LessThanOrEqualTo(result.OrdersSent + result.CancelsSent + result.ReplacesSent + result.MassQuotesSent + result.NotSent),
            "each measured request's send behind its due time is recorded (warm-up requests are not)");
        Assert.That(result.BusinessRejects, Is.Zero, "no protocol-level rejects");
        Assert.That(result.Disconnects, Is.Zero);
        Assert.That(placement, Does.Contain("simulator process"));
        var gateway = node.Gateway.Statistics;
        Assert.That(gateway.MalformedFrames, Is.Zero);
        Assert.That(gateway.NegotiationRejects + gateway.EstablishmentRejects, Is.Zero, "every session logged in with the secrets sim-credentials wrote");
        Assert.That(gateway.Establishments, Is.EqualTo(6));
        Assert.That(node.Pipeline.Engine.CheckInvariants(), Is.Empty);
    }

    [TestCase("--connect", "nowhere", "is not HOST:PORT")]
    [TestCase("--connect", "127.0.0.1:0", "is not HOST:PORT")]
    [TestCase("--credentials", "missing", "credentials file not found")]
    [TestCase("--credentials", "in-repository", "inside the git work tree")]
    [TestCase("--credentials", "garbage", "credentials.json: marketMakers[0].participant: a positive participant id is needed")]
    [TestCase("--core", "4096", "--core 4096: this process may use core(s)")]
    [TestCase("--config", "missing", "does not exist")]
    public void Bad_input_to_sim_is_one_clear_error_and_exit_code_2(string option, string value, string expected)
    {
        using var dir = new TempDirectory("sim-args");
        string credentials = Path.Combine(dir.Path, "credentials.json");
        new SimCredentials([new SimParticipant(1, "s3cret", [101])], []).Write(credentials);
        string connect = "127.0.0.1:9", config = null!;
        int? core = null;
        switch (option, value)
        {
            case ("--connect", _): connect = value; break;
            case ("--credentials", "missing"): credentials = Path.Combine(dir.Path, "none.json"); break;
            case ("--credentials", "in-repository"):
                Directory.CreateDirectory(Path.Combine(dir.Path, ".git"));
                Directory.CreateDirectory(Path.Combine(dir.Path, "work"));
                credentials = Path.Combine(dir.Path, "work", "credentials.json");
                File.WriteAllText(credentials, "{}");
                break;
            case ("--credentials", "garbage"): File.WriteAllText(credentials, "{ \"marketMakers\": [ { \"participant\": \"one\" } ] }"); break;
            case ("--core", _): core = int.Parse(value, System.Globalization.CultureInfo.InvariantCulture); break;
            case ("--config", _): config = Path.Combine(dir.Path, "none.json"); break;
        }
        var errors = new StringWriter();
        int code = SimCommand.Run(connect, credentials, config, durationSeconds: 1, ratePerSecond: null, core, reportJson: null, receive: null, untilStdinCloses: false, new StringWriter(), errors);
        Assert.That(code, Is.EqualTo(2), errors.ToString());
        Assert.That(errors.ToString(), Does.StartWith("error: ").And.Contain(expected));
    }

    [Test]
    public void A_simulator_result_file_gives_back_the_same_counts_and_percentiles()
    {
        var orders = new TradeX.Metrics.HdrHistogram(1, 60_000_000_000L, 3);
        var quotes = new TradeX.Metrics.HdrHistogram(1, 60_000_000_000L, 3);
        for (long v = 1_000; v < 2_000_000; v += 997) orders.RecordValue(v);
        quotes.RecordValue(42_000);
        var lag = new TradeX.Metrics.HdrHistogram(1, 60_000_000_000L, 3);
        lag.RecordValue(3_700);
        lag.RecordValue(2_230_000);
        var written = new SimulatorResult
        {
            OrderLatency = orders, QuoteLatency = quotes, SendLag = lag, Measured = TimeSpan.FromSeconds(2.5), OrdersSent = 11, ExecutionReports = 13, QuoteAcks = 1, Fills = 5,
            BusinessRejects = 2, RejectsByReason = new Dictionary<ushort, long> { [39] = 7, [1003] = 1 },
        };
        using var dir = new TempDirectory("sim-result");
        string file = Path.Combine(dir.Path, "r.json");
        SimulatorResultFile.Write(file, written, "pinned somewhere");

        Assert.That(SimulatorResultFile.TryRead(file, out var read, out string? placement, out string? error), Is.True, error);
        Assert.That(placement, Is.EqualTo("pinned somewhere"));
        Assert.That((read!.OrdersSent, read.ExecutionReports, read.QuoteAcks, read.Fills, read.BusinessRejects), Is.EqualTo((11L, 13L, 1L, 5L, 2L)));
        Assert.That(read.RejectsByReason, Is.EquivalentTo(written.RejectsByReason));
        Assert.That(read.Measured, Is.EqualTo(written.Measured));
        foreach (double p in new[] { 50, 90, 99, 99.9, 99.99 })
            Assert.That(read.OrderLatency.ValueAtPercentile(p), Is.EqualTo(orders.ValueAtPercentile(p)), $"p{p}");
        Assert.That(read.OrderLatency.TotalCount, Is.EqualTo(orders.TotalCount));
        Assert.That(read.QuoteLatency.MaxValue, Is.EqualTo(quotes.MaxValue));
        Assert.That((read.SendLag.TotalCount, read.SendLag.MaxValue), Is.EqualTo((2L, lag.MaxValue)), "the sender's own lag comes back too");

        File.WriteAllText(file, "{ \"format\": \"tradex-simulator-result\", \"version\": 1, \"orderLatency\": { \"hdr\": \"bm90IGEgaGlzdG9ncmFt\" } }");
        Assert.That(SimulatorResultFile.TryRead(file, out _, out _, out error), Is.False);
        Assert.That(error, Does.StartWith(file));
        File.WriteAllText(file, "[1, 2");
        Assert.That(SimulatorResultFile.TryRead(file, out _, out _, out error), Is.False, "a torn file is an error, not a crash");
    }

    [Test]
    public void The_simulator_sections_written_for_the_child_give_it_the_node_configurations_simulator()
    {
        using var dir = new TempDirectory("sim-sections");
        var config = NodeConfig.Load(WriteConfig(dir, """
            { "run": { "durationSeconds": 7 }, "simulator": { "ordersPerSecond": 1234, "warmupSeconds": 1.5, "seed": 9, "takers": [3] },
              "instruments": [ { "id": 5, "symbol": "ZED", "tick": "0.05", "reference": "12.35" } ] }
            """));
        string file = Path.Combine(dir.Path, "sections.json");
        SimulatorConfiguration.WriteSimulatorSections(config, file);
        var credentials = new SimCredentials([], [new SimParticipant(3, "x", [103])]);
        var endpoint = new System.Net.IPEndPoint(System.Net.IPAddress.Loopback, 9);

        var expected = SimulatorConfiguration.Options(config, endpoint, credentials);
        var child = SimulatorConfiguration.Options(NodeConfig.Load(file), endpoint, credentials);
        Assert.That(child with { Instruments = [], MarketMakers = [], Takers = [] }, Is.EqualTo(expected with { Instruments = [], MarketMakers = [], Takers = [] }));
        Assert.That(child.Instruments, Is.EqualTo(expected.Instruments));
        Assert.That(child.Duration, Is.EqualTo(TimeSpan.FromSeconds(5.5)));
        Assert.That(child.OrdersPerSecond, Is.EqualTo(1234));
    }

    /// <summary>The main job exactly as <c>./run.sh</c> starts it (default placement), its journal in memory.</summary>
    private static LineProcess StartMainJob(TempDirectory dir, double seconds) =>
        new(DotnetHost, $"\"{SimAssembly}\" --duration {seconds} --rate 5000 --config \"{WriteConfig(dir, """{ "journal": { "directory": null } }""")}\"");

    [Test]
    public void The_main_job_runs_the_simulator_as_its_own_process_and_reports_latency_as_a_market_maker_sees_it()
    {
        using var dir = new TempDirectory("main-job-sim");
        using var job = StartMainJob(dir, 3);
        job.WaitFor(l => l.StartsWith("State hash after", StringComparison.Ordinal), "the main job's report", Generous);
        string text = string.Join("\n", job.Lines);
        var started = Regex.Match(text, @"simulator process (\d+) started: \S+ \S+TradeX\.Sim\.dll sim --connect 127\.0\.0\.1:\d+ ");
        Assert.That(started.Success, Is.True, text);
        Assert.That(text, Does.Match(@"Gateway: 6 connections, 6 sessions established, 0 negotiation rejects"));
        Assert.That(text, Does.Contain("Latency as a market maker sees it"));
        var orders = Regex.Match(text, @"order → first execution report │\s+([\d,]+) │");
        Assert.That(orders.Success, Is.True, text);
        Assert.That(long.Parse(orders.Groups[1].Value, System.Globalization.NumberStyles.AllowThousands, System.Globalization.CultureInfo.InvariantCulture), Is.GreaterThan(1_000),
            "orders the child sent were answered over TCP and timed, and its histogram came back");
        Assert.That(text, Does.Contain("mass quote → MassQuoteAck"));
        Assert.That(text, Does.Not.Contain("Simulator failed"));
        if (CpuAffinity.IsSupported && CpuAffinity.AllowedCores().Count >= 2)
            Assert.That(text, Does.Match(@"Placement: node process \d+ pinned to core \d+: all \d+ threads").And.Match(@"simulator process \d+ pinned to core \d+: all"));
        Assert.That(text, Does.Contain("Invariants: book never crossed"));
        Assert.That(text, Does.Not.Contain("did not stop cleanly"));
    }

    [Test]
    public void When_the_simulator_process_dies_the_node_stops_cleanly_and_the_report_says_so()
    {
        using var dir = new TempDirectory("main-job-sim-killed");
        using var job = StartMainJob(dir, 60);
        string started = job.WaitFor(l => l.StartsWith("STDERR simulator process ", StringComparison.Ordinal) && l.Contains(" started: "), "the simulator process starting", Generous);
        int pid = int.Parse(Regex.Match(started, @"simulator process (\d+) started").Groups[1].Value, System.Globalization.CultureInfo.InvariantCulture);
        job.WaitFor(l => l.Contains("takers to 127.0.0.1:"), "the simulator process running", Generous);
        using (var child = Process.GetProcessById(pid)) child.Kill();

        job.WaitFor(l => l.StartsWith("State hash after", StringComparison.Ordinal), "the main job's report", Generous);
        string text = string.Join("\n", job.Lines);
        Assert.That(text, Does.Contain($"Simulator failed: simulator process {pid} exited with code 137 (killed by signal 9) without a report, before the node stopped"));
        Assert.That(text, Does.Not.Contain("stopped by Ctrl-C"));
        Assert.That(text, Does.Contain("Invariants: book never crossed"));
        Assert.That(text, Does.Not.Contain("did not stop cleanly"));
    }
}
