using TradeX.Core;
using TradeX.Journal;

namespace TradeX.Tools.Tests;

/// <summary>A journaled deposit and withdrawal as the replay tool shows them: the schema's names, exact money, the reference.</summary>
[TestFixture]
public sealed class CashAdjustmentDumpTests
{
    [Test]
    public void Dump_shows_a_deposit_and_a_refused_withdrawal_with_amount_reference_and_reason()
    {
        using var directory = new TempDirectory("cash");
        var inputs = new List<EngineInput>
        {
            EngineInput.Of(new DefineAccount { Account = new(10), Participant = new(1), Cash = Money.Of(1_000) }),
            EngineInput.Of(new AdjustCash { Account = new(10), Amount = Money.Parse("2500.25"), Reference = Ascii16.Create("WIRE-1") }),
            EngineInput.Of(new AdjustCash { Account = new(10), Amount = Money.Of(-9_000), Reference = Ascii16.Create("WIRE-2") }),
        };
        for (int i = 0; i < inputs.Count; i++)
        {
            var input = inputs[i];
            input.Sequence = i + 1;
            input.Time = OrderStory.TimeOf(i + 1);
            inputs[i] = input;
        }
        Journals.Write(directory.Path, inputs, new JournalOptions { Sync = JournalSyncPolicy.None }, batch: 3);

        var run = ToolRun.Small("dump", directory.Path, "--account", "10");
        Assert.That(run.Exit, Is.EqualTo(ExitCodes.Ok), run.Err);
        Assert.That(run.Lines, Has.Some.EqualTo("#2 2026-01-05T09:00:01.000000000Z AdjustCash account=10 amount=2500.25 ref=WIRE-1"));
        Assert.That(run.Lines, Has.Some.EqualTo("#3 2026-01-05T09:00:02.000000000Z AdjustCash account=10 amount=-9000 ref=WIRE-2"));
        Assert.That(run.Lines, Has.Some.Contains("InputRejected").And.Contains("reasonCode=52"));
        Assert.That(run.Lines, Has.Some.Contains("ExposureChanged").And.Contains("cash=3500.25"));
    }
}
