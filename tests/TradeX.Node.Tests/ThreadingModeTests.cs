using System.Globalization;
using System.Text.RegularExpressions;
using TradeX.Node.Config;
using TradeX.Pipeline;

namespace TradeX.Node.Tests;

/// <summary>The node's threading configuration: the auto choice, the refusals, and the main job in every mode.</summary>
public sealed class ThreadingModeTests
{
    [TestCase(1, ThreadingMode.Single)]
    [TestCase(2, ThreadingMode.Shared)]
    [TestCase(3, ThreadingMode.Shared)]
    [TestCase(4, ThreadingMode.Dedicated)]
    [TestCase(64, ThreadingMode.Dedicated)]
    public void Auto_picks_the_mode_from_the_cores_the_process_may_use(int cores, ThreadingMode expected)
    {
        var section = new ThreadingSection();
        var (mode, reason) = section.Resolve([.. Enumerable.Range(0, cores)]);
        Assert.That(mode, Is.EqualTo(expected));
        Assert.That(reason, Does.StartWith("auto: the process may use " + cores + " core"));
    }

    [Test]
    public void A_configured_mode_wins_over_auto_and_says_so()
    {
        var (mode, reason) = new ThreadingSection { Mode = "Single" }.Resolve([0, 1, 2, 3, 4, 5, 6, 7]);
        Assert.That(mode, Is.EqualTo(ThreadingMode.Single));
        Assert.That(reason, Does.StartWith("configured"));
    }

    [Test]
    public void Auto_chooses_for_the_core_the_main_job_will_pin_the_node_to_not_for_the_mask_it_starts_with()
    {
        var placement = new TradeX.Sim.Placement.CorePlacement();
        Assert.That(placement.TrySet("--node-core", "0", out string? error), Is.True, error);
        var config = new NodeConfig();
        var load = new TradeX.Sim.Load.SimulatorProcessLoad(placement);
        var planned = ((TradeX.Node.Load.INodeLoad)load).NodeCores(config);
        Assert.That(planned?.Cores, Is.EqualTo(new[] { 0 }));
        config.Threading.Planned = planned;

        var (mode, reason) = config.Threading.Resolve();
        Assert.That(mode, Is.EqualTo(ThreadingMode.Single), "one core: every stage on one thread");
        Assert.That(reason, Is.EqualTo("auto: the process will be pinned to 1 core (0) by the main job's placement (--node-core)"));
        Assert.That(config.ToPipelineOptions().Threading, Is.EqualTo(ThreadingMode.Single), "the pipeline is built for the same choice");

        var unpinned = ((TradeX.Node.Load.INodeLoad)new TradeX.Sim.Load.SimulatorProcessLoad(TradeX.Sim.Placement.CorePlacement.Unpinned)).NodeCores(config);
        Assert.That(unpinned, Is.Null, "a node left where it is keeps the mask it started with");
    }

    [TestCase("""{ "threading": { "mode": "turbo" } }""", "threading.mode: unknown mode 'turbo'; accepted: auto, dedicated, shared, single")]
    [TestCase("""{ "threading": { "idleTimeoutMillis": 0 } }""", "threading.idleTimeoutMillis: must be 1 to 1000")]
    [TestCase("""{ "threading": { "idleSpinMicros": -1 } }""", "threading.idleSpinMicros: must be 0 to 1000000")]
    public void A_bad_threading_setting_is_refused_naming_the_field(string json, string expected)
    {
        string file = Path.Combine(Path.GetTempPath(), $"tradex-threading-{Guid.NewGuid():N}.json");
        File.WriteAllText(file, json);
        try
        {
            var ex = Assert.Throws<ConfigException>(() => NodeConfig.Load(file))!;
            Assert.That(ex.Message, Does.Contain(expected));
        }
        finally
        {
            File.Delete(file);
        }
    }

    [Test]
    public void The_sleep_of_a_shared_thread_never_exceeds_the_timer_interval()
    {
        var config = NodeConfig.Load();
        config.Run.TimerTickMillis = 3;
        Assert.That(config.ToPipelineOptions().IdleTimeoutMillis, Is.EqualTo(3), "the timer agent is due every 3 ms");
    }

    [TestCase("dedicated")]
    [TestCase("shared")]
    [TestCase("single")]
    public void The_main_job_runs_in_each_mode_journals_before_release_and_reports_every_hop(string mode)
    {
        string journal = Path.Combine(Path.GetTempPath(), $"tradex-threading-{mode}-{Guid.NewGuid():N}");
        string file = Path.Combine(Path.GetTempPath(), $"tradex-threading-{Guid.NewGuid():N}.json");
        File.WriteAllText(file, $$"""{ "threading": { "mode": "{{mode}}" }, "journal": { "directory": "{{journal.Replace("\\", "/")}}" } }""");
        var output = new StringWriter();
        var errors = new StringWriter();
        try
        {
            // Unpinned: pinning the process that hosts the node would pin the test runner too.
            int code = RunCommand.Run(file, durationSeconds: 3, ordersPerSecond: 5_000, output, errors, null,
                TradeX.Sim.Load.MainJobLoads.Create(TradeX.Sim.Placement.CorePlacement.Unpinned));
            string text = output.ToString();
            Assert.That(code, Is.EqualTo(0), errors.ToString());
            Assert.That(text, Does.Contain($"Threading: {mode} (configured;"));
            Assert.That(text, Does.Contain("Gateway: 6 connections, 6 sessions established"));
            var orders = Regex.Match(text, @"order → first execution report │\s+([\d,]+) │");
            Assert.That(orders.Success, Is.True, text);
            Assert.That(long.Parse(orders.Groups[1].Value, NumberStyles.AllowThousands, CultureInfo.InvariantCulture), Is.GreaterThan(1_000));
            foreach (string hop in new[] { "receipt → journal durable", "durable → engine applied", "applied → publisher", "receipt → response written" })
                Assert.That(text, Does.Match(Regex.Escape(hop) + @"\s+│\s+[\d,]+ │"), $"the hop '{hop}' is reported");
            Assert.That(text, Does.Contain("Invariants: book never crossed"));
            if (mode != "dedicated")
            {
                Assert.That(text, Does.Contain($"({mode} mode): agents"));
                Assert.That(text, Does.Match($@"\({mode} mode\): agents [^;]*gateway-io"), "the gateway's I/O agent is named on its thread though it left when the gateway stopped");
            }

            var hash = Regex.Match(text, @"State hash after ([\d,]+) inputs: ([0-9a-f]{16})");
            Assert.That(hash.Success, Is.True);
            var recovered = TradeX.Journal.JournalRecovery.Recover(journal, new NullSink(),
                TradeX.Journal.EngineSettingsFile.TryRead(journal, TradeX.Core.EngineOptions.Default), _ => { });
            Assert.That(recovered.LastSequence.ToString("N0", CultureInfo.InvariantCulture), Is.EqualTo(hash.Groups[1].Value), "every applied input was journaled");
            Assert.That(recovered.StateHash.ToString("x16"), Is.EqualTo(hash.Groups[2].Value), "the journal replays to the state the run ended in");
        }
        finally
        {
            File.Delete(file);
            if (Directory.Exists(journal)) Directory.Delete(journal, recursive: true);
        }
    }
}
