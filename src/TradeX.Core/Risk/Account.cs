using TradeX.Core.Book;

namespace TradeX.Core.Risk;

/// <summary>
/// An account's risk state. All amounts are raw money (see <see cref="FixedPoint"/>). Exposure is
/// kept incrementally and always equals a recompute from positions and open orders:
/// long = Σ max(position value, 0) + reserved buys; short = Σ max(−position value, 0) + reserved sells;
/// gross = long + short; net = long − short. Open orders always count, at their reserve price.
/// </summary>
internal sealed class Account
{
    public readonly int Id;
    public readonly int Index;
    public readonly int Participant;
    public readonly LimitSetting[] Limits = new LimitSetting[LimitTypes.Count];
    public readonly AlertLevel[] AlertLevels = new AlertLevel[LimitTypes.Count];
    public readonly OrderRateWindow Rate = new();
    public readonly CircuitBreaker Breaker;

    public long Cash;
    public long ReservedBuy;
    public long ReservedSell;
    public long LongValue;
    public long ShortValue;
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
            Limits[i].Kind = LimitKind.Hard;
            Limits[i].WarningBps = options.DefaultWarningBps;
            Limits[i].CriticalBps = options.DefaultCriticalBps;
            Limits[i].UpdateThresholds();
        }
        // Buying power is always on: the cash is the limit.
        Limits[(int)LimitType.BuyingPower].Value = 1;
    }

    public long Long => LongValue + ReservedBuy;
    public long Short => ShortValue + ReservedSell;
    public long Gross => Long + Short;
    public long Net => Long - Short;
    public long BuyingPower => Cash - ReservedBuy;
    public long DailyPnl => RealizedToday + Unrealized - SodUnrealized;

    public ref LimitSetting Limit(LimitType type) => ref Limits[(int)type];

    public void SetLimitValue(LimitType type, long value)
    {
        ref LimitSetting l = ref Limits[(int)type];
        l.Value = value;
        l.UpdateThresholds();
    }
}

internal static class LimitTypes
{
    /// <summary>Array size for per-limit tables indexed by the enum's code.</summary>
    public const int Count = 10;
}
