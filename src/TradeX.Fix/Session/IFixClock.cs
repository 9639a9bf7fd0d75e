namespace TradeX.Fix.Session;

/// <summary>
/// The session's only source of time (SendingTime, heartbeat and logon timeouts, the schedule). Inject
/// a manual clock in tests to drive a heartbeat timeout in milliseconds instead of waiting for it.
/// </summary>
public interface IFixClock
{
    DateTime UtcNow { get; }
}
