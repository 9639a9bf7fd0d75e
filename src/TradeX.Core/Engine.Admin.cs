namespace TradeX.Core;

public sealed partial class Engine
{
    /// <summary>Sanity bounds on reference data, so every product of price and quantity stays representable.</summary>
    public const long MaxReferencePriceRaw = 1_000_000_000L * FixedPoint.Scale;

    private void OnDefineInstrument(in DefineInstrument d)
    {
        if (d.Instrument.Value <= 0 || d.TickSize.Raw <= 0 || d.LotSize.Units <= 0 || d.ReferencePrice.Raw <= 0 ||
            d.ReferencePrice.Raw > MaxReferencePriceRaw || d.ReferencePrice.Raw % d.TickSize.Raw != 0 ||
            d.PriceBandBps <= 0 || d.PriceBandBps > 1_000_000 || d.MarketProtectionTicks < 0 || d.MarketProtectionBps < 0 ||
            d.MarketProtectionBps > 1_000_000 || (d.MarketProtectionTicks > 0 && d.MarketProtectionBps > 0))
        {
            RejectInput(InputKind.DefineInstrument, RejectReason.InvalidReferenceData, d.Instrument.Value);
            return;
        }
        _reference.DefineInstrument(in d);
        RefreshReferenceTables();
        AcceptInput(InputKind.DefineInstrument, d.Instrument.Value);
    }

    private void OnDefineAccount(in DefineAccount d)
    {
        if (d.Account.Value <= 0 || d.Participant.Value <= 0 || d.Cash.Raw < 0 || d.MaxOrderQuantity.Units < 0 ||
            d.MaxOrderNotional.Raw < 0 || d.MaxGrossExposure.Raw < 0 || d.MaxNetExposure.Raw < 0 ||
            d.MaxPosition.Units < 0 || d.DailyLossLimit.Raw < 0 || d.MaxOrdersPerSecond < 0 || d.MaxOrdersPerSecond > MaxOrderRate)
        {
            RejectInput(InputKind.DefineAccount, RejectReason.InvalidReferenceData, d.Account.Value);
            return;
        }
        if (FindAccount(d.Account.Value) is not null)
        {
            RejectInput(InputKind.DefineAccount, RejectReason.AlreadyDefined, d.Account.Value);
            return;
        }
        Account account = _reference.AddAccount(d.Account.Value, d.Participant.Value, d.Cash.Raw);
        RefreshReferenceTables();
        // The limits of the definition are the hard thresholds; soft and emergency ones come through SetLimit.
        SetHard(account, LimitType.MaxOrderQuantity, d.MaxOrderQuantity.Units);
        SetHard(account, LimitType.MaxOrderNotional, d.MaxOrderNotional.Raw);
        SetHard(account, LimitType.GrossExposure, d.MaxGrossExposure.Raw);
        SetHard(account, LimitType.NetExposure, d.MaxNetExposure.Raw);
        SetHard(account, LimitType.MaxPosition, d.MaxPosition.Units);
        SetHard(account, LimitType.DailyLoss, d.DailyLossLimit.Raw);
        SetHard(account, LimitType.OrderRate, d.MaxOrdersPerSecond);
        account.Rate.SetCapacity(account.MaxOrderRate());
        account.UpdateEnabled();
        AcceptInput(InputKind.DefineAccount, d.Account.Value);
        PublishExposure(account);
    }

    private static void SetHard(Account account, LimitType type, long value)
    {
        ref LimitSetting l = ref account.Limit(type, LimitKind.Hard);
        l.Value = value;
        l.UpdateThresholds();
    }

    /// <summary>The highest order-rate limit accepted (the window keeps one time per allowed order).</summary>
    public const int MaxOrderRate = 1_000_000;

    private void OnDefineOperator(in DefineOperator d)
    {
        if (d.Operator.IsEmpty)
        {
            RejectInput(InputKind.DefineOperator, RejectReason.InvalidOperator, 0);
            return;
        }
        _reference.DefineOperator(d.Operator, d.CanReenable);
        AcceptInput(InputKind.DefineOperator, 0);
    }

    private void OnSetLimit(in SetLimit s)
    {
        Account? account = FindAccount(s.Account.Value);
        if (account is null) { RejectInput(InputKind.SetLimit, RejectReason.UnknownAccount, s.Account.Value); return; }
        short warning = s.WarningBps == 0 ? _options.DefaultWarningBps : s.WarningBps;
        short critical = s.CriticalBps == 0 ? _options.DefaultCriticalBps : s.CriticalBps;
        bool valid = (int)s.Limit >= 1 && (int)s.Limit < LimitTypes.Count &&
                     s.Kind is LimitKind.Hard or LimitKind.Soft or LimitKind.Emergency &&
                     s.Value >= 0 && s.Floor >= 0 && warning > 0 && warning <= critical && critical <= 10_000 &&
                     (s.Limit != LimitType.OrderRate || s.Value <= MaxOrderRate) &&
                     (s.Limit != LimitType.Concentration || s.Value <= 10_000);
        if (!valid) { RejectInput(InputKind.SetLimit, RejectReason.InvalidLimit, s.Account.Value); return; }

        // Each kind holds its own threshold: a soft, a hard and an emergency line on one metric act side by side.
        ref LimitSetting l = ref account.Limit(s.Limit, s.Kind);
        l.Value = s.Value;
        l.Floor = s.Floor;
        l.WarningBps = warning;
        l.CriticalBps = critical;
        l.UpdateThresholds();
        if (s.Limit == LimitType.OrderRate) account.Rate.SetCapacity(account.MaxOrderRate());
        account.UpdateEnabled();
        AcceptInput(InputKind.SetLimit, s.Account.Value);
        EvaluateAlerts(account, everyThreshold: true);
    }

    /// <summary>
    /// Start of a trading day: day orders still open expire, daily P&amp;L restarts from the current
    /// unrealized P&amp;L, the day's used client order ids are forgotten (open orders keep theirs), and
    /// venue execution ids older than yesterday are forgotten — except those that arrived since the oldest
    /// order still working at a venue was sent, so a resent execution of a long-lived (good-till-cancel)
    /// order is recognised as a duplicate for as long as the order lives.
    /// </summary>
    private void OnStartOfDay(in StartOfDay s)
    {
        _tradingDate = s.TradingDate;
        for (int i = 0; i < _reference.AccountCount; i++)
        {
            Account a = _accounts[i];
            int slot = a.OrderHead;
            while (slot != None)
            {
                int next = _orders[slot].AccountNext;
                if (_orders[slot].TimeInForce == TimeInForce.Day && _orders[slot].State == OrderState.Resting)
                {
                    CancelOrder(slot, CancelReason.Expired, default);
                }
                else if (_orders[slot].TimeInForce == TimeInForce.Day && _orders[slot].State == OrderState.Routed)
                {
                    CancelParent(slot, CancelReason.Expired, default);
                }
                slot = next;
            }
            _ledger.StartDay(a);
            PublishExposure(a);
        }

        // Keep only the client order ids of orders still open.
        var open = new List<(ClientOrderKey Key, int Slot)>();
        for (int s2 = 0; s2 < _clientOrders.Capacity; s2++)
            if (_clientOrders.IsUsed(s2) && LiveSlot(_clientOrders.KeyAt(s2), _clientOrders.ValueAt(s2)) != None)
                open.Add((_clientOrders.KeyAt(s2), _clientOrders.ValueAt(s2)));
        _clientOrders.Clear();
        _clientOrderDigest = 0;
        foreach (var (key, slot) in open) SetClientOrder(key, slot);

        RetireExecutionIds();
        AcceptInput(InputKind.StartOfDay, s.TradingDate);
    }

    /// <summary>Starts a new day ordinal and forgets execution ids no live venue order or the last two days need.</summary>
    private void RetireExecutionIds()
    {
        long oldestVenueOrder = long.MaxValue;
        for (int i = 0; i < _reference.AccountCount; i++)
            for (int slot = _accounts[i].OrderHead; slot != None; slot = _orders[slot].AccountNext)
            {
                ref OrderRecord o = ref _orders[slot];
                if (o.State is OrderState.AtVenue or OrderState.VenueCancelPending) oldestVenueOrder = Math.Min(oldestVenueOrder, o.AcceptedSequence);
                if (o.Role == OrderRole.Parent)
                    for (int c = o.ChildHead; c != None; c = _orders[c].Next) oldestVenueOrder = Math.Min(oldestVenueOrder, _orders[c].AcceptedSequence);
            }
        // An open break keeps its execution id known, so a resend of the quarantined fill is a duplicate.
        oldestVenueOrder = Math.Min(oldestVenueOrder, _breaks.OldestSequence);
        _executions.StartDay(_events.Sequence, oldestVenueOrder);
        // Orders that ended at a venue are remembered for today and yesterday (a late fill for one is a break).
        _endedVenueOrders.Retain(_executions.Day - 1);
    }
}
