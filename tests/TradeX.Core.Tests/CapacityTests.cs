using TradeX.Core;
using TradeX.Core.Collections;

namespace TradeX.Core.Tests;

/// <summary>
/// The day's client order ids are a capacity like the order store: sized up front, never grown on the engine
/// thread, and a request that would need one more is refused with OrderCapacity, deterministically.
/// </summary>
public sealed class CapacityTests
{
    private const int IdsPerDay = 8;

    private static EngineDriver Desk(bool bounded = true)
    {
        var d = new EngineDriver(EngineOptions.Small with { ExpectedClientOrderIdsPerDay = IdsPerDay, ClientOrderIdsBounded = bounded });
        d.Instrument(1, "ACME", reference: "100");
        d.Account(10, participant: 1, cash: 10_000_000);
        d.StartOfDay(20260105);
        d.Sink.Clear();
        return d;
    }

    private static long ClientOrderIdBytes(Engine engine) => engine.Tables().Single(t => t.Name == "client order ids").Bytes;

    [Test]
    public void An_order_beyond_the_days_client_order_ids_is_refused_with_order_capacity_and_the_index_does_not_grow()
    {
        var d = Desk();
        long bytes = ClientOrderIdBytes(d.Engine);
        for (int i = 0; i < IdsPerDay; i++)
            Assert.That(d.Buy(10, 1, "99", 1).OfKind(EventKind.OrderAccepted).Count(), Is.EqualTo(1), $"order {i + 1} of {IdsPerDay}");

        var refused = d.Buy(10, 1, "99", 1).OfKind(EventKind.OrderRejected).Single();
        Assert.That(refused.OrderRejected.Reason, Is.EqualTo(RejectReason.OrderCapacity));
        Assert.That(ClientOrderIdBytes(d.Engine), Is.EqualTo(bytes), "the index kept its size");
        Assert.That(d.Engine.CheckInvariants(), Is.Empty);
    }

    [Test]
    public void A_replace_naming_a_new_id_when_the_days_ids_are_used_up_is_refused_with_order_capacity()
    {
        var d = Desk();
        for (int i = 0; i < IdsPerDay; i++) d.Buy(10, 1, "99", 1, clientOrderId: (ulong)(i + 1));

        var refused = d.Replace(10, origClientOrderId: 1, "98", 1, newClientOrderId: 100).OfKind(EventKind.CancelRejected).Single();
        Assert.That(refused.CancelRejected.Reason, Is.EqualTo(RejectReason.OrderCapacity));
        Assert.That(refused.CancelRejected.WasReplace, Is.True);
        // A replace that keeps its id needs none.
        Assert.That(d.Replace(10, origClientOrderId: 1, "98", 1).OfKind(EventKind.OrderReplaced).Count(), Is.EqualTo(1));
    }

    [Test]
    public void Start_of_day_forgets_the_ids_of_ended_orders_so_the_next_day_has_room_again()
    {
        var d = Desk();
        d.Buy(10, 1, "99", 1, TimeInForce.GoodTillCancel, clientOrderId: 1);
        for (int i = 1; i < IdsPerDay; i++) d.Buy(10, 1, "99", 1, clientOrderId: (ulong)(i + 1));
        for (int i = 1; i < IdsPerDay; i++) d.Cancel(10, origClientOrderId: (ulong)(i + 1));
        Assert.That(d.Buy(10, 1, "99", 1).OfKind(EventKind.OrderRejected).Single().OrderRejected.Reason, Is.EqualTo(RejectReason.OrderCapacity),
            "cancelled orders' ids still count until the day ends");

        d.StartOfDay(20260106);
        for (int i = 1; i < IdsPerDay; i++)
            Assert.That(d.Buy(10, 1, "99", 1).OfKind(EventKind.OrderAccepted).Count(), Is.EqualTo(1), $"order {i} of the new day");
        Assert.That(d.Buy(10, 1, "99", 1).OfKind(EventKind.OrderRejected).Single().OrderRejected.Reason, Is.EqualTo(RejectReason.OrderCapacity),
            "the good-till-cancel order still open from yesterday keeps its id");
    }

    [Test]
    public void Unbounded_ids_for_journals_that_predate_the_limit_grow_the_index_instead_of_refusing()
    {
        var d = Desk(bounded: false);
        long bytes = ClientOrderIdBytes(d.Engine);
        for (int i = 0; i < 4 * IdsPerDay; i++)
            Assert.That(d.Buy(10, 1, "99", 1).OfKind(EventKind.OrderAccepted).Count(), Is.EqualTo(1), $"order {i + 1}");
        Assert.That(ClientOrderIdBytes(d.Engine), Is.GreaterThan(bytes));
    }

    [Test]
    public void The_same_inputs_refuse_the_same_orders_on_replay()
    {
        var d = Desk();
        for (int i = 0; i < 2 * IdsPerDay; i++) d.Buy(10, 1, "99", 1);
        var replayed = d.Replay();
        Assert.That(replayed.StateHash(), Is.EqualTo(d.Engine.StateHash()));
        Assert.That(replayed.Tables().Single(t => t.Name == "client order ids").Peak, Is.EqualTo(IdsPerDay));
    }

    [Test]
    public void The_tables_report_their_capacity_what_they_hold_their_peak_and_their_memory()
    {
        var d = Desk();
        ulong first = d.NextClientOrderId();
        d.Buy(10, 1, "99", 1, clientOrderId: first);
        d.Buy(10, 1, "99", 1);
        d.Cancel(10, origClientOrderId: first);
        var orders = d.Engine.Tables().Single(t => t.Name == "orders");
        Assert.That((orders.Capacity, orders.InUse, orders.Peak), Is.EqualTo((EngineOptions.Small.MaxOpenOrders, 1L, 2L)));
        Assert.That(orders.Bytes, Is.GreaterThanOrEqualTo(EngineOptions.Small.MaxOpenOrders * 160L));
        var ids = d.Engine.Tables().Single(t => t.Name == "client order ids");
        Assert.That((ids.Capacity, ids.InUse, ids.Peak), Is.EqualTo((IdsPerDay, 2L, 2L)));
    }

    [Test]
    public void A_client_order_id_slot_is_16_bytes_and_holds_values_from_minus_one_up()
    {
        var map = new OpenHashMap<ClientOrderKey>(1024);
        Assert.That(map.Bytes, Is.EqualTo(map.Capacity * 16L), "a 12-byte key and its value, no occupancy flag");
        map.Set(new ClientOrderKey(0, 0), -1);
        map.Set(new ClientOrderKey(0, 1), 0);
        map.Set(new ClientOrderKey(3, ulong.MaxValue), int.MaxValue - 2);
        Assert.That(map.TryGetValue(new ClientOrderKey(0, 0), out int none) ? none : int.MinValue, Is.EqualTo(-1));
        Assert.That(map.TryGetValue(new ClientOrderKey(0, 1), out int zero) ? zero : int.MinValue, Is.EqualTo(0));
        Assert.That(map.TryGetValue(new ClientOrderKey(3, ulong.MaxValue), out int top) ? top : int.MinValue, Is.EqualTo(int.MaxValue - 2));
        Assert.That(map.ContainsKey(new ClientOrderKey(0, 2)), Is.False);
        Assert.That(map.Remove(new ClientOrderKey(0, 0)), Is.True);
        Assert.That((map.Count, map.Peak), Is.EqualTo((2, 3)));
    }
}
