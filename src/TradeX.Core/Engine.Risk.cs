namespace TradeX.Core;

public sealed partial class Engine
{
    /// <summary>Limits breached by one risk check: the first reason to refuse with, and what else the breaches ask for.</summary>
    private struct RiskVerdict
    {
        public RejectReason First;
        public bool Emergency;
        /// <summary>Bit per limit type breached by a soft threshold (accept and alert).</summary>
        public int Soft;
        /// <summary>Bit per reject reason breached by a hard threshold (for the circuit breaker).</summary>
        public ulong HardReasons;
    }

    /// <summary>What each soft breach of the last check measured and was measured against (for its alert).</summary>
    private readonly long[] _softMeasured = new long[LimitTypes.Count];
    private readonly long[] _softLimit = new long[LimitTypes.Count];

    /// <summary>
    /// Pre-trade risk for an order (new or replaced) or a two-sided quote, against the account as it would
    /// be after acceptance (<see cref="PositionExposure"/> of the position with the request's quantities).
    /// Every limit type is checked against each of its thresholds (hard, soft, emergency) on its own; a
    /// breach is exceeding a threshold, never reaching it. An order that only reduces the position (buys no
    /// more than cover the short, sells no more than the long, counting the side's open orders) is never
    /// refused by buying power, gross, net, position, concentration or daily loss: a losing account can always
    /// close out; the per-order limits and the order rate still apply, and kill switches are checked before.
    /// Returns the first hard or emergency violation, or None; soft violations come back as a bit mask of
    /// <see cref="LimitType"/> codes. A refusal feeds the circuit breaker (hard, for the configured reasons)
    /// or trips the kill switch (emergency).
    /// </summary>
    private RejectReason CheckRisk(Account a, ref PositionRecord p, in RiskRequest r, out int softBreaches)
    {
        var v = new RiskVerdict();
        long buyQuantity = r.BuyQuantity.Units, sellQuantity = r.SellQuantity.Units;
        long openBuy = p.OpenBuyQuantity + buyQuantity, openSell = p.OpenSellQuantity + sellQuantity;

        Exceeds(a, ref v, LimitType.MaxOrderQuantity, r.OrderQuantity.Units, RejectReason.MaxOrderQuantity);
        Exceeds(a, ref v, LimitType.MaxOrderNotional, r.OrderNotional.Raw, RejectReason.MaxOrderNotional);

        // A side adds when it asks for more quantity or more notional (a replace to a higher price); every side that adds
        // must stay within what closes the position, counting the side's open orders.
        bool buyAdds = buyQuantity > 0 || r.BuyNotional.Raw > 0, sellAdds = sellQuantity > 0 || r.SellNotional.Raw > 0;
        bool reducing = (!buyAdds || openBuy <= Math.Max(0, -p.Quantity)) && (!sellAdds || openSell <= Math.Max(0, p.Quantity));
        if (!reducing)
        {
            PositionExposure.Risks(p.Quantity, p.ShortHold, openBuy, p.OpenBuyNotional + r.BuyNotional.Raw,
                openSell, p.OpenSellNotional + r.SellNotional.Raw, out long buyRisk, out long sellRisk, out long positionHold);
            long longAfter = a.LongExposure - p.BuyRisk + buyRisk;
            long shortAfter = a.ShortExposure - p.SellRisk + sellRisk;
            long holdsAfter = a.Holds - p.Hold + positionHold;
            long positionLong = Math.Max(p.Value, 0) + buyRisk, positionShort = Math.Max(-p.Value, 0) + sellRisk;
            long grossAfter = longAfter + shortAfter;
            long netAfter = Math.Abs(longAfter - shortAfter);
            bool grossUp = grossAfter > a.Gross;

            // Buying power: what the order holds may not take the holds above the cash (every kind that is on).
            if (holdsAfter > a.Holds && holdsAfter > a.Cash)
                for (uint kinds = a.EnabledKinds(LimitType.BuyingPower); kinds != 0; kinds &= kinds - 1)
                    Breach(ref v, LimitType.BuyingPower, Account.FirstKind(kinds), RejectReason.BuyingPower, holdsAfter, a.Cash);
            if (grossUp) Exceeds(a, ref v, LimitType.GrossExposure, grossAfter, RejectReason.GrossExposure);
            if (netAfter > Math.Abs(a.Net)) Exceeds(a, ref v, LimitType.NetExposure, netAfter, RejectReason.NetExposure);
            long worstPosition = Math.Max(buyAdds ? Math.Abs(p.Quantity + openBuy) : 0, sellAdds ? Math.Abs(p.Quantity - openSell) : 0);
            Exceeds(a, ref v, LimitType.MaxPosition, worstPosition, RejectReason.PositionLimit);
            if (grossUp)
            {
                long instrumentGross = positionLong + positionShort;
                for (uint kinds = a.EnabledKinds(LimitType.Concentration); kinds != 0; kinds &= kinds - 1)
                {
                    var kind = Account.FirstKind(kinds);
                    ref LimitSetting l = ref a.Limit(LimitType.Concentration, kind);
                    if (grossAfter >= l.Floor && (Int128)instrumentGross * 10_000 > (Int128)l.Value * grossAfter)
                        Breach(ref v, LimitType.Concentration, kind, RejectReason.Concentration, (long)((Int128)instrumentGross * 10_000 / grossAfter), l.Value);
                }
            }
            Exceeds(a, ref v, LimitType.DailyLoss, -a.DailyPnl, RejectReason.DailyLoss);
        }
        if (r.IsNewOrder)
            for (uint kinds = a.EnabledKinds(LimitType.OrderRate); kinds != 0; kinds &= kinds - 1)
            {
                var kind = Account.FirstKind(kinds);
                ref LimitSetting l = ref a.Limit(LimitType.OrderRate, kind);
                if (a.Rate.WouldExceed((int)l.Value, _now))
                    Breach(ref v, LimitType.OrderRate, kind, RejectReason.OrderRate, a.Rate.CountInWindow(_now) + 1, l.Value);
            }

        if (v.First != RejectReason.None)
        {
            if (v.Emergency) TripKillSwitch(a, KillSwitchCause.EmergencyLimit, EmergencyOperator);
            else if ((v.HardReasons & _circuitBreakerMask) != 0 && a.Breaker.RecordViolation(_now))
            {
                _counters.CircuitBreakerTrips++;
                TripKillSwitch(a, KillSwitchCause.CircuitBreaker, CircuitBreakerOperator);
            }
        }
        softBreaches = v.Soft;
        return v.First;
    }

    /// <summary>Checks a measured value against each threshold (hard, soft, emergency) of one limit type.</summary>
    private void Exceeds(Account a, ref RiskVerdict v, LimitType type, long measured, RejectReason reason)
    {
        for (uint kinds = a.EnabledKinds(type); kinds != 0; kinds &= kinds - 1)
        {
            var kind = Account.FirstKind(kinds);
            ref LimitSetting l = ref a.Limit(type, kind);
            if (measured > l.Value) Breach(ref v, type, kind, reason, measured, l.Value);
        }
    }

    private void Breach(ref RiskVerdict v, LimitType type, LimitKind kind, RejectReason reason, long measured, long limit)
    {
        switch (kind)
        {
            case LimitKind.Soft:
                v.Soft |= 1 << (int)type;
                _softMeasured[(int)type] = measured;
                _softLimit[(int)type] = limit;
                break;
            case LimitKind.Emergency:
                v.Emergency = true;
                if (v.First == RejectReason.None) v.First = reason;
                break;
            default:
                v.HardReasons |= 1UL << (int)reason;
                if (v.First == RejectReason.None) v.First = reason;
                break;
        }
    }

    /// <summary>An accepted order went past soft thresholds: one Breached alert per soft limit it exceeded (what it measured then).</summary>
    private void PublishSoftBreaches(Account a, int softBreaches)
    {
        for (int type = 1; type < LimitTypes.Count; type++)
        {
            if ((softBreaches & (1 << type)) == 0) continue;
            var limitType = (LimitType)type;
            // Level-tracked limits report through EvaluateAlerts when the order's exposure lands.
            if (limitType is LimitType.GrossExposure or LimitType.NetExposure or LimitType.DailyLoss) continue;
            PublishAlert(a, limitType, LimitKind.Soft, AlertLevel.Breached, AlertLevel.Normal, _softMeasured[type], _softLimit[type]);
        }
    }

    /// <summary>
    /// Re-evaluates the utilisation of the account-level limits (gross, net, daily loss) against each of their
    /// thresholds and raises a LimitAlert only when a threshold's level changes (normal → warning → critical →
    /// breached, and back). An emergency threshold crossed into Breached — by a mark, a fill, anything — trips
    /// the account's kill switch in the same input, cancelling its open orders.
    /// </summary>
    private void EvaluateAlerts(Account a, bool everyThreshold = false)
    {
        bool emergency = CheckLevels(a, LimitType.GrossExposure, a.Gross, everyThreshold);
        emergency |= CheckLevels(a, LimitType.NetExposure, Math.Abs(a.Net), everyThreshold);
        emergency |= CheckLevels(a, LimitType.DailyLoss, Math.Max(0, -a.DailyPnl), everyThreshold);
        if (emergency) TripKillSwitch(a, KillSwitchCause.EmergencyLimit, EmergencyOperator);
    }

    /// <summary>
    /// Updates each threshold's level of one limit; true when an emergency threshold has just been breached. Only the
    /// thresholds that are on are looked at, unless <paramref name="everyThreshold"/> (after a limit change, so one
    /// just turned off goes back to Normal).
    /// </summary>
    private bool CheckLevels(Account a, LimitType type, long value, bool everyThreshold)
    {
        bool emergencyBreached = false;
        uint kinds = everyThreshold ? 7u : a.EnabledKinds(type);
        for (; kinds != 0; kinds &= kinds - 1)
        {
            var kind = Account.FirstKind(kinds);
            int slot = LimitTypes.Slot(type, kind);
            ref LimitSetting l = ref a.Limits[slot];
            AlertLevel previous = a.AlertLevels[slot];
            AlertLevel level = AlertLevel.Normal;
            if (l.Enabled)
            {
                if (value > l.Value) level = AlertLevel.Breached;
                else if (value >= l.CriticalAt) level = AlertLevel.Critical;
                else if (value >= l.WarningAt) level = AlertLevel.Warning;
            }
            if (level == previous) continue;
            a.AlertLevels[slot] = level;
            PublishAlert(a, type, kind, level, previous, value, l.Value);
            if (kind == LimitKind.Emergency && level == AlertLevel.Breached) emergencyBreached = true;
        }
        return emergencyBreached;
    }

    private void PublishAlert(Account a, LimitType type, LimitKind kind, AlertLevel level, AlertLevel previous, long value, long limit)
    {
        EngineEvent e = default;
        ref LimitAlert x = ref e.LimitAlert;
        x.Account = new AccountId(a.Id);
        x.Type = type;
        x.Kind = kind;
        x.Level = level;
        x.Previous = previous;
        x.Value = value;
        x.LimitValue = limit;
        x.UtilisationBps = limit > 0 ? (int)Int128.Min(int.MaxValue, (Int128)value * 10_000 / limit) : 0;
        Publish(ref e, EventKind.LimitAlert);
    }

    // ---- kill switches --------------------------------------------------------------------

    private void TripKillSwitch(Account a, KillSwitchCause cause, Ascii16 operatorName)
    {
        if (a.KillSwitch) return;
        _counters.KillSwitchTrips++;
        a.KillSwitch = true;
        PublishKillSwitch(KillSwitchScope.Account, a.Id, true, cause, operatorName);
        CancelAccountOrders(a, CancelReason.KillSwitch);
    }

    private void PublishKillSwitch(KillSwitchScope scope, int accountId, bool active, KillSwitchCause cause, Ascii16 operatorName)
    {
        EngineEvent e = default;
        ref KillSwitchChanged x = ref e.KillSwitchChanged;
        x.Scope = scope;
        x.Account = new AccountId(accountId);
        x.Active = active;
        x.Cause = cause;
        x.Operator = operatorName;
        Publish(ref e, EventKind.KillSwitchChanged);
    }

    private void OnKillSwitch(in KillSwitch k)
    {
        long subject = k.Scope == KillSwitchScope.Account ? k.Account.Value : 0;
        if (k.Scope != KillSwitchScope.Account && k.Scope != KillSwitchScope.Global)
        {
            RejectInput(InputKind.KillSwitch, RejectReason.InvalidScope, subject);
            return;
        }
        if (k.Operator.IsEmpty)
        {
            RejectInput(InputKind.KillSwitch, RejectReason.InvalidOperator, subject);
            return;
        }
        Account? account = null;
        if (k.Scope == KillSwitchScope.Account)
        {
            account = FindAccount(k.Account.Value);
            if (account is null) { RejectInput(InputKind.KillSwitch, RejectReason.UnknownAccount, subject); return; }
        }
        if (!k.Activate && !IsEntitledToReenable(k.Operator))
        {
            // Recorded twice over: the input is in the journal, and this reject is an event and a counter.
            _counters.OperatorRejections++;
            RejectInput(InputKind.KillSwitch, RejectReason.OperatorNotEntitled, subject);
            return;
        }

        bool wasActive = account?.KillSwitch ?? _globalKill;
        if (wasActive == k.Activate)
        {
            AcceptInput(InputKind.KillSwitch, subject);
            return;
        }
        if (account is not null)
        {
            account.KillSwitch = k.Activate;
            if (!k.Activate) account.Breaker.Reset();
            PublishKillSwitch(KillSwitchScope.Account, account.Id, k.Activate, KillSwitchCause.Operator, k.Operator);
            if (k.Activate)
            {
                _counters.KillSwitchTrips++;
                CancelAccountOrders(account, CancelReason.KillSwitch);
            }
        }
        else
        {
            _globalKill = k.Activate;
            PublishKillSwitch(KillSwitchScope.Global, 0, k.Activate, KillSwitchCause.Operator, k.Operator);
            if (k.Activate)
            {
                _counters.KillSwitchTrips++;
                for (int i = 0; i < _accountCount; i++) CancelAccountOrders(_accounts[i], CancelReason.KillSwitch);
            }
        }
    }

    private bool IsEntitledToReenable(Ascii16 name)
    {
        foreach (var op in _operators)
            if (op.Name == name) return op.CanReenable;
        return false;
    }
}
