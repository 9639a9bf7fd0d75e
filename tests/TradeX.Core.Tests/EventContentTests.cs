using TradeX.Core;

namespace TradeX.Core.Tests;

/// <summary>
/// Events carry everything their readers need to answer a client (the gateway keeps no copy of engine
/// state): a reject's order type and time in force, a replace's, and each side's cumulative quantity.
/// </summary>
public sealed class EventContentTests
{
    private static EngineDriver Market()
    {
        var d = new EngineDriver();
        d.Instrument(1, "ACME", tick: "0.01", reference: "100");
        d.Account(1, participant: 1, cash: 100_000_000);
        d.Account(2, participant: 2, cash: 100_000_000);
        d.Account(3, participant: 3, cash: 1_000);
        d.Venue(7, "ARCA");
        d.Sink.Clear();
        return d;
    }

    [Test]
    public void A_rejected_order_carries_the_order_type_and_time_in_force_it_asked_for()
    {
        var d = Market();

        var market = d.Buy(3, 1, price: null, quantity: 1_000, tif: TimeInForce.ImmediateOrCancel).Single(EventKind.OrderRejected).OrderRejected;
        var limit = d.Sell(3, 1, "100", 1_000_000, tif: TimeInForce.GoodTillCancel).Single(EventKind.OrderRejected).OrderRejected;

        Assert.That((market.Type, market.TimeInForce), Is.EqualTo((OrderType.Market, TimeInForce.ImmediateOrCancel)));
        Assert.That((limit.Type, limit.TimeInForce), Is.EqualTo((OrderType.Limit, TimeInForce.GoodTillCancel)));
    }

    [Test]
    public void A_replace_carries_the_orders_type_and_time_in_force()
    {
        var d = Market();
        d.Sell(1, 1, "101", 100, tif: TimeInForce.GoodTillCancel, clientOrderId: 5);

        var replaced = d.Replace(1, 5, "101.5", 80, newClientOrderId: 6).Single(EventKind.OrderReplaced).OrderReplaced;

        Assert.That((replaced.Type, replaced.TimeInForce), Is.EqualTo((OrderType.Limit, TimeInForce.GoodTillCancel)));
    }

    [Test]
    public void Each_side_of_a_trade_carries_its_cumulative_quantity_across_partial_fills_and_a_replace()
    {
        var d = Market();
        d.Sell(1, 1, "100", 100, clientOrderId: 10);
        var first = d.Buy(2, 1, "100", 30, clientOrderId: 20).Single(EventKind.Trade).Trade;
        d.Replace(1, 10, "100", 90, newClientOrderId: 11); // down at the same price: 60 left of 90
        var second = d.Buy(2, 1, "100", 25, clientOrderId: 21).Single(EventKind.Trade).Trade;

        Assert.That((first.SellCumQuantity.Units, first.SellLeaves.Units, first.BuyCumQuantity.Units, first.BuyLeaves.Units), Is.EqualTo((30L, 70L, 30L, 0L)));
        Assert.That((second.SellCumQuantity.Units, second.SellLeaves.Units, second.BuyCumQuantity.Units), Is.EqualTo((55L, 35L, 25L)));
    }

    [Test]
    public void A_venue_fill_of_a_directed_order_carries_its_cumulative_quantity()
    {
        var d = Market();
        d.Order(2, 1, Side.Buy, "100", 50, clientOrderId: 30, venue: 7);
        long orderId = d.Engine.GetOrder(new AccountId(2), new ClientOrderId(30))!.OrderId.Value;

        var first = d.Fill(7, "X1", orderId, 20, "100").Single(EventKind.Trade).Trade;
        var second = d.Fill(7, "X2", orderId, 30, "99.99").Single(EventKind.Trade).Trade;

        Assert.That((first.BuyCumQuantity.Units, first.BuyLeaves.Units), Is.EqualTo((20L, 30L)));
        Assert.That((second.BuyCumQuantity.Units, second.BuyLeaves.Units), Is.EqualTo((50L, 0L)));
    }

    [Test]
    public void A_refused_cancel_or_replace_carries_the_instrument_the_request_named()
    {
        var d = Market();

        var cancel = d.Apply(EngineInput.Of(new CancelOrder
        {
            Account = new AccountId(1), OrigClientOrderId = new ClientOrderId(99), ClientOrderId = new ClientOrderId(100), Instrument = new InstrumentId(1),
        })).Single(EventKind.CancelRejected).CancelRejected;
        var replace = d.Apply(EngineInput.Of(new ReplaceOrder
        {
            Account = new AccountId(1), OrigClientOrderId = new ClientOrderId(99), ClientOrderId = new ClientOrderId(101), Quantity = Quantity.Of(10),
            Instrument = new InstrumentId(1),
        })).Single(EventKind.CancelRejected).CancelRejected;

        Assert.That((cancel.Reason, cancel.Instrument.Value, cancel.WasReplace), Is.EqualTo((RejectReason.UnknownOrder, 1, false)));
        Assert.That((replace.Reason, replace.Instrument.Value, replace.WasReplace), Is.EqualTo((RejectReason.UnknownOrder, 1, true)));
    }
}
