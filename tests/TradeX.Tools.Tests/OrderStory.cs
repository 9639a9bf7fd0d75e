using TradeX.Core;
using TradeX.Journal;

namespace TradeX.Tools.Tests;

/// <summary>
/// A short, known trading story journaled to a directory, with what the live engine said about it:
/// <list type="number">
/// <item>#1 instrument 1 ACME (tick 0.01, lot 1, ref 100, band 10%); #2, #3 accounts 10 (participant 1) and 20 (participant 2), cash 1,000,000; #4 operator ops</item>
/// <item>#5 account 10 buys 100 @ 100.00, client id 1 (rests)</item>
/// <item>#6 account 20 sells 40 @ 99.50, client id 7: trades 40 @ 100.00 with #5</item>
/// <item>#7 mark 101</item>
/// <item>#8 account 10 replaces client id 1 by 2, quantity 80 (keeps priority; leaves 40)</item>
/// <item>#9 account 10 buys 10 @ 100.00 at venue 3, client id 3 (routed)</item>
/// <item>#10 venue 3 fills 4 @ 100.00 (exec E1); #11 the same fill again (ignored)</item>
/// <item>#12 account 10 cancels client id 2</item>
/// <item>#13 account 10 buys 5 @ 100.005, client id 5: rejected (tick size)</item>
/// <item>#14 a tick stamped 1 ms before #13 (producer clock skew)</item>
/// </list>
/// </summary>
public sealed class OrderStory : IDisposable
{
    public const long Start = 1_767_603_600_000_000_000L; // 2026-01-05T09:00:00Z
    public readonly TempDirectory Directory = new("story");
    public readonly List<EngineInput> Inputs = new();
    public readonly List<EngineEvent> Events;
    public readonly Engine Engine;
    public readonly Dictionary<long, (AccountView Account, List<PositionView> Positions, List<OrderView> Orders)> AccountTenAfter = new();

    public OrderStory()
    {
        var sink = new RecordingSink();
        Engine = new Engine(sink, LiveRun.Options);
        Add(EngineInput.Of(new DefineInstrument { Instrument = new(1), Symbol = Ascii16.Create("ACME"), TickSize = Price.Parse("0.01"), LotSize = Quantity.Of(1), ReferencePrice = Price.Of(100), PriceBandBps = 1000 }));
        Add(EngineInput.Of(new DefineAccount { Account = new(10), Participant = new(1), Cash = Money.Of(1_000_000) }));
        Add(EngineInput.Of(new DefineAccount { Account = new(20), Participant = new(2), Cash = Money.Of(1_000_000) }));
        Add(EngineInput.Of(new DefineOperator { Operator = Ascii16.Create("ops"), CanReenable = true }));
        Add(Order(10, 1, Side.Buy, "100", 100));
        Add(Order(20, 7, Side.Sell, "99.5", 40));
        Add(EngineInput.Of(new MarkPrice { Instrument = new(1), Price = Price.Of(101) }));
        Add(EngineInput.Of(new ReplaceOrder { Account = new(10), OrigClientOrderId = new(1), ClientOrderId = new(2), Quantity = Quantity.Of(80) }));
        Add(Order(10, 3, Side.Buy, "100", 10, venue: 3));
        VenueOrderId = sink.Events.Single(e => e.Kind == EventKind.VenueOrderRequested).VenueOrderRequested.OrderId.Value;
        var fill = EngineInput.Of(new VenueFill { Venue = new(3), ExecutionId = ExecutionId.Create("E1"), OrderId = new(VenueOrderId), Account = new(10), Instrument = new(1), Side = Side.Buy, Quantity = Quantity.Of(4), Price = Price.Of(100) });
        Add(fill);
        Add(fill);
        Add(EngineInput.Of(new CancelOrder { Account = new(10), OrigClientOrderId = new(2), ClientOrderId = new(99) }));
        Add(Order(10, 5, Side.Buy, "100.005", 5));
        Add(EngineInput.Tick(), time: Start + (12 * 1_000_000_000L) - 1_000_000);
        Events = sink.Events;
        FirstOrderId = Events.First(e => e.Kind == EventKind.OrderAccepted).OrderAccepted.OrderId.Value;
        Journals.Write(Directory.Path, Inputs, new JournalOptions { Sync = JournalSyncPolicy.None }, batch: 3);
    }

    public long VenueOrderId { get; }
    public long FirstOrderId { get; }

    /// <summary>Input n's time: one second apart from 09:00:00 (n = 1 at 09:00:00), except #14.</summary>
    public static long TimeOf(long sequence) => Start + ((sequence - 1) * 1_000_000_000L);

    private static EngineInput Order(int account, ulong id, Side side, string price, long quantity, int venue = 0) =>
        EngineInput.Of(new NewOrder
        {
            Account = new(account), Instrument = new(1), ClientOrderId = new(id), Side = side, Type = OrderType.Limit,
            TimeInForce = TimeInForce.Day, Price = Price.Parse(price), Quantity = Quantity.Of(quantity), Venue = new(venue),
        });

    private void Add(EngineInput input, long? time = null)
    {
        input.Sequence = Inputs.Count + 1;
        input.Time = time ?? TimeOf(input.Sequence);
        Inputs.Add(input);
        Engine.Apply(in input);
        var account = Engine.GetAccount(new AccountId(10));
        if (account is not null)
        {
            AccountTenAfter[input.Sequence] = (account, Engine.Positions(new AccountId(10)).ToList(), Engine.OpenOrders(new AccountId(10)).ToList());
        }
    }

    public void Dispose() => Directory.Dispose();
}
