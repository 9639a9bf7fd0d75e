using System.Text.Json;
using TradeX.Core;
using TradeX.Journal;

namespace TradeX.Tools.Tests;

/// <summary>The tool's subcommands on a short journal whose every input and event is known, checked field by field.</summary>
[TestFixture]
public sealed class StoryTests
{
    private OrderStory _story = null!;
    private string Dir => _story.Directory.Path;

    [OneTimeSetUp]
    public void Journal() => _story = new OrderStory();

    [OneTimeTearDown]
    public void Cleanup() => _story.Dispose();

    [Test]
    public void Stats_counts_inputs_by_kind_and_gives_sequences_times_and_sizes()
    {
        var run = ToolRun.Small("stats", Dir, "--format", "json", "--bucket", "5");
        Assert.That(run.Exit, Is.EqualTo(ExitCodes.Ok), run.Err);
        var j = run.Json;
        Assert.That(j.GetProperty("records").GetInt64(), Is.EqualTo(14));
        Assert.That(j.GetProperty("firstSequence").GetInt64(), Is.EqualTo(1));
        Assert.That(j.GetProperty("lastSequence").GetInt64(), Is.EqualTo(14));
        Assert.That(j.GetProperty("firstEngineTime").GetString(), Is.EqualTo("2026-01-05T09:00:00.000000000Z"));
        Assert.That(j.GetProperty("lastEngineTime").GetString(), Is.EqualTo("2026-01-05T09:00:12.000000000Z"), "engine time never goes back");
        Assert.That(j.GetProperty("lastInputTime").GetString(), Is.EqualTo("2026-01-05T09:00:11.999000000Z"), "the producer's own stamp is kept");
        Assert.That(j.GetProperty("inputTimesBackwards").GetInt64(), Is.EqualTo(1));
        Assert.That(j.GetProperty("segments").GetInt64(), Is.EqualTo(1));
        Assert.That(j.GetProperty("segmentBytes").GetInt64(), Is.EqualTo(new FileInfo(JournalFiles.Segments(Dir)[0].Path).Length));
        var kinds = j.GetProperty("byKind").EnumerateArray().ToDictionary(k => k.GetProperty("kind").GetString()!, k => k.GetProperty("count").GetInt64());
        Assert.That(kinds, Is.EqualTo(new Dictionary<string, long>
        {
            ["DefineInstrument"] = 1, ["DefineAccount"] = 2, ["DefineOperator"] = 1, ["NewOrder"] = 4, ["CancelOrder"] = 1,
            ["ReplaceOrder"] = 1, ["MarkPrice"] = 1, ["VenueFill"] = 2, ["TimeTick"] = 1,
        }));
        Assert.That(j.GetProperty("recordBytes").GetInt64(), Is.EqualTo(j.GetProperty("segmentBytes").GetInt64() - SegmentHeader.Length));
        var rates = j.GetProperty("rates").EnumerateArray().Select(r => (r.GetProperty("start").GetString(), r.GetProperty("inputs").GetInt64())).ToList();
        Assert.That(rates, Is.EqualTo(new[] { ("2026-01-05T09:00:00.000000000Z", 5L), ("2026-01-05T09:00:05.000000000Z", 5L), ("2026-01-05T09:00:10.000000000Z", 4L) }));
        Assert.That(j.GetProperty("peakPerSecond").GetDouble(), Is.EqualTo(1.0));
    }

    [Test]
    public void Stats_as_text_names_every_kind()
    {
        var run = ToolRun.Small("stats", Dir);
        Assert.That(run.Exit, Is.EqualTo(ExitCodes.Ok), run.Err);
        Assert.That(run.Out, Does.Contain("sequences: 1 .. 14").And.Contain("NewOrder").And.Contain("VenueFill").And.Contain("1 ran backwards"));
    }

    [Test]
    public void Dump_of_one_client_order_shows_its_inputs_and_events_field_by_field()
    {
        var run = ToolRun.Small("dump", Dir, "--order", "1", "--account", "10", "--format", "json");
        Assert.That(run.Exit, Is.EqualTo(ExitCodes.Ok), run.Err);
        var lines = run.JsonLines;
        var shape = lines.Select(l => l.TryGetProperty("input", out var i) ? $"{l.GetProperty("seq").GetInt64()} input {i.GetString()}" : $"{l.GetProperty("seq").GetInt64()} event {l.GetProperty("event").GetString()}").ToList();
        Assert.That(shape, Is.EqualTo(new[]
        {
            "5 input NewOrder", "5 event OrderAccepted", "6 input NewOrder", "6 event Trade",
            "8 input ReplaceOrder", "8 event OrderReplaced", "12 input CancelOrder", "12 event OrderCanceled",
        }),
            "the order's inputs and the events that name it (positions and exposure do not name an order)");

        var newOrder = lines[0];
        Assert.That(newOrder.GetProperty("time").GetString(), Is.EqualTo("2026-01-05T09:00:04.000000000Z"));
        Assert.That(newOrder.GetProperty("engineTime").GetString(), Is.EqualTo("2026-01-05T09:00:04.000000000Z"));
        Assert.That(newOrder.GetProperty("account").GetInt64(), Is.EqualTo(10));
        Assert.That(newOrder.GetProperty("instrument").GetInt64(), Is.EqualTo(1));
        Assert.That(newOrder.GetProperty("clientOrderId").GetUInt64(), Is.EqualTo(1));
        Assert.That(newOrder.GetProperty("side").GetString(), Is.EqualTo("Buy"));
        Assert.That(newOrder.GetProperty("type").GetString(), Is.EqualTo("Limit"));
        Assert.That(newOrder.GetProperty("tif").GetString(), Is.EqualTo("Day"));
        Assert.That(newOrder.GetProperty("price").GetDecimal(), Is.EqualTo(100m));
        Assert.That(newOrder.GetProperty("qty").GetInt64(), Is.EqualTo(100));
        Assert.That(newOrder.GetProperty("venue").GetInt64(), Is.EqualTo(0));

        var trade = lines.Single(l => l.TryGetProperty("event", out var e) && e.GetString() == "Trade");
        Assert.That(trade.GetProperty("price").GetDecimal(), Is.EqualTo(100m), "at the resting order's price");
        Assert.That(trade.GetProperty("qty").GetInt64(), Is.EqualTo(40));
        Assert.That(trade.GetProperty("buyAccount").GetInt64(), Is.EqualTo(10));
        Assert.That(trade.GetProperty("buyClientOrderId").GetUInt64(), Is.EqualTo(1));
        Assert.That(trade.GetProperty("buyLeaves").GetInt64(), Is.EqualTo(60));
        Assert.That(trade.GetProperty("sellAccount").GetInt64(), Is.EqualTo(20));
        Assert.That(trade.GetProperty("aggressor").GetString(), Is.EqualTo("Sell"));

        var replaced = lines.Single(l => l.TryGetProperty("event", out var e) && e.GetString() == "OrderReplaced");
        Assert.That(replaced.GetProperty("origClientOrderId").GetUInt64(), Is.EqualTo(1));
        Assert.That(replaced.GetProperty("clientOrderId").GetUInt64(), Is.EqualTo(2));
        Assert.That(replaced.GetProperty("qty").GetInt64(), Is.EqualTo(80));
        Assert.That(replaced.GetProperty("leaves").GetInt64(), Is.EqualTo(40));
        Assert.That(replaced.GetProperty("priorityLost").GetBoolean(), Is.False);

        var canceled = lines.Single(l => l.TryGetProperty("event", out var e) && e.GetString() == "OrderCanceled");
        Assert.That(canceled.GetProperty("canceledQty").GetInt64(), Is.EqualTo(40));
        Assert.That(canceled.GetProperty("filledQty").GetInt64(), Is.EqualTo(40));
        Assert.That(canceled.GetProperty("reason").GetString(), Is.EqualTo("ClientRequest"));
    }

    [Test]
    public void Dump_of_one_order_does_not_follow_the_orders_it_traded_with()
    {
        var run = ToolRun.Small("dump", Dir, "--order", "7", "--account", "20", "--format", "json");
        Assert.That(run.Exit, Is.EqualTo(ExitCodes.Ok), run.Err);
        Assert.That(run.JsonLines.Select(l => l.GetProperty("seq").GetInt64()).Distinct(), Is.EqualTo(new long[] { 6 }),
            "order 7 traded with order 1, whose later replace and cancel are not order 7's");
    }

    [Test]
    public void Every_event_the_dump_shows_is_the_event_the_live_engine_published()
    {
        var run = ToolRun.Small("dump", Dir, "--format", "json");
        Assert.That(run.Exit, Is.EqualTo(ExitCodes.Ok), run.Err);
        var isInput = run.JsonLines.Select(l => l.TryGetProperty("engineTime", out _)).ToList();
        var events = run.Lines.Where((_, i) => !isInput[i]).ToList();
        Assert.That(events, Is.EqualTo(_story.Events.Select(e => TradeX.Scenario.EventJson.Format(e)).ToList()));
        Assert.That(isInput.Count(i => i), Is.EqualTo(14));
    }

    [Test]
    public void Dump_by_sequence_and_time_range_without_events()
    {
        var bySequence = ToolRun.Small("dump", Dir, "--from-seq", "6", "--to-seq", "9", "--no-events", "--format", "json");
        Assert.That(bySequence.JsonLines.Select(l => l.GetProperty("seq").GetInt64()), Is.EqualTo(new long[] { 6, 7, 8, 9 }));
        var byTime = ToolRun.Small("dump", Dir, "--from-time", "2026-01-05T09:00:02.5Z", "--to-time", "2026-01-05T09:00:05Z", "--no-events", "--format", "json");
        Assert.That(byTime.JsonLines.Select(l => l.GetProperty("seq").GetInt64()), Is.EqualTo(new long[] { 4, 5, 6 }));
        var byNanos = ToolRun.Small("dump", Dir, "--from-time", (OrderStory.TimeOf(13)).ToString(System.Globalization.CultureInfo.InvariantCulture), "--no-events", "--format", "json");
        Assert.That(byNanos.JsonLines.Select(l => l.GetProperty("seq").GetInt64()), Is.EqualTo(new long[] { 13, 14 }), "#14's own time is earlier, its engine time is not");
        var instrument = ToolRun.Small("dump", Dir, "--instrument", "1", "--no-events", "--format", "json");
        Assert.That(instrument.JsonLines.Select(l => l.GetProperty("seq").GetInt64()), Is.EqualTo(new long[] { 1, 5, 6, 7, 9, 10, 11, 13 }));
    }

    [Test]
    public void Dump_as_csv_has_one_header_and_quoted_fields()
    {
        var run = ToolRun.Small("dump", Dir, "--account", "20", "--format", "csv");
        Assert.That(run.Exit, Is.EqualTo(ExitCodes.Ok), run.Err);
        Assert.That(run.Out, Does.Contain("\r\n"), "RFC 4180 line breaks");
        var rows = run.Lines;
        Assert.That(rows[0], Is.EqualTo("record,seq,time,engine_time,kind,account,instrument,client_order_id,order_id,details"));
        Assert.That(rows[1], Is.EqualTo("input,3,2026-01-05T09:00:02.000000000Z,2026-01-05T09:00:02.000000000Z,DefineAccount,20,,,," +
            "participant=2 cash=1000000 maxOrderQty=0 maxOrderNotional=0 maxGross=0 maxNet=0 maxPosition=0 dailyLoss=0 ordersPerSecond=0"));
        var sell = rows.Single(r => r.StartsWith("input,6,", StringComparison.Ordinal));
        Assert.That(sell, Is.EqualTo("input,6,2026-01-05T09:00:05.000000000Z,2026-01-05T09:00:05.000000000Z,NewOrder,20,1,7,,side=Sell type=Limit tif=Day price=99.5 qty=40 venue=0 session=0 routing=Internal"));
        Assert.That(rows.Count(r => r.StartsWith("event,6,", StringComparison.Ordinal)), Is.EqualTo(4), "accepted, trade, position and exposure of account 20");

        var rejected = ToolRun.Small("dump", Dir, "--from-seq", "13", "--to-seq", "13", "--format", "csv").Lines;
        Assert.That(rejected[2], Is.EqualTo("event,13,2026-01-05T09:00:12.000000000Z,2026-01-05T09:00:12.000000000Z,OrderRejected,10,1,5,," +
            "\"side=Buy price=100.005 qty=5 reason=TickSize reasonCode=6 reasonText=\"\"price is not a multiple of the tick size\"\"\""), "a field with quotes is quoted, its quotes doubled");
    }

    [Test]
    public void Dump_as_text_puts_events_under_their_input()
    {
        var run = ToolRun.Small("dump", Dir, "--from-seq", "13", "--to-seq", "14");
        Assert.That(run.Exit, Is.EqualTo(ExitCodes.Ok), run.Err);
        Assert.That(run.Lines[0], Is.EqualTo("#13 2026-01-05T09:00:12.000000000Z NewOrder account=10 instrument=1 clientOrderId=5 side=Buy type=Limit tif=Day price=100.005 qty=5 venue=0 session=0 routing=Internal"));
        Assert.That(run.Lines[1], Does.StartWith("    OrderRejected ").And.Contain("reason=TickSize reasonCode=6"));
        Assert.That(run.Lines[2], Is.EqualTo("#14 2026-01-05T09:00:11.999000000Z TimeTick (engine time 2026-01-05T09:00:12.000000000Z)"));
    }

    [Test]
    public void Audit_follows_a_client_order_through_fill_replace_and_cancel()
    {
        var run = ToolRun.Small("audit", Dir, "1", "--account", "10", "--format", "json");
        Assert.That(run.Exit, Is.EqualTo(ExitCodes.Ok), run.Err);
        var steps = run.JsonLines.Select(l => (l.GetProperty("seq").GetInt64(), l.GetProperty("step").GetString())).ToList();
        Assert.That(steps, Is.EqualTo(new (long, string?)[]
        {
            (5, "received"), (5, "risk: accepted"), (6, "caused by NewOrder"), (6, "fill"), (8, "replace requested"), (8, "replaced"),
            (12, "cancel requested"), (12, "canceled"),
        }));
        var accepted = run.JsonLines[1];
        Assert.That(accepted.GetProperty("event").GetString(), Is.EqualTo("OrderAccepted"));
        Assert.That(accepted.GetProperty("orderId").GetInt64(), Is.EqualTo(_story.FirstOrderId));
        var fill = run.JsonLines[3];
        Assert.That(fill.GetProperty("qty").GetInt64(), Is.EqualTo(40));
        Assert.That(fill.GetProperty("price").GetDecimal(), Is.EqualTo(100m));
        var canceled = run.JsonLines[7];
        Assert.That(canceled.GetProperty("reason").GetString(), Is.EqualTo("ClientRequest"));
        Assert.That(canceled.GetProperty("clientOrderId").GetUInt64(), Is.EqualTo(2), "the order carries the client id its replace gave it");
    }

    [Test]
    public void Audit_of_a_venue_order_shows_routing_fills_and_the_ignored_duplicate()
    {
        var run = ToolRun.Small("audit", Dir, "3", "--format", "json");
        Assert.That(run.Exit, Is.EqualTo(ExitCodes.Ok), run.Err);
        var steps = run.JsonLines.Select(l => (l.GetProperty("seq").GetInt64(), l.GetProperty("step").GetString())).ToList();
        Assert.That(steps, Is.EqualTo(new (long, string?)[]
        {
            (9, "received"), (9, "risk: accepted"), (9, "routed to venue"), (10, "venue fill received"), (10, "fill"),
            (11, "venue fill received"), (11, "duplicate fill ignored"),
        }));
        Assert.That(run.JsonLines[2].GetProperty("venue").GetInt64(), Is.EqualTo(3));
        Assert.That(run.JsonLines[3].GetProperty("exec").GetString(), Is.EqualTo("E1"));
        Assert.That(run.JsonLines[4].GetProperty("venue").GetInt64(), Is.EqualTo(3));
        Assert.That(run.JsonLines[6].GetProperty("orderId").GetInt64(), Is.EqualTo(_story.VenueOrderId));
    }

    [Test]
    public void Audit_of_a_rejected_order_gives_the_risk_decision_with_its_reason()
    {
        var run = ToolRun.Small("audit", Dir, "5");
        Assert.That(run.Exit, Is.EqualTo(ExitCodes.Ok), run.Err);
        Assert.That(run.Lines[0], Does.StartWith("audit of client order id 5: 2 entries"));
        Assert.That(run.Lines[2], Does.StartWith("#13 2026-01-05T09:00:12.000000000Z risk: rejected").And.Contain("reason=TickSize reasonCode=6 reasonText=\"price is not a multiple of the tick size\""));
    }

    [Test]
    public void Audit_of_an_unknown_order_exits_4()
    {
        var run = ToolRun.Small("audit", Dir, "12345");
        Assert.That(run.Exit, Is.EqualTo(ExitCodes.NotFound));
        Assert.That(run.Err.Trim(), Is.EqualTo("error: no order with client order id 12345 in the journal"));
    }

    [TestCase(5)]
    [TestCase(6)]
    [TestCase(7)]
    [TestCase(8)]
    [TestCase(11)]
    [TestCase(12)]
    [TestCase(14)]
    public void State_at_a_sequence_is_what_the_live_engine_held_then(long sequence)
    {
        var run = ToolRun.Small("state", Dir, "--at", sequence.ToString(System.Globalization.CultureInfo.InvariantCulture), "--account", "10", "--format", "json");
        Assert.That(run.Exit, Is.EqualTo(ExitCodes.Ok), run.Err);
        var (account, positions, orders) = _story.AccountTenAfter[sequence];
        var j = run.Json;
        Assert.That(j.GetProperty("sequence").GetInt64(), Is.EqualTo(sequence));
        var a = j.GetProperty("accounts")[0];
        JsonFields.AssertSame(a, Commands.StateCommand.AccountFields(account), "state");
        Assert.That(a.GetProperty("positions").GetArrayLength(), Is.EqualTo(positions.Count));
        for (int i = 0; i < positions.Count; i++) JsonFields.AssertSame(a.GetProperty("positions")[i], Commands.StateCommand.PositionFields(positions[i]), "state");
        Assert.That(a.GetProperty("openOrders").GetArrayLength(), Is.EqualTo(orders.Count));
        for (int i = 0; i < orders.Count; i++) JsonFields.AssertSame(a.GetProperty("openOrders")[i], Commands.StateCommand.OrderFields(orders[i]), "state");
    }

    [Test]
    public void State_after_the_fill_has_the_known_position_and_open_order()
    {
        var run = ToolRun.Small("state", Dir, "--at", "7", "--account", "10", "--format", "json");
        var a = run.Json.GetProperty("accounts")[0];
        var position = a.GetProperty("positions")[0];
        Assert.That(position.GetProperty("qty").GetInt64(), Is.EqualTo(40));
        Assert.That(position.GetProperty("cost").GetDecimal(), Is.EqualTo(4_000m));
        Assert.That(position.GetProperty("mark").GetDecimal(), Is.EqualTo(101m));
        Assert.That(position.GetProperty("unrealizedPnl").GetDecimal(), Is.EqualTo(40m));
        var order = a.GetProperty("openOrders")[0];
        Assert.That(order.GetProperty("clientOrderId").GetUInt64(), Is.EqualTo(1));
        Assert.That(order.GetProperty("leaves").GetInt64(), Is.EqualTo(60));
        Assert.That(order.GetProperty("filled").GetInt64(), Is.EqualTo(40));
    }

    [Test]
    public void State_at_a_time_is_the_state_after_the_last_input_at_or_before_it()
    {
        var atTime = ToolRun.Small("state", Dir, "--at", "2026-01-05T09:00:06.5Z", "--account", "10", "--format", "json");
        Assert.That(atTime.Exit, Is.EqualTo(ExitCodes.Ok), atTime.Err);
        Assert.That(atTime.Json.GetProperty("sequence").GetInt64(), Is.EqualTo(7));
        var atSequence = ToolRun.Small("state", Dir, "--at", "7", "--account", "10", "--format", "json");
        Assert.That(atTime.Json.GetProperty("accounts").GetRawText(), Is.EqualTo(atSequence.Json.GetProperty("accounts").GetRawText()));
        Assert.That(atTime.Json.GetProperty("stateHash").GetString(), Is.EqualTo(atSequence.Json.GetProperty("stateHash").GetString()));
    }

    [Test]
    public void State_of_an_account_not_yet_defined_exits_4()
    {
        var run = ToolRun.Small("state", Dir, "--at", "2", "--account", "20");
        Assert.That(run.Exit, Is.EqualTo(ExitCodes.NotFound));
        Assert.That(run.Err.Trim(), Is.EqualTo("error: account 20 is not defined at sequence 2"));
    }

    [Test]
    public void Verify_passes_on_an_intact_journal()
    {
        var run = ToolRun.Small("verify", Dir);
        Assert.That(run.Exit, Is.EqualTo(ExitCodes.Ok), run.Out + run.Err);
        Assert.That(run.Out, Does.Contain("records: 14, sequences 1..14").And.Contain($"state hash after the replay: 0x{_story.Engine.StateHash():x16}").And.EndWith("verify: OK" + Environment.NewLine));
    }
}
