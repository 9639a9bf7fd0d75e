namespace TradeX.Core.Book;

/// <summary>
/// One instrument's internal limit order book in price-time priority, over the engine's order records (it links
/// them, it never copies them). Implement it to try another level structure; <c>OrderBookContract</c> in the
/// tests is what any implementation must pass. The engine holds the concrete sealed <see cref="OrderBook"/>, so
/// the hot path makes no interface calls: this interface is the contract, not the call path.
/// </summary>
/// <remarks>
/// The book decides priority: which resting order an aggressor meets next and whether a price crosses. The engine
/// decides what a match means (self-trade prevention, reservations, positions, events). An order rests on the side
/// and at the price of its record, at the back of its level; it keeps its place while its leaves only go down
/// (<see cref="Reduce"/>); anything else is a <see cref="Remove"/> and a new <see cref="Rest"/>, at the back.
/// </remarks>
internal interface IOrderBook
{
    /// <summary>Rests an order at the back of its price level (its record's side, price and leaves), creating the level if needed.</summary>
    void Rest(int slot);

    /// <summary>Takes a resting order out of the book; its level goes when it was the last order there.</summary>
    void Remove(int slot);

    /// <summary>Reduces a resting order's leaves by <paramref name="by"/> in place: a fill or a quantity-down replace keeps its priority.</summary>
    void Reduce(int slot, long by);

    /// <summary>
    /// The resting order an aggressor on <paramref name="aggressorSide"/> limited at <paramref name="limit"/> meets first
    /// (the head of the best opposite level, when that level's price is at or better than the limit), with its level's
    /// price; <see cref="OrderStore.None"/> when nothing crosses.
    /// </summary>
    int BestMatch(Side aggressorSide, long limit, out long price);

    /// <summary>
    /// Fill-or-kill pre-check: is there at least <paramref name="quantity"/> crossing <paramref name="limit"/> ahead, in
    /// priority order, of the first resting order of <paramref name="participant"/> (which self-trade prevention stops at)?
    /// </summary>
    bool CanFill(Side aggressorSide, long limit, int participant, long quantity);

    /// <summary>The best level of one side: false when the side is empty.</summary>
    bool TryGetBest(Side side, out long price, out long quantity);

    /// <summary>Occupied price levels on one side.</summary>
    int LevelCount(Side side);

    /// <summary>The level <paramref name="depth"/> from the best (0 = best) of one side: its price, total leaves, order count and first order; false past the last level.</summary>
    bool TryGetLevel(Side side, int depth, out long price, out long quantity, out int orders, out int head);

    /// <summary>The order after <paramref name="slot"/> in its level's queue (time priority); <see cref="OrderStore.None"/> at the back.</summary>
    int NextInQueue(int slot);
}
