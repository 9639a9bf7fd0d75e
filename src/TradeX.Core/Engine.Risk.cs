using TradeX.Core.Positions;
using TradeX.Core.Risk;

namespace TradeX.Core;

public sealed partial class Engine
{
    /// <summary>
    /// Pre-trade risk for an order (new or replaced) or a two-sided quote, against the account's state as
    /// it would be after acceptance. The buy and sell arguments are what the change adds to the open
    /// quantity and reserved notional on each side (negative for a reducing replace, which no exposure
    /// limit refuses); <paramref name="orderQuantity"/> and <paramref name="orderNotional"/> are the largest
    /// single order (for the per-order limits). Returns the first hard or emergency violation, or None;
    /// soft violations come back as a bit mask of <see cref="LimitType"/> codes. A refusal also feeds the
    /// circuit breaker (hard) or trips the kill switch (emergency).
    /// </summary>
    private RejectReason CheckRisk(Account a, ref PositionRecord p, long orderQuantity, long orderNotional,
        long buyQuantity, long buyNotional, long sellQuantity, long sellNotional, bool isNewOrder, out int softBreaches)
    {
        int soft = 0;
        RejectReason first = RejectReason.None;
        bool emergency = false;
        long added = buyNotional + sellNotional;
        bool increases = added > 0;
        var limits = a.Limits;

        ref LimitSetting l = ref limits[(int)LimitType.MaxOrderQuantity];
        if (l.Enabled && orderQuantity > l.Value) Breach(ref l, LimitType.MaxOrderQuantity, RejectReason.MaxOrderQuantity);

        l = ref limits[(int)LimitType.MaxOrderNotional];
        if (l.Enabled && orderNotional > l.Value) Breach(ref l, LimitType.MaxOrderNotional, RejectReason.MaxOrderNotional);

        l = ref limits[(int)LimitType.BuyingPower];
        if (l.Enabled && buyNotional > 0 && a.Cash - a.ReservedBuy - buyNotional < 0)
            Breach(ref l, LimitType.BuyingPower, RejectReason.BuyingPower);

        l = ref limits[(int)LimitType.GrossExposure];
        if (l.Enabled && increases && a.Gross + added > l.Value) Breach(ref l, LimitType.GrossExposure, RejectReason.GrossExposure);

        l = ref limits[(int)LimitType.NetExposure];
        if (l.Enabled && (buyNotional | sellNotional) != 0)
        {
            long net = a.Net;
            long after = net + buyNotional - sellNotional;
            if (Math.Abs(after) > l.Value && Math.Abs(after) > Math.Abs(net)) Breach(ref l, LimitType.NetExposure, RejectReason.NetExposure);
        }

        l = ref limits[(int)LimitType.MaxPosition];
        if (l.Enabled)
        {
            if (buyQuantity > 0 && Math.Abs(p.Quantity + p.OpenBuyQuantity + buyQuantity) > l.Value) Breach(ref l, LimitType.MaxPosition, RejectReason.PositionLimit);
            else if (sellQuantity > 0 && Math.Abs(p.Quantity - p.OpenSellQuantity - sellQuantity) > l.Value) Breach(ref l, LimitType.MaxPosition, RejectReason.PositionLimit);
        }

        l = ref limits[(int)LimitType.Concentration];
        if (l.Enabled && increases)
        {
            long grossAfter = a.Gross + added;
            long instrumentGross = Math.Abs(p.Value) + p.OpenBuyNotional + p.OpenSellNotional + added;
            if (grossAfter >= l.Floor && (Int128)instrumentGross * 10_000 > (Int128)l.Value * grossAfter)
                Breach(ref l, LimitType.Concentration, RejectReason.Concentration);
        }

        l = ref limits[(int)LimitType.DailyLoss];
        if (l.Enabled && increases && -a.DailyPnl >= l.Value) Breach(ref l, LimitType.DailyLoss, RejectReason.DailyLoss);

        l = ref limits[(int)LimitType.OrderRate];
        if (isNewOrder && a.Rate.Limit > 0 && a.Rate.WouldExceed(_now)) Breach(ref l, LimitType.OrderRate, RejectReason.OrderRate);

        if (first != RejectReason.None)
        {
            if (emergency) TripKillSwitch(a, KillSwitchCause.EmergencyLimit, EmergencyOperator);
            else if (a.Breaker.RecordViolation(_now))
            {
                _counters.CircuitBreakerTrips++;
                TripKillSwitch(a, KillSwitchCause.CircuitBreaker, CircuitBreakerOperator);
            }
        }
        softBreaches = soft;
        return first;

        void Breach(ref LimitSetting setting, LimitType type, RejectReason reason)
        {
            switch (setting.Kind)
            {
                case LimitKind.Soft:
                    soft |= 1 << (int)type;
                    break;
                case LimitKind.Emergency:
                    emergency = true;
                    if (first == RejectReason.None) first = reason;
                    break;
                default:
                    if (first == RejectReason.None) first = reason;
                    break;
            }
        }
    }

    /// <summary>An accepted order went past soft limits: one Breached alert per soft limit it exceeded.</summary>
    private void PublishSoftBreaches(Account a, int softBreaches, long orderQuantity, long orderNotional)
    {
        for (int type = 1; type < LimitTypes.Count; type++)
        {
            if ((softBreaches & (1 << type)) == 0) continue;
            var limitType = (LimitType)type;
            ref LimitSetting l = ref a.Limits[type];
            long value = limitType switch
            {
                LimitType.MaxOrderQuantity => orderQuantity,
                LimitType.MaxOrderNotional => orderNotional,
                LimitType.BuyingPower => a.ReservedBuy,
                LimitType.GrossExposure => a.Gross,
                LimitType.NetExposure => Math.Abs(a.Net),
                LimitType.DailyLoss => -a.DailyPnl,
                LimitType.OrderRate => a.Rate.CountInWindow(_now),
                _ => 0,
            };
            long limit = limitType == LimitType.BuyingPower ? a.Cash : l.Value;
            // Level-tracked limits report through EvaluateAlerts when the order's exposure lands.
            if (limitType is LimitType.GrossExposure or LimitType.NetExposure or LimitType.DailyLoss) continue;
            PublishAlert(a, limitType, AlertLevel.Breached, AlertLevel.Normal, value, limit);
        }
    }

    /// <summary>
    /// Re-evaluates the utilisation of the account-level limits (gross, net, daily loss) and raises a
    /// LimitAlert only when a level changes (normal → warning → critical → breached, and back).
    /// </summary>
    private void EvaluateAlerts(Account a)
    {
        CheckLevel(a, LimitType.GrossExposure, a.Gross);
        CheckLevel(a, LimitType.NetExposure, Math.Abs(a.Net));
        CheckLevel(a, LimitType.DailyLoss, Math.Max(0, -a.DailyPnl));
    }

    private void CheckLevel(Account a, LimitType type, long value)
    {
        ref LimitSetting l = ref a.Limits[(int)type];
        AlertLevel previous = a.AlertLevels[(int)type];
        AlertLevel level = AlertLevel.Normal;
        if (l.Enabled)
        {
            if (value > l.Value) level = AlertLevel.Breached;
            else if (value >= l.CriticalAt) level = AlertLevel.Critical;
            else if (value >= l.WarningAt) level = AlertLevel.Warning;
        }
        if (level == previous) return;
        a.AlertLevels[(int)type] = level;
        PublishAlert(a, type, level, previous, value, l.Value);
    }

    private void PublishAlert(Account a, LimitType type, AlertLevel level, AlertLevel previous, long value, long limit)
    {
        EngineEvent e = default;
        ref LimitAlert x = ref e.LimitAlert;
        x.Account = new AccountId(a.Id);
        x.Type = type;
        x.Kind = a.Limits[(int)type].Kind;
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
