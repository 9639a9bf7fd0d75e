using System.Globalization;
using TradeX.Core;

namespace TradeX.Core.Tests;

/// <summary>
/// Replays a LOBSTER message file (Nasdaq TotalView-ITCH rebuilt by LOBSTER) through a real engine's
/// book and compares the visible levels with LOBSTER's order book file after every message.
/// <list type="bullet">
/// <item>Submissions (1) rest as limit orders; partial cancels (2) are quantity-down replaces;
/// deletions (3) are cancels; visible executions (4) of an order in this book become aggressive IOC
/// orders at the execution price from a third participant, which must trade against exactly the
/// order the file names; hidden executions (5) change no book.</item>
/// <item>A LOBSTER file only carries messages that touch the visible levels, so liquidity that rested
/// before the file starts, or that changed while outside the visible levels, is never described by a
/// message. It is modelled as "unseen" liquidity: synthetic orders added (at the back of the level)
/// when the file shows more at a visible level than this book holds, and removed when the file shows
/// less. Cancels and executions of order ids this book never saw consume unseen liquidity at their price.</item>
/// </list>
/// After each message the visible levels are compared first (the reported match rate) and only then
/// reconciled, with every reconciliation classified.
/// </summary>
public sealed class LobsterReplay
{
    public const int BidAccount = 1, AskAccount = 2, AggressorAccount = 3;
    private readonly EngineDriver _d;
    private readonly int _levels;
    private ulong _syntheticIds = 1UL << 62;
    private ulong _aggressorIds = 1UL << 61;
    private readonly Dictionary<(Side Side, long Price), List<ulong>> _unseen = new();

    public long Messages, VisibleMatches, DeltaChecks, DeltaMatches;
    public long Executions, ExecutionsOnNamedOrder, ExecutionsOfUnseenLiquidity, ExecutionsMissed;
    public long CancelsOfUnseenLiquidity, UnexplainedUnknownIds, SubmissionsThatTraded, StandIns, ClearedAhead, ExecutionsAfterClearingAhead;
    public readonly Dictionary<string, long> Reconciliations = new();
    public readonly List<string> Examples = new();

    public LobsterReplay(int levels, string symbol, string referencePrice)
    {
        _levels = levels;
        _d = new EngineDriver(EngineOptions.Small with { MaxOpenOrders = 200_000, ExpectedClientOrderIdsPerDay = 500_000, InitialLevelsPerSide = 1_024 });
        _d.StepNanos = 1;
        _d.Instrument(1, symbol, tick: "0.01", reference: referencePrice, bandBps: 5000);
        _d.Account(BidAccount, participant: 1, cash: 1_000_000_000_000);
        _d.Account(AskAccount, participant: 2, cash: 1_000_000_000_000);
        _d.Account(AggressorAccount, participant: 3, cash: 1_000_000_000_000);
    }

    public Engine Engine => _d.Engine;

    public static Price Px(long lobsterPrice) => new(lobsterPrice * 100); // dollars × 10^4 → × 10^6

    private static int Owner(Side side) => side == Side.Buy ? BidAccount : AskAccount;

    /// <summary>The visible levels of one side from an orderbook row (price, size), best first.</summary>
    public static List<(long Price, long Size)> Levels(string[] row, Side side, int levels)
    {
        var list = new List<(long, long)>();
        for (int k = 0; k < levels; k++)
        {
            int at = 4 * k + (side == Side.Sell ? 0 : 2);
            long price = L(row[at]), size = L(row[at + 1]);
            if (size > 0 && Math.Abs(price) != 9_999_999_999) list.Add((price * 100, size));
        }
        return list;
    }

    private long VolumeAt(Side side, long priceRaw) =>
        _d.Engine.Depth(new InstrumentId(1), side).FirstOrDefault(l => l.Price.Raw == priceRaw)?.Quantity.Units ?? 0;

    public void Apply(int type, ulong orderId, long size, long price, int direction)
    {
        Messages++;
        Side side = direction == 1 ? Side.Buy : Side.Sell;
        int owner = Owner(side);
        long priceRaw = Px(price).Raw;
        long before = VolumeAt(side, priceRaw);
        long expectedDelta = type switch { 1 => size, 2 or 3 or 4 => -size, _ => 0 };
        var named = type is 2 or 3 or 4 ? _d.Engine.GetOrder(new AccountId(owner), new ClientOrderId(orderId)) : null;
        switch (type)
        {
            case 1:
                if (_d.Order(owner, 1, side, Px(price).ToString(), size, clientOrderId: orderId).Any(e => e.Kind == EventKind.Trade)) SubmissionsThatTraded++;
                break;
            case 2:
            case 3:
                if (named is not null)
                {
                    if (type == 3 || size >= named.Leaves.Units) _d.Cancel(owner, orderId);
                    else _d.Replace(owner, orderId, null, named.Quantity.Units - size);
                }
                else if (ConsumeUnseen(side, priceRaw, size)) CancelsOfUnseenLiquidity++;
                else StandIn(side, priceRaw, size);
                break;
            case 4:
                Executions++;
                if (named is null)
                {
                    // An order this book never saw: its execution consumes unseen liquidity at that price.
                    if (ConsumeUnseen(side, priceRaw, size)) ExecutionsOfUnseenLiquidity++;
                    else StandIn(side, priceRaw, size);
                    break;
                }
                // Price-time priority: everything better priced, and everything ahead of the named order
                // at its price, must already be gone. Orders still here had left invisibly.
                bool cleared = ClearAhead(side, named);
                var trades = _d.Order(AggressorAccount, 1, side == Side.Buy ? Side.Sell : Side.Buy, Px(price).ToString(), size,
                    TimeInForce.ImmediateOrCancel, clientOrderId: _aggressorIds++).Where(e => e.Kind == EventKind.Trade).Select(e => e.Trade).ToList();
                var hit = trades.Select(t => side == Side.Buy ? t.BuyClientOrderId.Value : t.SellClientOrderId.Value).ToList();
                if (trades.Sum(t => t.Quantity.Units) == size && hit.All(h => h == orderId))
                {
                    ExecutionsOnNamedOrder++;
                    if (cleared) ExecutionsAfterClearingAhead++;
                }
                else
                {
                    ExecutionsMissed++;
                    Example($"message {Messages}: execution of {orderId} {size}@{Px(price)} hit [{string.Join(",", trades.Select(t => $"{(side == Side.Buy ? t.BuyClientOrderId : t.SellClientOrderId)}x{t.Quantity}@{t.Price}"))}]");
                }
                break;
        }
        if (type is 1 or 2 or 3 or 4)
        {
            DeltaChecks++;
            if (VolumeAt(side, priceRaw) - before == expectedDelta) DeltaMatches++;
            else Example($"message {Messages}: type {type} of {orderId} at {Px(price)} moved the level by {VolumeAt(side, priceRaw) - before}, expected {expectedDelta}");
        }
    }

    /// <summary>
    /// The file names an order id this book never saw, at a level with no unseen liquidity: the level's
    /// size matched only because a known order had left invisibly and the named one joined unseen. The
    /// named quantity comes out of the newest known orders there.
    /// </summary>
    private void StandIn(Side side, long priceRaw, long size)
    {
        long available = VolumeAt(side, priceRaw);
        if (available < size)
        {
            UnexplainedUnknownIds++;
            Example($"message {Messages}: unknown order at {new Price(priceRaw)} for {size}, only {available} here");
            return;
        }
        StandIns++;
        RemoveAt(side, priceRaw, size);
    }

    /// <summary>Removes what price-time priority says is gone before the named order can execute; true when anything was.</summary>
    private bool ClearAhead(Side side, OrderView named)
    {
        bool any = false;
        foreach (var level in _d.Engine.Depth(new InstrumentId(1), side))
        {
            bool better = side == Side.Buy ? level.Price > named.Price : level.Price < named.Price;
            if (!better) break;
            RemoveAt(side, level.Price.Raw, level.Quantity.Units);
            any = true;
        }
        foreach (var ahead in _d.Engine.QueueAt(new InstrumentId(1), side, named.Price))
        {
            if (ahead.OrderId == named.OrderId) break;
            _d.Cancel(Owner(side), ahead.ClientOrderId.Value);
            any = true;
        }
        if (any) ClearedAhead++;
        return any;
    }

    /// <summary>Takes <paramref name="size"/> of unseen liquidity at a price (oldest synthetic order first).</summary>
    private bool ConsumeUnseen(Side side, long priceRaw, long size)
    {
        if (!_unseen.TryGetValue((side, priceRaw), out var ids)) return false;
        ids.RemoveAll(id => _d.Engine.GetOrder(new AccountId(Owner(side)), new ClientOrderId(id)) is null); // traded away meanwhile
        long available = ids.Sum(id => _d.Engine.GetOrder(new AccountId(Owner(side)), new ClientOrderId(id))?.Leaves.Units ?? 0);
        if (available < size) return false;
        while (size > 0)
        {
            ulong id = ids[0];
            var order = _d.Engine.GetOrder(new AccountId(Owner(side)), new ClientOrderId(id))!;
            long take = Math.Min(size, order.Leaves.Units);
            if (take == order.Leaves.Units)
            {
                _d.Cancel(Owner(side), id);
                ids.RemoveAt(0);
            }
            else
            {
                _d.Replace(Owner(side), id, null, order.Quantity.Units - take);
            }
            size -= take;
        }
        if (ids.Count == 0) _unseen.Remove((side, priceRaw));
        return true;
    }

    /// <summary>Compares the visible levels of both sides with a file row; true when identical.</summary>
    public bool Compare(string[] row)
    {
        bool same = SameSide(row, Side.Sell) && SameSide(row, Side.Buy);
        if (same) VisibleMatches++;
        return same;
    }

    private bool SameSide(string[] row, Side side)
    {
        var file = Levels(row, side, _levels);
        var ours = _d.Engine.Depth(new InstrumentId(1), side, file.Count);
        if (ours.Count != file.Count) return false;
        for (int k = 0; k < file.Count; k++)
            if (ours[k].Price.Raw != file[k].Price || ours[k].Quantity.Units != file[k].Size) return false;
        return true;
    }

    /// <summary>Brings the visible levels in line with the file (the unseen part of the book), classifying each change.</summary>
    public void Reconcile(string[] row)
    {
        foreach (Side side in new[] { Side.Sell, Side.Buy })
        {
            var file = Levels(row, side, _levels);
            if (file.Count == 0) continue;
            long worstVisible = file[^1].Price;
            bool Visible(long p) => side == Side.Buy ? p >= worstVisible : p <= worstVisible;
            var filePrices = file.ToDictionary(l => l.Price, l => l.Size);
            foreach (var level in _d.Engine.Depth(new InstrumentId(1), side))
            {
                if (!Visible(level.Price.Raw)) break;
                if (!filePrices.ContainsKey(level.Price.Raw))
                {
                    Count("orders left while outside the visible levels (their cancels are not in the file)");
                    RemoveAt(side, level.Price.Raw, level.Quantity.Units);
                }
            }
            foreach (var (price, size) in file)
            {
                long ours = VolumeAt(side, price);
                if (ours < size)
                {
                    Count(ours == 0 ? "level came into view from unseen depth" : "unseen orders joined a level while it was outside the visible levels");
                    ulong id = _syntheticIds++;
                    _d.Order(Owner(side), 1, side, new Price(price).ToString(), size - ours, clientOrderId: id);
                    if (!_unseen.TryGetValue((side, price), out var ids)) _unseen[(side, price)] = ids = new List<ulong>();
                    ids.Add(id);
                }
                else if (ours > size)
                {
                    Count("orders left a level while it was outside the visible levels");
                    RemoveAt(side, price, ours - size);
                }
            }
        }
    }

    /// <summary>Removes quantity at a price: unseen liquidity first, then the newest known orders.</summary>
    private void RemoveAt(Side side, long priceRaw, long quantity)
    {
        if (_unseen.TryGetValue((side, priceRaw), out var ids))
        {
            long unseen = ids.Sum(id => _d.Engine.GetOrder(new AccountId(Owner(side)), new ClientOrderId(id))?.Leaves.Units ?? 0);
            long take = Math.Min(unseen, quantity);
            if (take > 0) ConsumeUnseen(side, priceRaw, take);
            quantity -= take;
        }
        foreach (var order in _d.Engine.OpenOrders(new AccountId(Owner(side))).Where(o => o.Price.Raw == priceRaw).Reverse())
        {
            if (quantity <= 0) break;
            long take = Math.Min(quantity, order.Leaves.Units);
            if (take == order.Leaves.Units) _d.Cancel(Owner(side), order.ClientOrderId.Value);
            else _d.Replace(Owner(side), order.ClientOrderId.Value, null, order.Quantity.Units - take);
            quantity -= take;
        }
    }

    private void Count(string cls) => Reconciliations[cls] = Reconciliations.GetValueOrDefault(cls) + 1;

    private void Example(string text)
    {
        if (Examples.Count < 20) Examples.Add(text);
    }

    public static IEnumerable<(long Line, string[] Message, string[] Book)> Read(string messageFile, string bookFile, bool header)
    {
        using var messages = File.OpenText(messageFile);
        using var books = File.OpenText(bookFile);
        if (header)
        {
            messages.ReadLine();
            books.ReadLine();
        }
        long line = header ? 1 : 0;
        string? m;
        while ((m = messages.ReadLine()) is not null)
        {
            string? b = books.ReadLine();
            line++;
            if (b is null) yield break;
            if (m.Length == 0) continue;
            yield return (line, m.Split(','), b.Split(','));
        }
    }

    public static long L(string s) => long.Parse(s, NumberStyles.AllowLeadingSign, CultureInfo.InvariantCulture);
}
