using System.Runtime.InteropServices;

namespace TradeX.Disruptor;

/// <summary>
/// Linux futexes: park a thread on a 32-bit word until another thread changes it and wakes it. One
/// system call each way, with no lock around it (a monitor is a mutex and a condition variable on
/// top of the same futex, and the woken thread must take the mutex again before it can return).
/// </summary>
internal static unsafe partial class Futex
{
    private const int WaitPrivate = 128; // FUTEX_WAIT | FUTEX_PRIVATE_FLAG
    private const int WakePrivate = 129; // FUTEX_WAKE | FUTEX_PRIVATE_FLAG

    private static readonly long SyscallNumber = OperatingSystem.IsLinux()
        ? RuntimeInformation.ProcessArchitecture switch
        {
            Architecture.X64 => 202,
            Architecture.Arm64 => 98,
            _ => -1,
        }
        : -1;

    /// <summary>True when this platform has futexes we know how to call.</summary>
    public static bool IsSupported => SyscallNumber >= 0;

    /// <summary>
    /// Sleeps while <c>*address == expected</c>, at most <paramref name="timeoutMilliseconds"/>
    /// (negative: no limit). Returns at once if the word already differs; may also return early
    /// (a signal, a spurious wake-up), so callers re-check their condition in a loop.
    /// </summary>
    public static void Wait(int* address, int expected, int timeoutMilliseconds)
    {
        if (timeoutMilliseconds < 0)
        {
            _ = Syscall(SyscallNumber, address, WaitPrivate, expected, null);
            return;
        }
        var timeout = new Timespec { Seconds = timeoutMilliseconds / 1000, Nanoseconds = timeoutMilliseconds % 1000 * 1_000_000L };
        _ = Syscall(SyscallNumber, address, WaitPrivate, expected, &timeout);
    }

    /// <summary>Wakes every thread sleeping on <paramref name="address"/>.</summary>
    public static void WakeAll(int* address) => _ = Syscall(SyscallNumber, address, WakePrivate, int.MaxValue, null);

    // syscall(2) is variadic; on x86-64 and arm64 Linux its arguments travel in the same registers as a plain call's.
    [LibraryImport("libc", EntryPoint = "syscall")]
    private static partial long Syscall(long number, int* address, int operation, int value, Timespec* timeout);

    [StructLayout(LayoutKind.Sequential)]
    private struct Timespec
    {
        public long Seconds;
        public long Nanoseconds;
    }
}
