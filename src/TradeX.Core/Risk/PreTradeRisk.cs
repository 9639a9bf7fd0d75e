namespace TradeX.Core.Risk;

/// <summary>
/// Pre-trade risk and limit alerts for the accounts: the check an order (new or replaced) or a quote must pass,
/// the soft-breach alerts of an accepted one, and the utilisation levels of the account-level limits after any
/// change. It decides; the engine acts (rejects, reserves, trips kill switches), in the same step on one thread,
/// so nothing slips between a check and the reservation it allows. Holds no business state of its own: the
/// limits, levels, order-rate windows and circuit breakers it reads and updates belong to each <see cref="Account"/>.
/// </summary>
internal sealed class PreTradeRisk
{
    private readonly EventPublisher _events;
    private readonly ulong _circuitBreakerMask;

    /// <summary>What each soft breach of the last check measured and was measured against (for its alert).</summary>
    private readonly long[] _softMeasured = new long[LimitTypes.Count];
    private readonly long[] _softLimit = new long[LimitTypes.Count];

    /// <param name="events">Where limit alerts go (stamped with the input being applied and the engine time).</param>
    /// <param name="circuitBreakerMask">Bit per <see cref="RejectReason"/> whose hard refusals count toward an account's circuit breaker.</param>
    public PreTradeRisk(EventPublisher events, ulong circuitBreakerMask)
    {
        _events = events;
        _circuitBreakerMask = circuitBreakerMask;
    }

    /// <summary>Limits breached while checking: the first reason to refuse with, and what else the breaches ask for.</summary>
    private struct Breaches
    {
        public RejectReason First;
        public bool Emergency;
        /// <summary>Bit per limit type breached by a soft threshold (accept and alert).</summary>
        public int Soft;
        /// <summary>Bit per reject reason breached by a hard threshold (for the circuit breaker).</summary>
        public ulong HardReasons;
    }

    /// <summary>
    /// Pre-trade risk for an order (new or replaced) or a two-sided quote, against the account as it would
    /// be after acceptance (<see cref="PositionExposure"/> of the position with the request's quantities).
    /// Every limit type is checked against each of its thresholds (hard, soft, emergency) on its own; a
    /// breach is exceeding a threshold, never reaching it. An order that only reduces the position (buys no
    /// more than cover the short, sells no more than the long, counting the side's open orders) is never
    /// refused by buying power, gross, net, position, concentration or daily loss: a losing account can always
    /// close out; the per-order limits and the order rate still apply (kill switches are the engine's, checked before).
    /// Returns the first hard or emergency violation, or None; soft violations come back as a bit mask of
    /// <see cref="LimitType"/> codes. A refusal feeds the circuit breaker (hard, for the configured reasons)
    /// or trips the kill switch (emergency): the verdict says which.
    /// </summary>
    public RiskVerdict Check(Account a, ref PositionRecord p, in RiskRequest r)
    {
        var v = new Breaches();
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
        long now = _events.Now;
        if (r.IsNewOrder)
            for (uint kinds = a.EnabledKinds(LimitType.OrderRate); kinds != 0; kinds &= kinds - 1)
            {
                var kind = Account.FirstKind(kinds);
                ref LimitSetting l = ref a.Limit(LimitType.OrderRate, kind);
                if (a.Rate.WouldExceed((int)l.Value, now))
                    Breach(ref v, LimitType.OrderRate, kind, RejectReason.OrderRate, a.Rate.CountInWindow(now) + 1, l.Value);
            }

        KillSwitchCause trip = 0;
        if (v.First != RejectReason.None)
        {
            if (v.Emergency) trip = KillSwitchCause.EmergencyLimit;
            else if ((v.HardReasons & _circuitBreakerMask) != 0 && a.Breaker.RecordViolation(now)) trip = KillSwitchCause.CircuitBreaker;
        }
        return new RiskVerdict { Reason = v.First, SoftBreaches = v.Soft, Trip = trip };
    }

    /// <summary>Checks a measured value against each threshold (hard, soft, emergency) of one limit type.</summary>
    private void Exceeds(Account a, ref Breaches v, LimitType type, long measured, RejectReason reason)
    {
        for (uint kinds = a.EnabledKinds(type); kinds != 0; kinds &= kinds - 1)
        {
            var kind = Account.FirstKind(kinds);
            ref LimitSetting l = ref a.Limit(type, kind);
            if (measured > l.Value) Breach(ref v, type, kind, reason, measured, l.Value);
        }
    }

    private void Breach(ref Breaches v, LimitType type, LimitKind kind, RejectReason reason, long measured, long limit)
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
    public void PublishSoftBreaches(Account a, int softBreaches)
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
    /// breached, and back). True when an emergency threshold has just been crossed into Breached — by a mark, a
    /// fill, anything: the engine then trips the account's kill switch in the same input, cancelling its open orders.
    /// </summary>
    public bool EvaluateAlerts(Account a, bool everyThreshold = false)
    {
        bool emergency = CheckLevels(a, LimitType.GrossExposure, a.Gross, everyThreshold);
        emergency |= CheckLevels(a, LimitType.NetExposure, Math.Abs(a.Net), everyThreshold);
        emergency |= CheckLevels(a, LimitType.DailyLoss, Math.Max(0, -a.DailyPnl), everyThreshold);
        return emergency;
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
        _events.Publish(ref e, EventKind.LimitAlert);
    }
}
