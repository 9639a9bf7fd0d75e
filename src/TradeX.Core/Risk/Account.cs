using TradeX.Core.Book;

namespace TradeX.Core.Risk;

/// <summary>
/// An account's risk state. All amounts are raw money (see <see cref="FixedPoint"/>). Exposure and
/// buying power are kept incrementally as sums of each position's figures (<see cref="PositionExposure"/>)
/// and always equal a recompute from positions and open orders.
/// </summary>
internal sealed class Account
{
    public readonly int Id;
    public readonly int Index;
    public readonly int Participant;
    /// <summary>Up to one threshold per limit type and kind (soft, hard and emergency side by side on one metric).</summary>
    public readonly LimitSetting[] Limits = new LimitSetting[LimitTypes.Slots];
    /// <summary>The alert level last published for each (type, kind) threshold.</summary>
    public readonly AlertLevel[] AlertLevels = new AlertLevel[LimitTypes.Slots];
    public readonly OrderRateWindow Rate = new();
    public readonly CircuitBreaker Breaker;

    public long Cash;
    /// <summary>Notional of open buy and sell orders at their reserve prices (informational: what is reserved on each side).</summary>
    public long ReservedBuy;
    public long ReservedSell;
    /// <summary>Σ of the positions' long and short exposure and of their buying-power holds.</summary>
    public long LongExposure;
    public long ShortExposure;
    public long Holds;
    public long Unrealized;
    public long Realized;
    public long RealizedToday;
    public long SodUnrealized;
    public bool KillSwitch;
    public int OpenOrders;
    /// <summary>Head and tail of this account's open orders (slots in the order store), in order-id order.</summary>
    public int OrderHead = OrderStore.None;
    public int OrderTail = OrderStore.None;
    /// <summary>Head of this account's positions (slots in the position table).</summary>
    public int PositionHead = OrderStore.None;

    public Account(int id, int index, int participant, EngineOptions options)
    {
        Id = id;
        Index = index;
        Participant = participant;
        Breaker = new CircuitBreaker(options.CircuitBreakerViolations, options.CircuitBreakerWindowNanos);
        for (int i = 0; i < Limits.Length; i++)
        {
            Limits[i].Kind = LimitTypes.KindOfSlot(i);
            Limits[i].WarningBps = options.DefaultWarningBps;
            Limits[i].CriticalBps = options.DefaultCriticalBps;
            Limits[i].UpdateThresholds();
        }
        // Buying power is always on (hard): the cash is the limit.
        Limit(LimitType.BuyingPower, LimitKind.Hard).Value = 1;
        UpdateEnabled();
    }

    public long Long => LongExposure;
    public long Short => ShortExposure;
    public long Gross => LongExposure + ShortExposure;
    public long Net => LongExposure - ShortExposure;
    public long BuyingPower => Cash - Holds;
    public long DailyPnl => RealizedToday + Unrealized - SodUnrealized;

    public ref LimitSetting Limit(LimitType type, LimitKind kind) => ref Limits[LimitTypes.Slot(type, kind)];

    /// <summary>Bit per (type, kind) slot whose threshold is on, so a check skips the limits an account does not use.</summary>
    public uint EnabledSlots { get; private set; }

    /// <summary>The kinds (bit 0 hard, 1 soft, 2 emergency) of <paramref name="type"/> that are on.</summary>
    public uint EnabledKinds(LimitType type) => (EnabledSlots >> ((int)type * 3)) & 7;

    /// <summary>
    /// The first kind in a set of <see cref="EnabledKinds"/> bits, hard before soft before emergency. Walk a set with
    /// <c>for (uint k = a.EnabledKinds(t); k != 0; k &amp;= k - 1) ... FirstKind(k)</c>.
    /// </summary>
    public static LimitKind FirstKind(uint kinds) => (LimitKind)(System.Numerics.BitOperations.TrailingZeroCount(kinds) + 1);

    /// <summary>Recomputes <see cref="EnabledSlots"/> after a threshold changed.</summary>
    public void UpdateEnabled()
    {
        uint bits = 0;
        for (int slot = 0; slot < Limits.Length; slot++)
            if (Limits[slot].Enabled) bits |= 1u << slot;
        EnabledSlots = bits;
    }

    /// <summary>The highest order-rate threshold of any kind (the window must remember that many acceptances).</summary>
    public int MaxOrderRate()
    {
        long max = 0;
        foreach (LimitKind kind in LimitTypes.Kinds) max = Math.Max(max, Limit(LimitType.OrderRate, kind).Value);
        return (int)max;
    }
}

internal static class LimitTypes
{
    /// <summary>Limit type codes run 1..9 (code 0 unused).</summary>
    public const int Count = 10;

    /// <summary>Hard, soft and emergency, in the order thresholds are checked.</summary>
    public static readonly LimitKind[] Kinds = [LimitKind.Hard, LimitKind.Soft, LimitKind.Emergency];

    /// <summary>Array size for per-(type, kind) tables.</summary>
    public const int Slots = Count * 3;

    public static int Slot(LimitType type, LimitKind kind) => (int)type * 3 + (int)kind - 1;

    public static LimitKind KindOfSlot(int slot) => (LimitKind)(slot % 3 + 1);

    public static LimitType TypeOfSlot(int slot) => (LimitType)(slot / 3);
}
