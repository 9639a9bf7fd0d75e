using TradeX.Node.Config;

namespace TradeX.Node.Tests;

public sealed class ConfigTests
{
    private static string Write(string json)
    {
        string file = Path.Combine(Path.GetTempPath(), $"tradex-node-{Guid.NewGuid():N}.json");
        File.WriteAllText(file, json);
        return file;
    }

    [Test]
    public void The_embedded_default_loads_and_builds_reference_data()
    {
        var config = NodeConfig.Load();
        Assert.That(config.Run.DurationSeconds, Is.EqualTo(20));
        Assert.That(config.Instruments, Has.Count.EqualTo(8));
        Assert.That(config.ReferenceData().Count(), Is.EqualTo(config.Instruments.Count + config.Accounts.Count + config.Operators.Count));
        Assert.That(config.ToPipelineOptions().InputRingSize, Is.EqualTo(65_536));
        Assert.That(config.ToPipelineOptions().OutputRingSize, Is.EqualTo(32_768));
    }

    [Test]
    public void A_file_overrides_named_fields_and_keeps_the_rest_of_the_default()
    {
        string file = Write("""{ "run": { "durationSeconds": 3, "load": "generator" }, "rings": { "inputWaitStrategy": "blocking:5ms" }, "accounts": [ { "id": 7, "participant": 1, "cash": "1000" } ] }""");
        try
        {
            var config = NodeConfig.Load(file);
            Assert.That(config.Run.DurationSeconds, Is.EqualTo(3));
            Assert.That(config.Run.TimerTickMillis, Is.EqualTo(10), "unnamed fields keep the default");
            Assert.That(config.Rings.InputWaitStrategy, Is.EqualTo("blocking:5ms"));
            Assert.That(config.Rings.InputSize, Is.EqualTo(65_536));
            Assert.That(config.Accounts.Select(a => a.Id), Is.EqualTo(new[] { 7 }), "a list the file names replaces the default's");
            Assert.That(config.Instruments, Has.Count.EqualTo(8));
        }
        finally
        {
            File.Delete(file);
        }
    }

    [TestCase("""{ "rings": { "inputSize": 1000 } }""", "rings.inputSize: 1000 is not a power of two")]
    [TestCase("""{ "rings": { "inputWaitStrategy": "napping" } }""", "rings.inputWaitStrategy: unknown wait strategy 'napping'")]
    [TestCase("""{ "rung": { } }""", "rung")]
    [TestCase("""{ "run": { "durationSecs": 5 } }""", "durationSecs")]
    [TestCase("""{ "instruments": [ { "id": 1, "symbol": "X", "reference": "ten" } ] }""", "instruments[0].reference: 'ten' is not a price")]
    [TestCase("""{ "accounts": [ { "id": 1, "participant": 1, "cash": "lots" } ] }""", "accounts[0].cash: 'lots' is not an amount")]
    [TestCase("""{ "accounts": [ { "id": 1, "participant": 1, "cash": "1,5" } ] }""", "accounts[0].cash: '1,5' is not an amount: a ',' may only separate groups of three digits (like 1,500,000)")]
    [TestCase("""{ "accounts": [ { "id": 1, "participant": 1, "cash": "1000000", "dailyLoss": "10_0" } ] }""", "accounts[0].dailyLoss: '10_0' is not an amount: a '_' may only separate groups of three digits")]
    [TestCase("""{ "instruments": [ { "id": 1, "symbol": "X", "tick": "0,01", "reference": "10" } ] }""", "instruments[0].tick: '0,01' is not a price: a ',' may only separate groups of three digits")]
    [TestCase("""{ "run": { "durationSeconds": 5 """, "")]
    [TestCase("""{ "run": { "load": "fax" } }""", "run.load: 'fax' is not simulator, simulator-inprocess, generator or none")]
    [TestCase("""{ "simulator": { "takers": [99] } }""", "simulator: participant 99 has no account in accounts")]
    [TestCase("""{ "simulator": { "takers": [1] } }""", "simulator: a participant is either a market maker or a taker")]
    [TestCase("""{ "gateway": { "enabled": false } }""", "run.load: the simulator needs the gateway")]
    [TestCase("""{ "gateway": { "address": "localhost:99" } }""", "gateway.address: 'localhost:99' is not an IP address")]
    [TestCase("""{ "rings": { "outputSize": 512 } }""", "rings.outputSize: 512 is below the minimum of 1024")]
    [TestCase("""{ "engine": { "clientOrderIdsPerDay": 0 } }""", "engine.clientOrderIdsPerDay: must be null (derived) or 1 to 1,073,741,824")]
    [TestCase("""{ "engine": { "ordersPerDay": -5 } }""", "engine.ordersPerDay: must be null (derived) or 1 to 1,073,741,824")]
    public void Invalid_configuration_names_the_file_and_the_field(string json, string expected)
    {
        string file = Write(json);
        try
        {
            var ex = Assert.Throws<ConfigException>(() => NodeConfig.Load(file))!;
            Assert.That(ex.Message, Does.StartWith(file));
            Assert.That(ex.Message, Does.Contain(expected));
        }
        finally
        {
            File.Delete(file);
        }
    }

    [Test]
    public void A_missing_file_is_one_clear_error()
    {
        var ex = Assert.Throws<ConfigException>(() => NodeConfig.Load("/nonexistent/node.json"))!;
        Assert.That(ex.Message, Does.Contain("does not exist"));
    }

    private static (int Code, string Output, string Errors) RunMainJob(string? load, double seconds, double rate, string journal)
    {
        var output = new StringWriter();
        var errors = new StringWriter();
        string file = Write($$"""{ "journal": { "directory": "{{journal.Replace("\\", "/")}}" } }""");
        try
        {
            int code = RunCommand.Run(file, durationSeconds: seconds, ordersPerSecond: rate, output, errors, load,
                // Hosted in the test process: pinning it whole would pin the test runner (SimulatorProcessTests runs the main job as ./run.sh does).
                TradeX.Sim.Load.MainJobLoads.Create(TradeX.Sim.Placement.CorePlacement.Unpinned));
            return (code, output.ToString(), errors.ToString());
        }
        finally
        {
            File.Delete(file);
        }
    }

    private static string TempJournal() => Path.Combine(Path.GetTempPath(), $"tradex-main-job-{Guid.NewGuid():N}");

    /// <summary>The hash the report printed must be the hash of the journal replayed into a fresh engine.</summary>
    private static void AssertJournalReplaysToTheReportedHash(string journal, string report)
    {
        var match = System.Text.RegularExpressions.Regex.Match(report, @"State hash after ([\d,]+) inputs: ([0-9a-f]{16})");
        Assert.That(match.Success, Is.True, "the report prints the state hash");
        var recovered = TradeX.Journal.JournalRecovery.Recover(journal, new NullSink(), TradeX.Journal.EngineSettingsFile.TryRead(journal, TradeX.Core.EngineOptions.Default), _ => { });
        Assert.That(recovered.LastSequence.ToString("N0", System.Globalization.CultureInfo.InvariantCulture), Is.EqualTo(match.Groups[1].Value));
        Assert.That(recovered.StateHash.ToString("x16"), Is.EqualTo(match.Groups[2].Value), "replaying the journal gives the state the run ended in");
    }

    [TestCase(null, true)]
    [TestCase("simulator-inprocess", false)]
    public void The_main_job_runs_the_simulator_over_the_gateway_and_reports_latency_as_a_market_maker_sees_it(string? load, bool ownProcess)
    {
        string journal = TempJournal();
        try
        {
            var (code, text, errors) = RunMainJob(load, seconds: 3, rate: 5_000, journal);
            Assert.That(code, Is.EqualTo(0), errors);
            Assert.That(text, Does.Contain("Gateway listening on 127.0.0.1:"));
            Assert.That(errors, ownProcess ? Does.Match(@"simulator process \d+ started: .*TradeX\.Sim\.dll sim --connect") : Does.Not.Contain("simulator process"));
            Assert.That(text, Does.Match(@"Gateway: 6 connections, 6 sessions established, 0 negotiation rejects"));
            Assert.That(text, Does.Contain("Latency as a market maker sees it"));
            var orders = System.Text.RegularExpressions.Regex.Match(text, @"order → first execution report │\s+([\d,]+) │");
            Assert.That(orders.Success, Is.True, text);
            Assert.That(long.Parse(orders.Groups[1].Value, System.Globalization.NumberStyles.AllowThousands, System.Globalization.CultureInfo.InvariantCulture), Is.GreaterThan(1_000),
                "orders were answered over TCP and timed");
            Assert.That(text, Does.Contain("mass quote → MassQuoteAck"));
            Assert.That(text, Does.Contain("Invariants: book never crossed"));
            Assert.That(text, Does.Not.Contain("Simulator failed"));
            Assert.That(text, Does.Match(@"Footprint: orders 16,384 \([\d.]+ MB\), client order ids 65,536 "), "3 s at 5,000/s: the minimum day");
            Assert.That(text, Does.Match(@"Footprint at the end: peak resident \(VmHWM\) [\d.,]+ MB"));
            AssertJournalReplaysToTheReportedHash(journal, text);
        }
        finally
        {
            if (Directory.Exists(journal)) Directory.Delete(journal, recursive: true);
        }
    }

    [Test]
    public void The_main_job_with_the_generator_reports_throughput_rejects_and_latency()
    {
        string journal = TempJournal();
        try
        {
            var (code, text, errors) = RunMainJob(load: "generator", seconds: 1, rate: 20_000, journal);
            Assert.That(code, Is.EqualTo(0), errors);
            Assert.That(Directory.GetFiles(journal, "*.journal"), Is.Not.Empty, "the main job journals to files");
            Assert.That(text, Does.Contain("Inputs applied by the engine"));
            Assert.That(text, Does.Contain("generator inputs accepted into the ring"));
            Assert.That(text, Does.Contain("Rejects by reason"));
            Assert.That(text, Does.Contain("p99.9"));
            Assert.That(text, Does.Contain("Invariants: book never crossed"));
            Assert.That(text, Does.Contain("Journal:"));
            AssertJournalReplaysToTheReportedHash(journal, text);
        }
        finally
        {
            if (Directory.Exists(journal)) Directory.Delete(journal, recursive: true);
        }
    }

    [Test]
    public void The_main_job_without_a_participant_store_for_external_clients_is_one_clear_error()
    {
        string? saved = Environment.GetEnvironmentVariable("TRADEX_PARTICIPANTS");
        Environment.SetEnvironmentVariable("TRADEX_PARTICIPANTS", null);
        string journal = TempJournal();
        try
        {
            var (code, _, errors) = RunMainJob(load: "none", seconds: 1, rate: 0, journal);
            Assert.That(code, Is.EqualTo(2));
            Assert.That(errors, Does.Contain("TRADEX_PARTICIPANTS is not set"));
        }
        finally
        {
            Environment.SetEnvironmentVariable("TRADEX_PARTICIPANTS", saved);
            if (Directory.Exists(journal)) Directory.Delete(journal, recursive: true);
        }
    }

    [Test]
    public void The_main_job_refuses_a_bad_configuration_with_exit_code_2()
    {
        string file = Write("""{ "generator": { "producers": 0 } }""");
        try
        {
            var errors = new StringWriter();
            Assert.That(RunCommand.Run(file, null, null, new StringWriter(), errors), Is.EqualTo(2));
            Assert.That(errors.ToString(), Does.Contain("generator.producers: must be positive"));
        }
        finally
        {
            File.Delete(file);
        }
    }
}
