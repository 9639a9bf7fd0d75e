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
    public int IdleSpinMicros { get; set; } = 200;

    /// <summary>Shared and single: the longest sleep; the timer's interval caps it.</summary>
    public int IdleTimeoutMillis { get; set; } = 10;

    /// <summary>
    /// The cores the process will be confined to once it starts, when something other than its current mask
    /// decides them (the main job pins the node's whole process to one core after building it): "auto" then
    /// chooses for those cores, not for the mask it was started with. Not read from the configuration file.
    /// </summary>
    [System.Text.Json.Serialization.JsonIgnore]
    public PlannedCores? Planned { get; set; }

    /// <summary>The names accepted for <see cref="Mode"/>.</summary>
    public const string AcceptedModes = "auto, dedicated, shared, single";

    internal void Validate(Action<string, string> fail)
    {
        if (Parse(Mode) is null && !IsAuto(Mode)) fail("threading.mode", $"unknown mode '{Mode}'; accepted: {AcceptedModes}");
        if (IdleSpinMicros < 0 || IdleSpinMicros > 1_000_000) fail("threading.idleSpinMicros", "must be 0 to 1000000");
        if (IdleTimeoutMillis < 1 || IdleTimeoutMillis > 1_000) fail("threading.idleTimeoutMillis", "must be 1 to 1000");
    }

    /// <summary>The mode to run, and why (for the start-up line).</summary>
    public (ThreadingMode Mode, string Reason) Resolve() =>
        Planned is { } planned ? Resolve(planned.Cores, planned.Why) : Resolve(CpuAffinity.AllowedCores());

    /// <summary>The mode for a process allowed <paramref name="cores"/> (<paramref name="why"/>: who confines it there, if not its current mask).</summary>
    public (ThreadingMode Mode, string Reason) Resolve(IReadOnlyList<int> cores, string? why = null)
    {
        string allowed = $"the process {(why is null ? "may use" : "will be pinned to")} {cores.Count} core{(cores.Count == 1 ? "" : "s")} ({string.Join(",", cores)})" +
                         (why is null ? "" : $" by {why}");
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

    /// <summary>Cores the process will be pinned to, and by what (for the start-up line).</summary>
    public sealed record PlannedCores(IReadOnlyList<int> Cores, string Why);

    private static bool IsAuto(string? text) => string.Equals(text?.Trim(), "auto", StringComparison.OrdinalIgnoreCase);

    private static ThreadingMode? Parse(string? text) => text?.Trim().ToLowerInvariant() switch
    {
        "dedicated" => ThreadingMode.Dedicated,
        "shared" => ThreadingMode.Shared,
        "single" => ThreadingMode.Single,
        _ => null,
    };
}
