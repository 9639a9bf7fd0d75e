using TradeX.Core;
using TradeX.Core.Book;

namespace TradeX.Core.Tests;

/// <summary>
/// What any <see cref="IOrderBook"/> must do, whatever its level structure: price-time priority, partial fills that
/// keep their place, replaces that keep or lose priority by the book's rules, depth and best price, and an empty book
/// that matches nothing. An implementation passes by deriving a fixture that creates it.
/// </summary>
public abstract class OrderBookContract
{
    private const int None = OrderStore.None;
    private OrderRecord[] _orders = null!;
    private IOrderBook _book = null!;
    private int _nextSlot;

    /// <summary>A new, empty book over <paramref name="orders"/>, starting with room for <paramref name="initialLevels"/> levels per side (it must grow past them).</summary>
    private protected abstract IOrderBook CreateBook(OrderRecord[] orders, int initialLevels);

    [SetUp]
    public void SetUp()
    {
        _orders = new OrderRecord[256];
        _book = CreateBook(_orders, initialLevels: 2);
        _nextSlot = 0;
    }

    /// <summary>Rests a new order; order ids follow arrival, participants default to the order's slot (no self-trades).</summary>
    private int Rest(Side side, long price, long quantity, int participant = 0)
    {
        int slot = _nextSlot++;
        _orders[slot] = new OrderRecord
        {
            OrderId = slot + 1, Side = side, Price = price, Quantity = quantity, Leaves = quantity,
            Participant = participant == 0 ? 1000 + slot : participant, State = OrderState.Resting,
            Level = None, Prev = None, Next = None,
        };
        _book.Rest(slot);
        return slot;
    }

    private List<int> Queue(Side side, int depth)
    {
        var slots = new List<int>();
        if (!_book.TryGetLevel(side, depth, out _, out _, out _, out int head)) return slots;
        for (int s = head; s != None; s = _book.NextInQueue(s)) slots.Add(s);
        return slots;
    }

    private List<(long Price, long Quantity, int Orders)> Depth(Side side)
    {
        var levels = new List<(long, long, int)>();
        for (int d = 0; _book.TryGetLevel(side, d, out long price, out long quantity, out int orders, out _); d++) levels.Add((price, quantity, orders));
        return levels;
    }

    /// <summary>Takes what a buy (or sell) aggressor at <paramref name="limit"/> for <paramref name="quantity"/> would meet, as the engine does; returns (slot, price, quantity) per match.</summary>
    private List<(int Slot, long Price, long Quantity)> Take(Side aggressor, long limit, long quantity)
    {
        var fills = new List<(int, long, long)>();
        while (quantity > 0)
        {
            int head = _book.BestMatch(aggressor, limit, out long price);
            if (head == None) break;
            long q = Math.Min(quantity, _orders[head].Leaves);
            _book.Reduce(head, q);
            if (_orders[head].Leaves == 0) _book.Remove(head);
            quantity -= q;
            fills.Add((head, price, q));
        }
        return fills;
    }

    [Test]
    public void An_empty_book_has_no_best_no_levels_and_matches_nothing()
    {
        foreach (Side side in new[] { Side.Buy, Side.Sell })
        {
            Assert.That(_book.TryGetBest(side, out _, out _), Is.False);
            Assert.That(_book.LevelCount(side), Is.Zero);
            Assert.That(_book.TryGetLevel(side, 0, out _, out _, out _, out int head), Is.False);
            Assert.That(head, Is.EqualTo(None));
            Assert.That(_book.BestMatch(side, side == Side.Buy ? long.MaxValue : 1, out _), Is.EqualTo(None));
            Assert.That(_book.CanFill(side, side == Side.Buy ? long.MaxValue : 1, participant: 1, quantity: 1), Is.False);
        }
    }

    [Test]
    public void The_best_bid_is_the_highest_and_the_best_ask_the_lowest_and_depth_runs_best_first()
    {
        Rest(Side.Buy, 99, 10);
        Rest(Side.Buy, 101, 5);
        Rest(Side.Buy, 100, 7);
        Rest(Side.Buy, 101, 3);
        Rest(Side.Sell, 104, 1);
        Rest(Side.Sell, 102, 2);
        Rest(Side.Sell, 103, 4);

        Assert.That(_book.TryGetBest(Side.Buy, out long bid, out long bidSize) && bid == 101 && bidSize == 8, Is.True);
        Assert.That(_book.TryGetBest(Side.Sell, out long ask, out long askSize) && ask == 102 && askSize == 2, Is.True);
        Assert.That(Depth(Side.Buy), Is.EqualTo(new[] { (101L, 8L, 2), (100L, 7L, 1), (99L, 10L, 1) }));
        Assert.That(Depth(Side.Sell), Is.EqualTo(new[] { (102L, 2L, 1), (103L, 4L, 1), (104L, 1L, 1) }));
        Assert.That(_book.LevelCount(Side.Buy), Is.EqualTo(3), "the book grew past its two initial levels");
    }

    [Test]
    public void An_aggressor_meets_better_prices_first_and_at_one_price_the_earlier_order_first()
    {
        int first = Rest(Side.Sell, 100, 5);
        int second = Rest(Side.Sell, 100, 5);
        int better = Rest(Side.Sell, 99, 5);
        Rest(Side.Sell, 101, 5);

        var fills = Take(Side.Buy, limit: 100, quantity: 12);
        Assert.That(fills, Is.EqualTo(new[] { (better, 99L, 5L), (first, 100L, 5L), (second, 100L, 2L) }));
        Assert.That(Depth(Side.Sell), Is.EqualTo(new[] { (100L, 3L, 1), (101L, 5L, 1) }), "what the limit does not cross stays");
    }

    [Test]
    public void A_partially_filled_order_keeps_its_place_at_the_front()
    {
        int first = Rest(Side.Buy, 50, 10);
        int second = Rest(Side.Buy, 50, 10);
        Assert.That(Take(Side.Sell, limit: 50, quantity: 4), Is.EqualTo(new[] { (first, 50L, 4L) }));
        Assert.That(Queue(Side.Buy, 0), Is.EqualTo(new[] { first, second }));
        Assert.That(Depth(Side.Buy), Is.EqualTo(new[] { (50L, 16L, 2) }));
        Assert.That(_book.BestMatch(Side.Sell, 50, out long price), Is.EqualTo(first));
        Assert.That(price, Is.EqualTo(50));
    }

    [Test]
    public void A_limit_that_does_not_reach_the_best_price_matches_nothing()
    {
        Rest(Side.Sell, 100, 5);
        Rest(Side.Buy, 98, 5);
        Assert.That(_book.BestMatch(Side.Buy, 99, out _), Is.EqualTo(None));
        Assert.That(_book.BestMatch(Side.Sell, 99, out _), Is.EqualTo(None));
        Assert.That(_book.BestMatch(Side.Buy, 100, out _), Is.Not.EqualTo(None), "reaching the price is enough");
    }

    [Test]
    public void Reducing_a_resting_order_keeps_its_priority_and_a_price_change_or_increase_sends_it_to_the_back()
    {
        int a = Rest(Side.Sell, 100, 10);
        int b = Rest(Side.Sell, 100, 10);
        int c = Rest(Side.Sell, 100, 10);

        _book.Reduce(a, 4); // a quantity-down replace
        Assert.That(Queue(Side.Sell, 0), Is.EqualTo(new[] { a, b, c }));
        Assert.That(_orders[a].Leaves, Is.EqualTo(6));

        _book.Remove(b); // a quantity-up replace: out, and back in at the back
        _orders[b].Leaves = _orders[b].Quantity = 15;
        _book.Rest(b);
        Assert.That(Queue(Side.Sell, 0), Is.EqualTo(new[] { a, c, b }));

        _book.Remove(a); // a price change: out, and in at the back of the new level
        _orders[a].Price = 101;
        _book.Rest(a);
        Assert.That(Depth(Side.Sell), Is.EqualTo(new[] { (100L, 25L, 2), (101L, 6L, 1) }));
        Assert.That(Queue(Side.Sell, 1), Is.EqualTo(new[] { a }));
    }

    [Test]
    public void Cancelling_the_last_order_of_a_level_removes_the_level_and_the_next_one_becomes_best()
    {
        int top = Rest(Side.Buy, 101, 5);
        int middle = Rest(Side.Buy, 100, 5);
        Rest(Side.Buy, 100, 5);
        _book.Remove(top);
        Assert.That(_book.TryGetBest(Side.Buy, out long bid, out long size) && bid == 100 && size == 10, Is.True);
        _book.Remove(middle);
        Assert.That(Depth(Side.Buy), Is.EqualTo(new[] { (100L, 5L, 1) }));
        Assert.That(_book.LevelCount(Side.Buy), Is.EqualTo(1));
    }

    [Test]
    public void Fill_or_kill_sees_only_crossing_quantity_ahead_of_the_participants_own_first_order()
    {
        Rest(Side.Sell, 100, 5);
        Rest(Side.Sell, 100, 5, participant: 7);
        Rest(Side.Sell, 101, 20);
        Assert.That(_book.CanFill(Side.Buy, 101, participant: 1, quantity: 30), Is.True);
        Assert.That(_book.CanFill(Side.Buy, 101, participant: 1, quantity: 31), Is.False, "more than crosses");
        Assert.That(_book.CanFill(Side.Buy, 100, participant: 1, quantity: 11), Is.False, "beyond the limit");
        Assert.That(_book.CanFill(Side.Buy, 101, participant: 7, quantity: 6), Is.False, "self-trade prevention stops at its own order");
        Assert.That(_book.CanFill(Side.Buy, 101, participant: 7, quantity: 5), Is.True);
    }

    [Test]
    public void Many_levels_on_both_sides_stay_in_priority_order_through_inserts_and_removals()
    {
        var resting = new List<int>();
        for (int i = 0; i < 40; i++)
        {
            resting.Add(Rest(Side.Buy, 1_000 - (i * 7 % 40), 1));
            resting.Add(Rest(Side.Sell, 2_000 + (i * 11 % 40), 1));
        }
        var removed = new HashSet<int>();
        for (int i = 0; i < resting.Count; i += 3)
        {
            _book.Remove(resting[i]);
            removed.Add(resting[i]);
        }
        foreach (Side side in new[] { Side.Buy, Side.Sell })
        {
            var prices = Depth(side).Select(l => l.Price).ToList();
            var sorted = side == Side.Buy ? prices.OrderByDescending(p => p).ToList() : prices.OrderBy(p => p).ToList();
            Assert.That(prices, Is.EqualTo(sorted));
            Assert.That(Depth(side).Sum(l => l.Quantity), Is.EqualTo(resting.Count(s => _orders[s].Side == side && !removed.Contains(s))));
        }
    }
}

/// <summary>The engine's sorted-array book passes the contract.</summary>
public sealed class OrderBookContractTests : OrderBookContract
{
    private protected override IOrderBook CreateBook(OrderRecord[] orders, int initialLevels) => new OrderBook(orders, initialLevels);
}

/// <summary>So does the plainest book there is (sorted maps of lists), which shows the contract asks for behaviour, not a structure.</summary>
public sealed class ReferenceOrderBookContractTests : OrderBookContract
{
    private protected override IOrderBook CreateBook(OrderRecord[] orders, int initialLevels) => new ReferenceOrderBook(orders);
}
