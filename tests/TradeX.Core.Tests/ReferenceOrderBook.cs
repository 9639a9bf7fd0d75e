using TradeX.Core;
using TradeX.Core.Book;

namespace TradeX.Core.Tests;

/// <summary>
/// A deliberately plain <see cref="IOrderBook"/>: each side a sorted map from price to a list of order slots in arrival
/// order. Slow and allocating, but obviously right; it runs the same contract as the engine's book.
/// </summary>
internal sealed class ReferenceOrderBook(OrderRecord[] orders) : IOrderBook
{
    private const int None = OrderStore.None;
    private readonly SortedDictionary<long, List<int>> _bids = new(Comparer<long>.Create((a, b) => b.CompareTo(a)));
    private readonly SortedDictionary<long, List<int>> _asks = new();

    private SortedDictionary<long, List<int>> SideOf(Side side) => side == Side.Buy ? _bids : _asks;

    public void Rest(int slot)
    {
        var levels = SideOf(orders[slot].Side);
        if (!levels.TryGetValue(orders[slot].Price, out var queue)) levels[orders[slot].Price] = queue = new List<int>();
        queue.Add(slot);
    }

    public void Remove(int slot)
    {
        var levels = SideOf(orders[slot].Side);
        var queue = levels[orders[slot].Price];
        queue.Remove(slot);
        if (queue.Count == 0) levels.Remove(orders[slot].Price);
    }

    public void Reduce(int slot, long by) => orders[slot].Leaves -= by;

    public int BestMatch(Side aggressorSide, long limit, out long price)
    {
        var resting = SideOf(aggressorSide == Side.Buy ? Side.Sell : Side.Buy);
        price = 0;
        if (resting.Count == 0) return None;
        var (best, queue) = resting.First();
        bool crosses = aggressorSide == Side.Buy ? best <= limit : best >= limit;
        if (!crosses) return None;
        price = best;
        return queue[0];
    }

    public bool CanFill(Side aggressorSide, long limit, int participant, long quantity)
    {
        foreach (var (price, queue) in SideOf(aggressorSide == Side.Buy ? Side.Sell : Side.Buy))
        {
            if (aggressorSide == Side.Buy ? price > limit : price < limit) return false;
            foreach (int s in queue)
            {
                if (orders[s].Participant == participant) return false;
                quantity -= orders[s].Leaves;
                if (quantity <= 0) return true;
            }
        }
        return false;
    }

    public bool TryGetBest(Side side, out long price, out long quantity) => TryGetLevel(side, 0, out price, out quantity, out _, out _);

    public int LevelCount(Side side) => SideOf(side).Count;

    public bool TryGetLevel(Side side, int depth, out long price, out long quantity, out int orderCount, out int head)
    {
        var levels = SideOf(side);
        if (depth < 0 || depth >= levels.Count)
        {
            (price, quantity, orderCount, head) = (0, 0, 0, None);
            return false;
        }
        var (levelPrice, queue) = levels.ElementAt(depth);
        (price, quantity, orderCount, head) = (levelPrice, queue.Sum(s => orders[s].Leaves), queue.Count, queue[0]);
        return true;
    }

    public int NextInQueue(int slot)
    {
        var queue = SideOf(orders[slot].Side)[orders[slot].Price];
        int at = queue.IndexOf(slot);
        return at + 1 < queue.Count ? queue[at + 1] : None;
    }
}
