using System.Globalization;
using System.Runtime.CompilerServices;
using TradeX.Core;
using TradeX.Pipeline;

namespace TradeX.Node;

/// <summary>
/// The node's memory in one line at start-up (the engine's tables and the rings as sized from the configuration, and
/// what the process holds once they are built) and one at the end of a run (the peak the process reached and the most
/// each table held), so a configuration can be sized from a run instead of for the largest imaginable day. Resident
/// memory comes from /proc/self/status on Linux (VmRSS, VmHWM), elsewhere from the process's working set.
/// </summary>
public static class Footprint
{
    private const double MB = 1 << 20;

    /// <summary>The start-up line: the big tables and rings with their sizes, then resident memory after the build.</summary>
    public static string AtStart(NodeHost node)
    {
        var pipeline = node.Pipeline;
        var parts = new List<string>();
        long total = 0;
        foreach (var t in pipeline.Engine.Tables())
        {
            total += t.Bytes;
            parts.Add($"{t.Name} {t.Capacity:N0} ({t.Bytes / MB:N1} MB)");
        }
        long input = InputRingBytes(pipeline.InputRing.BufferSize), output = OutputRingBytes(pipeline.OutputRing.BufferSize);
        total += input + output;
        parts.Add($"input ring {pipeline.InputRing.BufferSize:N0} ({input / MB:N1} MB)");
        parts.Add($"output ring {pipeline.OutputRing.BufferSize:N0} ({output / MB:N1} MB)");
        var memory = ProcessMemory.Read();
        return string.Create(CultureInfo.InvariantCulture,
            $"Footprint: {string.Join(", ", parts)}; {total / MB:N1} MB in all. Resident after build {memory.ResidentBytes / MB:N1} MB " +
            $"(managed heap {GC.GetGCMemoryInfo().HeapSizeBytes / MB:N1} MB).");
    }

    /// <summary>The end-of-run line: peak and current resident memory, the managed heap, and the most each table held.</summary>
    public static string AtEnd(NodeHost node)
    {
        var memory = ProcessMemory.Read();
        var gc = GC.GetGCMemoryInfo();
        var held = node.Pipeline.Engine.Tables()
            .Where(t => t.Peak > 0)
            .Select(t => $"{t.Name} {t.Peak:N0} of {t.Capacity:N0}");
        return string.Create(CultureInfo.InvariantCulture,
            $"Footprint at the end: peak resident (VmHWM) {memory.PeakResidentBytes / MB:N1} MB, resident {memory.ResidentBytes / MB:N1} MB; " +
            $"managed heap {gc.HeapSizeBytes / MB:N1} MB, committed {gc.TotalCommittedBytes / MB:N1} MB " +
            $"({GC.CollectionCount(0):N0}/{GC.CollectionCount(1):N0}/{GC.CollectionCount(2):N0} gen0/1/2 collections); " +
            $"most held: {string.Join(", ", held)}.");
    }

    /// <summary>Input ring memory: the entries and, for the multi-producer sequencer, one availability flag per entry.</summary>
    public static long InputRingBytes(int size) => (long)size * (Unsafe.SizeOf<InputEntry>() + sizeof(int));

    public static long OutputRingBytes(int size) => (long)size * Unsafe.SizeOf<OutputEntry>();
}

/// <summary>The process's resident memory now and at its peak, in bytes.</summary>
public readonly record struct ProcessMemory(long ResidentBytes, long PeakResidentBytes)
{
    public static ProcessMemory Read()
    {
        try
        {
            if (File.Exists("/proc/self/status")) return Parse(File.ReadAllText("/proc/self/status"));
        }
        catch (IOException)
        {
            // fall through to the portable figures
        }
        using var self = System.Diagnostics.Process.GetCurrentProcess();
        return new ProcessMemory(self.WorkingSet64, self.PeakWorkingSet64);
    }

    /// <summary>VmRSS and VmHWM from the text of /proc/[pid]/status (kB), 0 for a field that is missing.</summary>
    public static ProcessMemory Parse(string status)
    {
        long rss = 0, hwm = 0;
        foreach (var line in status.Split('\n'))
        {
            if (line.StartsWith("VmRSS:", StringComparison.Ordinal)) rss = Kilobytes(line);
            else if (line.StartsWith("VmHWM:", StringComparison.Ordinal)) hwm = Kilobytes(line);
        }
        return new ProcessMemory(rss, hwm);
    }

    private static long Kilobytes(string line)
    {
        var fields = line.Split(' ', StringSplitOptions.RemoveEmptyEntries);
        return fields.Length >= 2 && long.TryParse(fields[1], NumberStyles.None, CultureInfo.InvariantCulture, out long kb) ? kb * 1024 : 0;
    }
}
