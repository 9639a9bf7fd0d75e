using TradeX.Disruptor;
using TradeX.Pipeline;

namespace TradeX.Node.Config;

/// <summary>
/// The node's <c>threading</c> configuration: how its stages map onto threads (<see cref="ThreadingMode"/>).
/// "auto" picks from the cores the process may use (sched_getaffinity): one core, <c>single</c>; two or three,
/// <c>shared</c>; four or more, <c>dedicated</c>. The choice and the reason are printed at start-up.
/// </summary>
public sealed class ThreadingSection
{
    /// <summary>auto | dedicated | shared | single.</summary>
    public string Mode { get; set; } = "auto";

    /// <summary>Shared and single: how long a thread keeps polling after its last work before it sleeps in the kernel.</summary>
    public int IdleSpinMicros { get; set; } = 20;

    /// <summary>Shared and single: the longest sleep; the timer's interval caps it.</summary>
    public int IdleTimeoutMillis { get; set; } = 10;

    /// <summary>The names accepted for <see cref="Mode"/>.</summary>
    public const string AcceptedModes = "auto, dedicated, shared, single";

    internal void Validate(Action<string, string> fail)
    {
        if (Parse(Mode) is null && !IsAuto(Mode)) fail("threading.mode", $"unknown mode '{Mode}'; accepted: {AcceptedModes}");
        if (IdleSpinMicros < 0 || IdleSpinMicros > 1_000_000) fail("threading.idleSpinMicros", "must be 0 to 1000000");
        if (IdleTimeoutMillis < 1 || IdleTimeoutMillis > 1_000) fail("threading.idleTimeoutMillis", "must be 1 to 1000");
    }

    /// <summary>The mode to run, and why (for the start-up line).</summary>
    public (ThreadingMode Mode, string Reason) Resolve() => Resolve(CpuAffinity.AllowedCores());

    /// <summary>The mode for a process allowed <paramref name="cores"/>.</summary>
    public (ThreadingMode Mode, string Reason) Resolve(IReadOnlyList<int> cores)
    {
        string allowed = $"the process may use {cores.Count} core{(cores.Count == 1 ? "" : "s")} ({string.Join(",", cores)})";
        if (Parse(Mode) is { } configured) return (configured, $"configured; {allowed}");
        var mode = Choose(cores.Count);
        return (mode, $"auto: {allowed}");
    }

    /// <summary>The auto choice: a thread per stage only where each busy stage can have a core.</summary>
    public static ThreadingMode Choose(int cores) => cores switch
    {
        <= 1 => ThreadingMode.Single,
        <= 3 => ThreadingMode.Shared,
        _ => ThreadingMode.Dedicated,
    };

    private static bool IsAuto(string? text) => string.Equals(text?.Trim(), "auto", StringComparison.OrdinalIgnoreCase);

    private static ThreadingMode? Parse(string? text) => text?.Trim().ToLowerInvariant() switch
    {
        "dedicated" => ThreadingMode.Dedicated,
        "shared" => ThreadingMode.Shared,
        "single" => ThreadingMode.Single,
        _ => null,
    };
}
