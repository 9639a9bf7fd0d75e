namespace TradeX.Fix.Session;

/// <summary>The wall clock: <see cref="DateTime.UtcNow"/>.</summary>
public sealed class SystemFixClock : IFixClock
{
    public static SystemFixClock Instance { get; } = new();

    private SystemFixClock() { }

    public DateTime UtcNow => DateTime.UtcNow;
}
