using TradeX.Core;

namespace TradeX.Scenario.Tests;

/// <summary>
/// The scenario language is hand-written (its verbs have defaults, flags and symbols of their own), so this is its
/// check against the engine's inputs: a kind added to the journal schema and the engine fails here until it has a line.
/// </summary>
public sealed class EveryInputKindTests
{
    private static readonly Dictionary<InputKind, string> Lines = new()
    {
        [InputKind.DefineInstrument] = "instrument id=1 symbol=ACME tick=0.01 ref=100 band=10%",
        [InputKind.DefineAccount] = "account id=10 participant=1 cash=1M",
        [InputKind.DefineOperator] = "operator name=alice reenable=yes",
        [InputKind.NewOrder] = "buy account=10 instrument=1 qty=100 price=100 id=1",
        [InputKind.CancelOrder] = "cancel account=10 id=1",
        [InputKind.ReplaceOrder] = "replace account=10 id=1 newid=2 qty=80",
        [InputKind.MassCancel] = "masscancel account=10",
        [InputKind.MarkPrice] = "mark instrument=1 price=102",
        [InputKind.VenueFill] = "fill venue=3 exec=X1 order=5 qty=10 price=101.4",
        [InputKind.VenueOrderStatus] = "venuestatus venue=3 order=5 state=ack",
        [InputKind.SetLimit] = "limit account=10 type=gross value=100k",
        [InputKind.KillSwitch] = "kill account=10 on operator=bob",
        [InputKind.StartOfDay] = "sod",
        [InputKind.TimeTick] = "tick",
        [InputKind.Quote] = "quote account=10 instrument=1 id=1 bid=99.98 bidsize=500 ask=100.02 asksize=500",
        [InputKind.SetProtection] = "protection participant=1 window=1s maxfills=3",
        [InputKind.ResetProtection] = "resetprotection participant=1",
        [InputKind.DefineVenue] = "venue id=1 name=ARCA",
        [InputKind.VenueQuote] = "venuequote venue=1 instrument=1 bid=99.99 bidsize=1000 ask=100.01 asksize=1000",
        [InputKind.VenueSessionStatus] = "venuesession venue=1 up",
        [InputKind.ResolveBreak] = "break id=1 book operator=alice",
        [InputKind.AdjustCash] = "deposit account=10 amount=50k ref=WIRE-1",
    };

    [Test]
    public void Every_input_kind_can_be_written_in_the_scenario_language()
    {
        var kinds = Enum.GetValues<InputKind>().Where(k => k != InputKind.None);
        Assert.That(Lines.Keys, Is.EquivalentTo(kinds), "a new input kind needs a verb in ScenarioParser, a row in README's scenario table and a line here");
        foreach (var (kind, line) in Lines)
        {
            var parsed = new ScenarioParser().Parse(line, 1);
            Assert.That(parsed, Is.InstanceOf<ScenarioStep>(), $"{kind}: {parsed}");
            Assert.That(((ScenarioStep)parsed!).Input.Kind, Is.EqualTo(kind), line);
        }
    }
}
