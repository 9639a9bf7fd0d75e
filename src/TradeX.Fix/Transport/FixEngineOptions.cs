using TradeX.Fix.Session;
using TradeX.Fix.Settings;
using TradeX.Fix.Store;

namespace TradeX.Fix.Transport;

/// <summary>How a <see cref="FixEngine"/> runs its sessions, beyond what the settings file says.</summary>
public sealed record FixEngineOptions
{
    /// <summary>Time source of every session (inject a manual clock in tests).</summary>
    public IFixClock Clock { get; init; } = SystemFixClock.Instance;

    /// <summary>How often sessions check heartbeats and timeouts. Heartbeat precision is this interval.</summary>
    public TimeSpan TimerInterval { get; init; } = TimeSpan.FromMilliseconds(100);

    /// <summary>Overrides the store chosen from the settings (FileStorePath: file store, none: memory).</summary>
    public Func<SessionSettings, IMessageStore>? StoreFactory { get; init; }

    public static FixEngineOptions Default { get; } = new();
}
