using FsCheck;
using TradeX.Core;

namespace TradeX.Core.Tests;

/// <summary>
/// Simulated venues for routing properties: they accept children, fill them in parts (never beyond what
/// the child asked for), reject, expire, confirm cancels (possibly after a late fill), and drop their
/// sessions; when a session comes back, the venue reports the state of every child it holds.
/// </summary>
internal sealed class VenueSimulator
{
    private sealed class Child
    {
        public long OrderId;
        public int Venue;
        public long Remaining;
        public bool CancelRequested;
        public int Account;
        public int Instrument;
        public Side Side;
        public long Price;
        public bool Acked;
    }

    private readonly Random _rng;
    private readonly List<Child> _children = new();
    private readonly HashSet<int> _down = new();
    private int _exec;

    public VenueSimulator(int seed, int venues)
    {
        _rng = new Random(seed);
        Venues = venues;
    }

    public int Venues { get; }
    public int LiveChildren => _children.Count;

    public void Observe(in EngineEvent e)
    {
        if (e.Kind == EventKind.VenueOrderRequested && !e.VenueOrderRequested.ParentOrderId.IsNone)
        {
            var x = e.VenueOrderRequested;
            _children.Add(new Child
            {
                OrderId = x.OrderId.Value, Venue = x.Venue.Value, Remaining = x.Quantity.Units, Account = x.Account.Value,
                Instrument = x.Instrument.Value, Side = x.Side, Price = x.Price.Raw,
            });
        }
        else if (e.Kind == EventKind.VenueCancelRequested)
        {
            long orderId = e.VenueCancelRequested.OrderId.Value;
            var child = _children.Find(c => c.OrderId == orderId);
            if (child is not null) child.CancelRequested = true;
        }
    }

    /// <summary>The venues' next message, or null when they have nothing to say.</summary>
    public EngineInput? Next()
    {
        int roll = _rng.Next(100);
        if (roll < 4)
        {
            int venue = 1 + _rng.Next(Venues);
            if (_down.Add(venue)) return EngineInput.Of(new VenueSessionStatus { Venue = new VenueId(venue), Up = false });
            _down.Remove(venue);
            return EngineInput.Of(new VenueSessionStatus { Venue = new VenueId(venue), Up = true });
        }
        var candidates = _children.Where(c => !_down.Contains(c.Venue)).ToList();
        if (candidates.Count == 0) return null;
        var child = candidates[_rng.Next(candidates.Count)];
        if (roll < 55)
        {
            // A fill of part of what is left (also after a cancel was asked for: a late fill).
            long quantity = 1 + _rng.Next((int)Math.Min(child.Remaining, 1_000));
            child.Remaining -= quantity;
            long price = child.Side == Side.Buy ? child.Price - _rng.Next(3) * 10_000L : child.Price + _rng.Next(3) * 10_000L;
            var fill = EngineInput.Of(new VenueFill
            {
                Venue = new VenueId(child.Venue), ExecutionId = ExecutionId.Create($"SIM{_exec++}"), OrderId = new OrderId(child.OrderId),
                Quantity = Quantity.Of(quantity), Price = new Price(price), Account = new AccountId(child.Account),
                Instrument = new InstrumentId(child.Instrument), Side = child.Side,
            });
            if (child.Remaining == 0) _children.Remove(child);
            return fill;
        }
        if (roll < 75 && !child.Acked)
        {
            child.Acked = true;
            return Status(child, VenueOrderState.Acknowledged, close: false);
        }
        if (roll < 90 && child.CancelRequested) return Status(child, VenueOrderState.Canceled, close: true);
        if (roll < 94) return Status(child, VenueOrderState.Canceled, close: true);       // IOC remainder or unsolicited
        if (roll < 97 && !child.Acked) return Status(child, VenueOrderState.Rejected, close: true);
        return Status(child, VenueOrderState.Expired, close: true);
    }

    private EngineInput Status(Child child, VenueOrderState state, bool close)
    {
        if (close) _children.Remove(child);
        return EngineInput.Of(new VenueOrderStatus { Venue = new VenueId(child.Venue), OrderId = new OrderId(child.OrderId), State = state });
    }

    /// <summary>Every session up, then every child the venues still hold confirmed cancelled.</summary>
    public IEnumerable<EngineInput> Drain()
    {
        foreach (int venue in _down.ToList())
        {
            _down.Remove(venue);
            yield return EngineInput.Of(new VenueSessionStatus { Venue = new VenueId(venue), Up = true });
        }
        while (_children.Count > 0) yield return Status(_children[0], VenueOrderState.Canceled, close: true);
    }
}

public sealed class RoutingProperties
{
    private const int Venues = 15;

    private static EngineDriver Market(int seed, out Random rng)
    {
        rng = new Random(seed);
        var d = new EngineDriver();
        d.Instrument(1, "ACME", tick: "0.01", reference: "100", bandBps: 2000);
        for (int a = 1; a <= 4; a++) d.Account(a, participant: a, cash: 1_000_000_000);
        for (int v = 1; v <= Venues; v++)
            d.Venue(v, $"V{v:D2}", fee: $"{rng.Next(-3, 4) * 0.001m}", latencyNanos: 50_000 + rng.Next(1_000_000), enabled: rng.Next(10) != 0);
        return d;
    }

    [FsCheck.NUnit.Property(MaxTest = 30)]
    public void Fifteen_venues_in_any_interleaving_never_over_fill_and_every_parent_ends_exact(PositiveInt seed) => Run(seed.Get);

    internal Dictionary<string, long> RunForCoverage(int seed)
    {
        var d = Run(seed);
        var counts = new Dictionary<string, long>();
        void Add(string k, long n = 1) { if (n > 0) counts[k] = counts.GetValueOrDefault(k) + n; }
        var cancelRequested = new HashSet<long>();
        var parentsOfChildren = new Dictionary<long, long>();
        foreach (var e in d.Events)
        {
            switch (e.Kind)
            {
                case EventKind.ChildOrderClosed: Add($"child {e.ChildOrderClosed.Reason}"); break;
                case EventKind.VenueCancelRequested: cancelRequested.Add(e.VenueCancelRequested.OrderId.Value); break;
                case EventKind.Trade when !e.Trade.Venue.IsInternal:
                    long child = e.Trade.BuyAccount.Value != 0 ? e.Trade.SellOrderId.Value : e.Trade.BuyOrderId.Value;
                    if (cancelRequested.Contains(child)) Add("late fill");
                    break;
                case EventKind.VenueSessionChanged: Add("unknown children", e.VenueSessionChanged.UnknownChildren); break;
                case EventKind.VenueOrderRequested:
                    if (e.VenueOrderRequested.Rank == 0 && parentsOfChildren.ContainsKey(e.VenueOrderRequested.ParentOrderId.Value)) Add("reroute");
                    parentsOfChildren[e.VenueOrderRequested.ParentOrderId.Value] = e.VenueOrderRequested.OrderId.Value;
                    break;
                case EventKind.OrderCanceled: Add("parent cancelled"); break;
            }
            if (e.Kind == EventKind.Trade && !e.Trade.Venue.IsInternal &&
                (e.Trade.BuyAccount.Value != 0 ? e.Trade.BuyLeaves.IsZero : e.Trade.SellLeaves.IsZero))
                Add("parent filled");
        }
        return counts;
    }

    internal static EngineDriver Run(int seedValue)
    {
        var seed = PositiveInt.NewPositiveInt(seedValue);
        var d = Market(seed.Get, out var rng);
        var venues = new VenueSimulator(seed.Get * 7919, Venues);
        var parents = new List<(int Account, ulong ClientOrderId)>();
        ulong nextId = 1;
        var problems = new List<string>();

        void Apply(EngineInput input, string what)
        {
            foreach (var e in d.Apply(input)) venues.Observe(e);
            foreach (var p in d.Engine.CheckInvariants()) problems.Add($"after {what}: {p}");
            if (d.Engine.Counters.VenueOverfills != 0) problems.Add($"after {what}: over-filled");
        }

        for (int step = 0; step < 600 && problems.Count == 0; step++)
        {
            int roll = rng.Next(100);
            if (roll < 15)
            {
                int account = 1 + rng.Next(4);
                ulong id = nextId++;
                parents.Add((account, id));
                var tif = rng.Next(4) == 0 ? TimeInForce.ImmediateOrCancel : TimeInForce.Day;
                bool market = rng.Next(10) == 0;
                Apply(EngineInput.Of(new NewOrder
                {
                    Account = new AccountId(account), Instrument = new InstrumentId(1), Side = rng.Next(2) == 0 ? Side.Buy : Side.Sell,
                    Type = market ? OrderType.Market : OrderType.Limit, TimeInForce = tif,
                    Price = market ? Price.Zero : new Price(100_000_000L + rng.Next(-30, 31) * 10_000L), Quantity = Quantity.Of(100 * (1 + rng.Next(50))),
                    ClientOrderId = new ClientOrderId(id), Routing = RoutingPolicy.SmartRoute,
                }), "new parent");
            }
            else if (roll < 30)
            {
                int venue = 1 + rng.Next(Venues);
                long mid = 100_000_000L + rng.Next(-20, 21) * 10_000L;
                Apply(EngineInput.Of(new VenueQuote
                {
                    Venue = new VenueId(venue), Instrument = new InstrumentId(1), BidPrice = new Price(mid - 10_000), BidSize = Quantity.Of(rng.Next(5_000)),
                    AskPrice = new Price(mid + 10_000), AskSize = Quantity.Of(rng.Next(5_000)),
                }), "market data");
            }
            else if (roll < 36 && parents.Count > 0)
            {
                var (account, id) = parents[rng.Next(parents.Count)];
                Apply(EngineInput.Of(new CancelOrder { Account = new AccountId(account), OrigClientOrderId = new ClientOrderId(id) }), "parent cancel");
            }
            else if (roll < 40 && parents.Count > 0)
            {
                var (account, id) = parents[rng.Next(parents.Count)];
                Apply(EngineInput.Of(new ReplaceOrder { Account = new AccountId(account), OrigClientOrderId = new ClientOrderId(id), Quantity = Quantity.Of(100 * (1 + rng.Next(60))) }), "parent replace");
            }
            else if (venues.Next() is { } venueMessage)
            {
                Apply(venueMessage, $"venue {venueMessage.Kind}");
            }
        }
        foreach (var input in venues.Drain()) Apply(input, "drain");
        Assert.That(problems, Is.Empty);
        Assert.That(d.Engine.Counters.ChildOrdersRouted, Is.GreaterThan(0), "the flow routed children");

        // Every parent ends filled (gone), cancelled (its cancel says exactly what was left), or working with an exact remainder.
        var filledByParent = d.Events.OfKind(EventKind.Trade).Select(e => e.Trade)
            .GroupBy(t => t.BuyAccount.Value != 0 ? t.BuyOrderId.Value : t.SellOrderId.Value)
            .ToDictionary(g => g.Key, g => g.Sum(t => t.Quantity.Units));
        foreach (var accepted in d.Events.OfKind(EventKind.OrderAccepted).Select(e => e.OrderAccepted))
        {
            long id = accepted.OrderId.Value;
            long filled = filledByParent.GetValueOrDefault(id);
            var final = d.Engine.GetOrder(accepted.OrderId);
            var canceled = d.Events.OfKind(EventKind.OrderCanceled).Select(e => e.OrderCanceled).Where(c => c.OrderId.Value == id).ToList();
            long quantity = d.Events.OfKind(EventKind.OrderReplaced).Where(e => e.OrderReplaced.OrderId.Value == id).Select(e => e.OrderReplaced.Quantity.Units)
                .DefaultIfEmpty(accepted.Quantity.Units).Last();
            Assert.That(filled, Is.LessThanOrEqualTo(quantity), $"order {id} over-filled");
            if (final is not null)
            {
                Assert.That(final.Leaves.Units, Is.EqualTo(quantity - filled), $"order {id} working with an exact remainder");
                Assert.That(d.Engine.ChildOrders(accepted.OrderId), Is.Empty, $"order {id}: every child was confirmed");
            }
            else if (canceled.Count == 1)
                Assert.That(canceled[0].CanceledQuantity.Units + filled, Is.EqualTo(quantity), $"order {id} cancelled with the exact remainder");
            else
                Assert.That(filled, Is.EqualTo(quantity), $"order {id} filled");
        }
        long positions = Enumerable.Range(1, 4).Sum(a => d.Position(a, 1)?.Quantity.Units ?? 0);
        long venueNet = d.Events.OfKind(EventKind.Trade).Select(e => e.Trade).Where(t => !t.Venue.IsInternal)
            .Sum(t => t.BuyAccount.Value != 0 ? t.Quantity.Units : -t.Quantity.Units);
        Assert.That(positions, Is.EqualTo(venueNet), "quantities conserved");
        return d;
    }
}

public sealed class RoutingFlowCoverageTests
{
    [Test]
    public void The_routing_flows_reach_late_fills_unknown_children_reroutes_and_every_close_reason()
    {
        var kinds = new Dictionary<string, long>();
        for (int seed = 1; seed <= 5; seed++)
        {
            var run = new RoutingProperties();
            var events = run.RunForCoverage(seed);
            foreach (var (k, v) in events) kinds[k] = kinds.GetValueOrDefault(k) + v;
        }
        foreach (var (k, v) in kinds.OrderBy(kv => kv.Key)) TestContext.Out.WriteLine($"{k}: {v}");
        Assert.That(kinds.Keys, Is.SupersetOf(new[]
        {
            "child Filled", "child Canceled", "child Rejected", "child Expired", "late fill", "unknown children", "reroute", "parent cancelled", "parent filled",
        }));
    }
}
