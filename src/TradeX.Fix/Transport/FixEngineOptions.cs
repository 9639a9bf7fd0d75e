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

    /// <summary>
    /// How long a receive thread busy-polls its socket before blocking (zero: block at once). A spin a
    /// little longer than the expected reply time removes the sleep/wake-up from each round trip at the
    /// price of a busy core; use it only where a core can be spared.
    /// </summary>
    public TimeSpan ReceiveSpin { get; init; }

    /// <summary>
    /// How long one socket write may block when the peer does not read (its TCP window is full) before
    /// the connection is dropped as failed. The message stays stored and numbered; it is resent on request.
    /// </summary>
    public TimeSpan SendTimeout { get; init; } = TimeSpan.FromSeconds(10);

    /// <summary>
    /// Receives, once each, the warnings of the settings file <see cref="FixEngine.FromFile"/> reads (a documented
    /// QuickFIX key with no effect here); the engine also writes them to each session's event log (FileLogPath).
    /// </summary>
    public Action<string>? SettingsWarning { get; init; }

    public static FixEngineOptions Default { get; } = new();
}
