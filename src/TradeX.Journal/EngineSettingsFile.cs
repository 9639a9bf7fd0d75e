using System.Text.Json;
using TradeX.Core;

namespace TradeX.Journal;

/// <summary>
/// The engine settings a journal was written with (capacities, circuit breaker, alert thresholds), kept
/// as <c>engine.settings.json</c> in the journal directory. A replay must use the same settings or it
/// may decide differently (a capacity reached, a breaker window); the node writes this file at start-up
/// and the replay tool reads it.
/// </summary>
public static class EngineSettingsFile
{
    public const string FileName = "engine.settings.json";

    /// <summary>
    /// The file's fields. Those added later are nullable: a file written before them reads as the defaults, except that one
    /// written before client order ids were bounded reads as unbounded (the index grew, so that engine never refused for it).
    /// </summary>
    private sealed record Settings(int MaxOpenOrders, int MaxPositions, int CircuitBreakerViolations, long CircuitBreakerWindowNanos,
        short DefaultWarningBps, short DefaultCriticalBps, string[]? CircuitBreakerReasons = null, int? DefaultMarketProtectionBps = null,
        int? MaxOpenBreaks = null, int? ClientOrderIdsPerDay = null, bool? ClientOrderIdsBounded = null, int? VenueFillsPerDay = null,
        int? VenueOrdersPerDay = null);

    public static void Write(string directory, EngineOptions options)
    {
        var settings = new Settings(options.MaxOpenOrders, options.MaxPositions, options.CircuitBreakerViolations, options.CircuitBreakerWindowNanos,
            options.DefaultWarningBps, options.DefaultCriticalBps, options.CircuitBreakerReasons.Select(r => r.ToString()).ToArray(),
            options.DefaultMarketProtectionBps, options.MaxOpenBreaks, options.ExpectedClientOrderIdsPerDay, options.ClientOrderIdsBounded,
            options.ExpectedVenueFillsPerDay, options.ExpectedVenueOrdersPerDay);
        string path = Path.Combine(directory, FileName);
        File.WriteAllText(path + ".tmp", JsonSerializer.Serialize(settings, new JsonSerializerOptions { WriteIndented = true }));
        File.Move(path + ".tmp", path, overwrite: true);
    }

    /// <summary>The settings in <paramref name="directory"/> applied over <paramref name="defaults"/>, or null when there is no file (or it is unreadable).</summary>
    public static EngineOptions? TryRead(string directory, EngineOptions defaults)
    {
        string path = Path.Combine(directory, FileName);
        if (!File.Exists(path)) return null;
        try
        {
            var s = JsonSerializer.Deserialize<Settings>(File.ReadAllText(path));
            if (s is null) return null;
            return defaults with
            {
                MaxOpenOrders = s.MaxOpenOrders, MaxPositions = s.MaxPositions, CircuitBreakerViolations = s.CircuitBreakerViolations,
                CircuitBreakerWindowNanos = s.CircuitBreakerWindowNanos, DefaultWarningBps = s.DefaultWarningBps, DefaultCriticalBps = s.DefaultCriticalBps,
                CircuitBreakerReasons = s.CircuitBreakerReasons?.Select(Enum.Parse<RejectReason>).ToArray() ?? defaults.CircuitBreakerReasons,
                DefaultMarketProtectionBps = s.DefaultMarketProtectionBps ?? defaults.DefaultMarketProtectionBps,
                MaxOpenBreaks = s.MaxOpenBreaks ?? defaults.MaxOpenBreaks,
                ExpectedClientOrderIdsPerDay = s.ClientOrderIdsPerDay ?? defaults.ExpectedClientOrderIdsPerDay,
                ClientOrderIdsBounded = s.ClientOrderIdsBounded ?? false,
                ExpectedVenueFillsPerDay = s.VenueFillsPerDay ?? defaults.ExpectedVenueFillsPerDay,
                ExpectedVenueOrdersPerDay = s.VenueOrdersPerDay ?? defaults.ExpectedVenueOrdersPerDay,
            };
        }
        catch (Exception ex) when (ex is JsonException or IOException or ArgumentException)
        {
            return null;
        }
    }
}
