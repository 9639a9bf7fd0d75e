using TradeX.Node;
using TradeX.Node.Demo;

namespace TradeX.Scenario.Tests;

public sealed class NodeCommandTests
{
    /// <summary>Runs <paramref name="text"/> as a scenario file; returns the exit code, stdout, stderr and the file's name.</summary>
    private static (int Code, string Output, string Errors, string Name) RunFile(string text)
    {
        string file = Path.Combine(Path.GetTempPath(), $"tradex-{Guid.NewGuid():N}.txt");
        File.WriteAllText(file, text);
        try
        {
            var output = new StringWriter();
            var errors = new StringWriter();
            int code = ScenarioCommand.Run(new FileInfo(file), output, errors);
            return (code, output.ToString(), errors.ToString(), Path.GetFileName(file));
        }
        finally
        {
            File.Delete(file);
        }
    }

    [Test]
    public void The_scenario_command_prints_json_lines_and_reports_bad_lines_with_file_and_line()
    {
        var (code, output, errors, name) = RunFile("instrument id=1 symbol=ACME tick=0.01 ref=100 band=10%\nbogus line\naccount id=1 participant=1 cash=1M\n");

        Assert.That(code, Is.EqualTo(1));
        Assert.That(errors, Does.Contain($"{name}:2: unknown input 'bogus'"));
        var lines = output.Split('\n', StringSplitOptions.RemoveEmptyEntries);
        Assert.That(lines, Has.Length.EqualTo(3));
        foreach (var line in lines) Assert.DoesNotThrow(() => System.Text.Json.JsonDocument.Parse(line));
        Assert.That(lines[0], Does.Contain("\"event\":\"InputAccepted\"").And.Contain("\"line\":1"));
    }

    [Test]
    public void A_misread_amount_is_reported_with_file_and_line_and_the_rest_of_the_file_runs()
    {
        var (code, _, errors, name) = RunFile("instrument id=1 symbol=ACME tick=0.01 ref=100 band=10%\naccount id=1 participant=1 cash=1,5M\naccount id=1 participant=1 cash=1.5M\n");

        Assert.That(code, Is.EqualTo(1));
        Assert.That(errors, Does.Contain($"{name}:2: cash='1,5M' is not an amount: a ',' may only separate groups of three digits (like 1,500,000)"));
        Assert.That(errors, Does.Contain("2 inputs applied, 1 lines refused"));
    }

    [Test]
    public void A_missing_scenario_file_is_one_clear_message_and_exit_code_2()
    {
        var errors = new StringWriter();
        int code = ScenarioCommand.Run(new FileInfo("/nonexistent/scenario.txt"), new StringWriter(), errors);
        Assert.That(code, Is.EqualTo(2));
        Assert.That(errors.ToString(), Does.Contain("does not exist"));
    }

    [Test]
    public void The_demo_day_is_deterministic_and_shows_the_scripted_incidents()
    {
        var first = new DemoDay(seed: 11, targetOrders: 2_000);
        first.Run();
        var second = new DemoDay(seed: 11, targetOrders: 2_000);
        second.Run();

        Assert.That(first.Engine.StateHash(), Is.EqualTo(second.Engine.StateHash()));
        Assert.That(first.Engine.CheckInvariants(), Is.Empty);
        Assert.That(first.Sink.KillSwitches.Any(k => k.Change.Cause == TradeX.Core.KillSwitchCause.CircuitBreaker), Is.True);
        Assert.That(first.Sink.InputRejects.Any(r => r.Reject.Reason == TradeX.Core.RejectReason.OperatorNotEntitled), Is.True);
        Assert.That(first.Sink.InternalTrades, Is.GreaterThan(100));
        Assert.That(first.Sink.DuplicateFills, Is.GreaterThan(0));
    }

    [Test]
    public void The_demo_summary_prints_every_section()
    {
        var output = new StringWriter();
        int code = DemoCommand.Run(seed: 3, orders: 1_000, output);
        string text = output.ToString();
        Assert.That(code, Is.EqualTo(0));
        foreach (string section in new[] { "What happened", "Rejects by reason", "Exposure per account", "Positions", "Limit alerts", "State hash" })
            Assert.That(text, Does.Contain(section));
    }
}
