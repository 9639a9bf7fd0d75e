using System.Runtime.InteropServices;

namespace TradeX.Disruptor;

/// <summary>
/// Pins the calling thread to one core on Linux (sched_setaffinity). A pinned engine thread keeps its
/// caches warm and is never migrated mid-burst; combine with isolcpus/nohz_full on the host for the
/// full effect. When the core does not exist, is not allowed to this process (containers, taskset) or
/// the OS is not Linux, nothing is changed and the result says why: callers log it and run unpinned.
/// </summary>
public static partial class CpuAffinity
{
    // cpu_set_t in glibc is 1024 bits.
    private const int MaskWords = 16;
    private const int MaxCores = MaskWords * 64;

    /// <summary>True where pinning is implemented (Linux).</summary>
    public static bool IsSupported => OperatingSystem.IsLinux();

    /// <summary>The cores this thread may run on (Linux: from sched_getaffinity; elsewhere 0..ProcessorCount-1).</summary>
    public static IReadOnlyList<int> AllowedCores()
    {
        if (IsSupported && TryGetMask(out ulong[] mask))
        {
            var cores = new List<int>();
            for (int core = 0; core < MaxCores; core++)
            {
                if ((mask[core / 64] & (1UL << (core % 64))) != 0)
                {
                    cores.Add(core);
                }
            }
            return cores;
        }
        return Enumerable.Range(0, Environment.ProcessorCount).ToArray();
    }

    /// <summary>The core the calling thread is running on right now, or -1 where unknown.</summary>
    public static int CurrentCore() => IsSupported ? SchedGetCpu() : -1;

    /// <summary>
    /// Pins the calling thread to <paramref name="core"/> (null: leave it unpinned). Never throws for a
    /// bad or missing core: the result carries the fallback and a message naming the thread and the cores there are.
    /// </summary>
    public static AffinityResult PinCurrentThread(int? core, string threadName)
    {
        if (core is null)
        {
            return new AffinityResult(AffinityOutcome.NotRequested, null, $"thread '{threadName}' has no core configured; running unpinned");
        }
        if (!IsSupported)
        {
            return new AffinityResult(AffinityOutcome.NotSupported, core,
                $"WARNING: thread '{threadName}' asked for core {core}, but pinning is only supported on Linux; running unpinned");
        }
        IReadOnlyList<int> allowed = AllowedCores();
        if (core < 0 || core >= MaxCores || !allowed.Contains(core.Value))
        {
            return new AffinityResult(AffinityOutcome.CoreUnavailable, core,
                $"WARNING: thread '{threadName}' asked for core {core}, but this process may use only {allowed.Count} core(s) [{string.Join(",", allowed)}] "
                + $"(machine has {Environment.ProcessorCount}); running unpinned");
        }
        ulong[] mask = new ulong[MaskWords];
        mask[core.Value / 64] = 1UL << (core.Value % 64);
        if (SetMask(mask, out int errno))
        {
            return new AffinityResult(AffinityOutcome.Pinned, core, $"thread '{threadName}' pinned to core {core}");
        }
        return new AffinityResult(AffinityOutcome.Failed, core,
            $"WARNING: thread '{threadName}' could not be pinned to core {core}: sched_setaffinity failed with errno {errno}; running unpinned");
    }

    /// <summary>Lets the calling thread run on every core allowed to the process again (undoes a pin).</summary>
    public static bool Unpin(IReadOnlyList<int> cores)
    {
        if (!IsSupported)
        {
            return false;
        }
        ulong[] mask = new ulong[MaskWords];
        foreach (int core in cores)
        {
            if (core >= 0 && core < MaxCores)
            {
                mask[core / 64] |= 1UL << (core % 64);
            }
        }
        return SetMask(mask, out _);
    }

    private static unsafe bool TryGetMask(out ulong[] mask)
    {
        mask = new ulong[MaskWords];
        fixed (ulong* words = mask)
        {
            return SchedGetAffinity(0, MaskWords * sizeof(ulong), words) == 0;
        }
    }

    private static unsafe bool SetMask(ulong[] mask, out int errno)
    {
        fixed (ulong* words = mask)
        {
            // pid 0 is the calling thread (Linux applies affinity per thread).
            if (SchedSetAffinity(0, MaskWords * sizeof(ulong), words) == 0)
            {
                errno = 0;
                return true;
            }
        }
        errno = Marshal.GetLastPInvokeError();
        return false;
    }

    [LibraryImport("libc", EntryPoint = "sched_setaffinity", SetLastError = true)]
    private static unsafe partial int SchedSetAffinity(int pid, nuint cpuSetSize, ulong* mask);

    [LibraryImport("libc", EntryPoint = "sched_getaffinity", SetLastError = true)]
    private static unsafe partial int SchedGetAffinity(int pid, nuint cpuSetSize, ulong* mask);

    [LibraryImport("libc", EntryPoint = "sched_getcpu")]
    private static partial int SchedGetCpu();
}
