using TradeX.Node;
using TradeX.Node.Demo;

namespace TradeX.Scenario.Tests;

public sealed class NodeCommandTests
{
    [Test]
    public void The_scenario_command_prints_json_lines_and_reports_bad_lines_with_file_and_line()
    {
        string file = Path.Combine(Path.GetTempPath(), $"tradex-{Guid.NewGuid():N}.txt");
        File.WriteAllText(file, "instrument id=1 symbol=ACME tick=0.01 ref=100 band=10%\nbogus line\naccount id=1 participant=1 cash=1M\n");
        try
        {
            var output = new StringWriter();
            var errors = new StringWriter();
            int code = ScenarioCommand.Run(new FileInfo(file), output, errors);

            Assert.That(code, Is.EqualTo(1));
            Assert.That(errors.ToString(), Does.Contain($"{Path.GetFileName(file)}:2: unknown input 'bogus'"));
            var lines = output.ToString().Split('\n', StringSplitOptions.RemoveEmptyEntries);
            Assert.That(lines, Has.Length.EqualTo(3));
            foreach (var line in lines) Assert.DoesNotThrow(() => System.Text.Json.JsonDocument.Parse(line));
            Assert.That(lines[0], Does.Contain("\"event\":\"InputAccepted\"").And.Contain("\"line\":1"));
        }
        finally
        {
            File.Delete(file);
        }
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
