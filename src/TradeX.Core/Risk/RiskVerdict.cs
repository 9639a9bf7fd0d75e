namespace TradeX.Core.Risk;

/// <summary>
/// What one pre-trade check decided: the reason to refuse with (None to accept), the soft thresholds exceeded
/// (accept and alert), and whether the refusal trips the account's kill switch (an emergency threshold, or the
/// circuit breaker's last straw). Tripping cancels the account's orders, which is the engine's work, not risk's.
/// </summary>
internal readonly struct RiskVerdict
{
    public RejectReason Reason { get; init; }

    /// <summary>Bit per <see cref="LimitType"/> code exceeded by a soft threshold.</summary>
    public int SoftBreaches { get; init; }

    /// <summary>The kill switch cause this check trips (<see cref="KillSwitchCause.EmergencyLimit"/> or <see cref="KillSwitchCause.CircuitBreaker"/>); 0 for none.</summary>
    public KillSwitchCause Trip { get; init; }

    public bool Accepted => Reason == RejectReason.None;
}
