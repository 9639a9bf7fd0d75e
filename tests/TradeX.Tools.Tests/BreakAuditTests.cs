using TradeX.Core;
using TradeX.Journal;

namespace TradeX.Tools.Tests;

/// <summary>A venue fill refused, a fill quarantined as a break and the operator's booking are in the order's audit.</summary>
public sealed class BreakAuditTests
{
    [Test]
    public void Audit_of_a_venue_order_shows_a_refused_fill_a_quarantined_one_and_who_booked_it()
    {
        using var directory = new TempDirectory("break-audit");
        var inputs = new List<EngineInput>
        {
            EngineInput.Of(new DefineInstrument { Instrument = new(1), Symbol = Ascii16.Create("ACME"), TickSize = Price.Parse("0.01"), LotSize = Quantity.Of(1), ReferencePrice = Price.Of(100), PriceBandBps = 1000 }),
            EngineInput.Of(new DefineAccount { Account = new(10), Participant = new(1), Cash = Money.Of(10_000) }),
            EngineInput.Of(new DefineOperator { Operator = Ascii16.Create("alice") }),
            EngineInput.Of(new NewOrder { Account = new(10), Instrument = new(1), ClientOrderId = new(7), Side = Side.Buy, Type = OrderType.Limit, Price = Price.Of(100), Quantity = Quantity.Of(100), Venue = new(3) }),
        };
        // The directed order is engine order 1.
        inputs.Add(EngineInput.Of(new VenueFill { Venue = new(3), ExecutionId = ExecutionId.Create("X-1"), OrderId = new(1), Quantity = Quantity.Of(150), Price = Price.Of(100) }));
        inputs.Add(EngineInput.Of(new VenueFill { Venue = new(3), ExecutionId = ExecutionId.Create("X-2"), OrderId = new(1), Quantity = Quantity.Of(100), Price = Price.Parse("109.99") }));
        inputs.Add(EngineInput.Of(new ResolveBreak { BreakId = 1, Action = BreakAction.Book, Operator = Ascii16.Create("alice") }));
        for (int i = 0; i < inputs.Count; i++)
        {
            var input = inputs[i];
            input.Sequence = i + 1;
            input.Time = OrderStory.TimeOf(i + 1);
            inputs[i] = input;
        }
        Journals.Write(directory.Path, inputs, new JournalOptions { Sync = JournalSyncPolicy.None });

        var run = ToolRun.Small("audit", directory.Path, "7", "--format", "json");

        Assert.That(run.Exit, Is.EqualTo(ExitCodes.Ok), run.Err);
        var steps = run.JsonLines.Select(l => (l.GetProperty("seq").GetInt64(), l.GetProperty("step").GetString())).ToList();
        Assert.That(steps, Is.EqualTo(new (long, string?)[]
        {
            (4, "received"), (4, "risk: accepted"), (4, "routed to venue"),
            (5, "venue fill received"), (5, "venue fill refused"),
            (6, "venue fill received"), (6, "fill break opened"),
            (7, "operator resolved break"), (7, "fill break booked"), (7, "fill"),
        }));
        var refused = run.JsonLines[4];
        Assert.That((refused.GetProperty("reason").GetString(), refused.GetProperty("leaves").GetInt64()), Is.EqualTo(("FillExceedsLeaves", 100L)));
        var booked = run.JsonLines[8];
        Assert.That((booked.GetProperty("operator").GetString(), booked.GetProperty("breakId").GetInt64(), booked.GetProperty("price").GetDecimal()),
            Is.EqualTo(("alice", 1L, 109.99m)));
    }
}
