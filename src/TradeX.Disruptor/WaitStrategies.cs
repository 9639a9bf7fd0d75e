using System.Diagnostics.CodeAnalysis;

namespace TradeX.Disruptor;

/// <summary>
/// Turns configuration ("busy-spin", "yielding", "sleeping", "blocking", "blocking:5ms") into a wait
/// strategy, so the idle policy of each ring is chosen by whoever deploys the node, not by code.
/// </summary>
public static class WaitStrategies
{
    /// <summary>The names accepted by <see cref="TryParse"/>, for error messages and documentation.</summary>
    public const string AcceptedNames = "busy-spin, yielding, sleeping, blocking, blocking:<timeout> (e.g. blocking:5ms, blocking:1s)";

    /// <summary>Creates a new strategy of <paramref name="kind"/>; <paramref name="blockingTimeout"/> applies to <see cref="WaitStrategyKind.Blocking"/> only.</summary>
    public static IWaitStrategy Create(WaitStrategyKind kind, TimeSpan? blockingTimeout = null) => kind switch
    {
        WaitStrategyKind.BusySpin => new BusySpinWaitStrategy(),
        WaitStrategyKind.Yielding => new YieldingWaitStrategy(),
        WaitStrategyKind.Sleeping => new SleepingWaitStrategy(),
        WaitStrategyKind.Blocking => blockingTimeout is { } timeout ? new BlockingWaitStrategy(timeout) : new BlockingWaitStrategy(),
        _ => throw new ArgumentOutOfRangeException(nameof(kind), kind, "unknown wait strategy kind"),
    };

    /// <summary>
    /// Parses a configured name (case-insensitive). On failure returns false and an
    /// <paramref name="error"/> that names the bad text and what is accepted.
    /// </summary>
    public static bool TryParse(string? text, [NotNullWhen(true)] out IWaitStrategy? strategy, [NotNullWhen(false)] out string? error)
    {
        strategy = null;
        string name = (text ?? string.Empty).Trim().ToLowerInvariant();
        string? argument = null;
        int colon = name.IndexOf(':', StringComparison.Ordinal);
        if (colon >= 0)
        {
            argument = name[(colon + 1)..].Trim();
            name = name[..colon].Trim();
        }
        WaitStrategyKind? kind = name switch
        {
            "busy-spin" or "busyspin" or "busy_spin" => WaitStrategyKind.BusySpin,
            "yielding" => WaitStrategyKind.Yielding,
            "sleeping" => WaitStrategyKind.Sleeping,
            "blocking" => WaitStrategyKind.Blocking,
            _ => null,
        };
        if (kind is null)
        {
            error = $"unknown wait strategy '{text}'; accepted: {AcceptedNames}";
            return false;
        }
        TimeSpan? timeout = null;
        if (argument is not null)
        {
            if (kind != WaitStrategyKind.Blocking)
            {
                error = $"wait strategy '{name}' takes no argument (only blocking takes a timeout): '{text}'";
                return false;
            }
            if (!TryParseDuration(argument, out TimeSpan parsed) || parsed <= TimeSpan.Zero)
            {
                error = $"bad timeout in '{text}': expected a positive duration such as 500us, 5ms or 1s";
                return false;
            }
            timeout = parsed < TimeSpan.FromMilliseconds(1) ? TimeSpan.FromMilliseconds(1) : parsed;
        }
        strategy = Create(kind.Value, timeout);
        error = null;
        return true;
    }

    private static bool TryParseDuration(string text, out TimeSpan duration)
    {
        (string suffix, double ticksPerUnit)[] units = [("us", TimeSpan.TicksPerMicrosecond), ("ms", TimeSpan.TicksPerMillisecond), ("s", TimeSpan.TicksPerSecond)];
        foreach ((string suffix, double ticksPerUnit) in units)
        {
            if (text.EndsWith(suffix, StringComparison.Ordinal)
                && double.TryParse(text[..^suffix.Length], System.Globalization.NumberStyles.Float, System.Globalization.CultureInfo.InvariantCulture, out double amount)
                && double.IsFinite(amount) && amount * ticksPerUnit < TimeSpan.MaxValue.Ticks)
            {
                duration = TimeSpan.FromTicks((long)(amount * ticksPerUnit));
                return true;
            }
        }
        duration = default;
        return false;
    }
}
