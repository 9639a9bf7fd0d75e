using System.Globalization;
using System.Runtime.InteropServices;
using TradeX.Disruptor;

namespace TradeX.Sim.Placement;

/// <summary>What pinning a whole process achieved, in one line for the log and the report.</summary>
public sealed record ProcessPinResult(bool Pinned, int? Core, int Threads, string Message);

/// <summary>
/// Pins every thread of this process to one core (Linux). Use it to keep a load generator and the node it drives
/// off each other's cores, so neither's figures carry the other's work. Linux applies affinity per thread and
/// <c>Process.ProcessorAffinity</c> sets only the main thread's, so this sets each thread in <c>/proc/self/task</c>;
/// threads started afterwards inherit the mask of the thread that starts them, which is then pinned too.
/// Threads the process pins itself later (the node's <c>cores.*</c>) move where they are told.
/// </summary>
public static partial class ProcessAffinity
{
    private const int MaskWords = 16;

    /// <summary>Checks a requested core against the cores this process may use; null when it may be used, else why not.</summary>
    public static string? Refusal(int core, string what)
    {
        var allowed = CpuAffinity.AllowedCores();
        if (!CpuAffinity.IsSupported) return $"{what} {core}: pinning is only supported on Linux";
        return allowed.Contains(core) ? null
            : $"{what} {core}: this process may use core(s) [{string.Join(",", allowed)}] (the machine has {Environment.ProcessorCount})";
    }

    public static ProcessPinResult PinWholeProcess(int core, string who)
    {
        if (Refusal(core, "core") is { } refused) return new ProcessPinResult(false, core, 0, $"WARNING: {who} not pinned: {refused}");
        var mask = new ulong[MaskWords];
        mask[core / 64] = 1UL << (core % 64);
        var done = new HashSet<int>();
        int failed = 0, lastErrno = 0;
        // A thread may start while the list is read: go round until a pass finds no thread not yet pinned.
        for (int pass = 0; pass < 10; pass++)
        {
            bool found = false;
            foreach (string task in Directory.EnumerateDirectories("/proc/self/task"))
            {
                if (!int.TryParse(Path.GetFileName(task), NumberStyles.None, CultureInfo.InvariantCulture, out int tid) || done.Contains(tid)) continue;
                found = true;
                if (SchedSetAffinity(tid, MaskWords * sizeof(ulong), mask) == 0) done.Add(tid);
                else
                {
                    int errno = Marshal.GetLastPInvokeError();
                    const int NoSuchThread = 3; // ESRCH: it ended while the list was read
                    if (errno == NoSuchThread) continue;
                    failed++;
                    lastErrno = errno;
                    done.Add(tid);
                }
            }
            if (!found) break;
        }
        if (failed > 0)
            return new ProcessPinResult(false, core, done.Count - failed,
                $"WARNING: {who}: {failed} of {done.Count} threads could not be pinned to core {core} (sched_setaffinity errno {lastErrno})");
        var now = CpuAffinity.AllowedCores();
        return new ProcessPinResult(true, core, done.Count,
            $"{who} pinned to core {core}: all {done.Count} threads (sched_setaffinity per thread; this thread may now use [{string.Join(",", now)}])");
    }

    [LibraryImport("libc", EntryPoint = "sched_setaffinity", SetLastError = true)]
    private static partial int SchedSetAffinity(int pid, nuint cpuSetSize, ulong[] mask);
}
