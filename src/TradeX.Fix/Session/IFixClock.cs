namespace TradeX.Fix.Session;

/// <summary>
/// The session's only source of time (SendingTime, heartbeat and logon timeouts, the schedule). Inject
/// a manual clock in tests to drive a heartbeat timeout in milliseconds instead of waiting for it.
/// </summary>
public interface IFixClock
{
    DateTime UtcNow { get; }
}

/// <summary>The wall clock: <see cref="DateTime.UtcNow"/>.</summary>
public sealed class SystemFixClock : IFixClock
{
    public static SystemFixClock Instance { get; } = new();

    private SystemFixClock() { }

    public DateTime UtcNow => DateTime.UtcNow;
}
