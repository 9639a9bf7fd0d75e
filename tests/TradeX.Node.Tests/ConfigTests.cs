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
    }

    [Test]
    public void A_file_overrides_named_fields_and_keeps_the_rest_of_the_default()
    {
        string file = Write("""{ "run": { "durationSeconds": 3 }, "rings": { "inputWaitStrategy": "blocking:5ms" }, "accounts": [ { "id": 7, "participant": 1, "cash": "1000" } ] }""");
        try
        {
            var config = NodeConfig.Load(file);
            Assert.That(config.Run.DurationSeconds, Is.EqualTo(3));
            Assert.That(config.Run.TimerTickMillis, Is.EqualTo(1), "unnamed fields keep the default");
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
    [TestCase("""{ "run": { "durationSeconds": 5 """, "")]
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

    [Test]
    public void The_main_job_runs_briefly_and_reports_throughput_rejects_and_latency()
    {
        var output = new StringWriter();
        var errors = new StringWriter();
        string journal = Path.Combine(Path.GetTempPath(), $"tradex-main-job-{Guid.NewGuid():N}");
        string file = Write($$"""{ "journal": { "directory": "{{journal.Replace("\\", "/")}}" } }""");
        int code;
        try
        {
            code = RunCommand.Run(file, durationSeconds: 1, ordersPerSecond: 20_000, output, errors);
            Assert.That(Directory.GetFiles(journal, "*.journal"), Is.Not.Empty, "the main job journals to files");
        }
        finally
        {
            File.Delete(file);
            if (Directory.Exists(journal)) Directory.Delete(journal, recursive: true);
        }

        string text = output.ToString();
        Assert.That(code, Is.EqualTo(0), errors.ToString());
        Assert.That(text, Does.Contain("Inputs applied by the engine"));
        Assert.That(text, Does.Contain("Rejects by reason"));
        Assert.That(text, Does.Contain("p99.9"));
        Assert.That(text, Does.Contain("Invariants: book never crossed"));
        Assert.That(text, Does.Contain("Journal:"));
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
