namespace TradeX.Core;

public sealed partial class Engine
{
    /// <summary>
    /// Pre-trade risk for an order or a quote (<see cref="PreTradeRisk.Check"/>). A refusal that trips the account's
    /// kill switch (an emergency threshold, or the circuit breaker) trips it here, before the caller publishes the refusal.
    /// </summary>
    private RejectReason CheckRisk(Account a, ref PositionRecord p, in RiskRequest r, out int softBreaches)
    {
        RiskVerdict v = _risk.Check(a, ref p, in r);
        if (v.Trip == KillSwitchCause.EmergencyLimit) TripKillSwitch(a, KillSwitchCause.EmergencyLimit, EmergencyOperator);
        else if (v.Trip == KillSwitchCause.CircuitBreaker)
        {
            _counters.CircuitBreakerTrips++;
            TripKillSwitch(a, KillSwitchCause.CircuitBreaker, CircuitBreakerOperator);
        }
        softBreaches = v.SoftBreaches;
        return v.Reason;
    }

    /// <summary>Limit alerts after an account's exposure changed (<see cref="PreTradeRisk.EvaluateAlerts"/>); an emergency breach trips its kill switch.</summary>
    private void EvaluateAlerts(Account a, bool everyThreshold = false)
    {
        if (_risk.EvaluateAlerts(a, everyThreshold)) TripKillSwitch(a, KillSwitchCause.EmergencyLimit, EmergencyOperator);
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
        if (!k.Activate && !_reference.IsEntitledToReenable(k.Operator))
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
                for (int i = 0; i < _reference.AccountCount; i++) CancelAccountOrders(_accounts[i], CancelReason.KillSwitch);
            }
        }
    }
}
