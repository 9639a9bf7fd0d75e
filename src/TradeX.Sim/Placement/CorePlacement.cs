using System.Globalization;
using TradeX.Disruptor;

namespace TradeX.Sim.Placement;

/// <summary>
/// Where the main job puts the node's process and the simulator's (<c>--node-core</c>, <c>--sim-core</c>): each
/// "auto" (the default: where this process may use two cores or more, the node on the first and the simulator on
/// the next; with the node not pinned, the simulator on a core other than the engine's), "none" (not pinned) or a core number.
/// </summary>
public sealed class CorePlacement
{
    private const int Auto = -1, None = -2;
    private int _node = Auto, _sim = Auto;

    /// <summary>Neither process pinned (tests that host the node in their own process).</summary>
    public static CorePlacement Unpinned => new() { _node = None, _sim = None };

    /// <summary>Sets one side from its option's text; false and a message naming the option for anything else.</summary>
    public bool TrySet(string option, string? text, out string? error)
    {
        error = null;
        if (text is null) return true;
        int value = text switch
        {
            "auto" => Auto,
            "none" => None,
            _ => int.TryParse(text, NumberStyles.None, CultureInfo.InvariantCulture, out int core) ? core : int.MinValue,
        };
        if (value == int.MinValue)
        {
            error = $"{option} '{text}': expected a core number, auto or none";
            return false;
        }
        if (value >= 0 && ProcessAffinity.Refusal(value, option) is { } refused)
        {
            error = refused;
            return false;
        }
        if (option == "--node-core") _node = value;
        else _sim = value;
        return true;
    }

    /// <summary>The cores to pin to now (null: not pinned) and a note when "auto" left one unpinned.</summary>
    /// <param name="engineCore">The node's <c>cores.engine</c>: with the node left unpinned, an "auto" simulator keeps off it
    /// (measured on 2 cores: the simulator beside a yielding engine thread puts the market makers' p50 at 100 ms).</param>
    public (int? Node, int? Sim, string? Note) Resolve(int? engineCore = null)
    {
        var allowed = CpuAffinity.IsSupported ? CpuAffinity.AllowedCores() : [];
        int? node = _node >= 0 ? _node : null, sim = _sim >= 0 ? _sim : null;
        bool two = allowed.Count >= 2;
        if (_node == Auto && two) node = allowed.FirstOrDefault(c => c != sim, allowed[0]);
        int? avoid = node ?? engineCore;
        if (_sim == Auto && two) sim = allowed.FirstOrDefault(c => c != avoid, allowed[1]);
        string? note = (_node == Auto || _sim == Auto) && !two
            ? $"this process may use {allowed.Count} core(s){(CpuAffinity.IsSupported ? "" : " as far as it can tell (pinning is Linux only)")}: the node and the simulator are not pinned"
            : null;
        return (node, sim, note);
    }
}
