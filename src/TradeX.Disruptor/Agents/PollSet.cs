using System.Runtime.InteropServices;

namespace TradeX.Disruptor.Agents;

/// <summary>
/// A reusable <c>poll(2)</c> set (Linux): file descriptors — sockets, a <see cref="WakeSignal"/>'s eventfd —
/// filled before each wait and polled together, so one thread sleeps until any of them is ready. Nothing
/// is allocated per wait. <see cref="IsSupported"/> is false elsewhere; callers fall back to
/// <see cref="System.Net.Sockets.Socket.Select"/> or a timed wait.
/// </summary>
public sealed partial class PollSet
{
    /// <summary>Readable (data, a connection to accept, a hang-up).</summary>
    public const short Readable = 0x001;

    /// <summary>Writable (room in the send buffer).</summary>
    public const short Writable = 0x004;

    private PollFd[] _fds;
    private int _count;

    /// <summary>Creates a set with room for <paramref name="capacity"/> descriptors (it grows if needed, off the hot path).</summary>
    public PollSet(int capacity) => _fds = new PollFd[Math.Max(1, capacity)];

    /// <summary>True on Linux, where <c>poll(2)</c> is called directly.</summary>
    public static bool IsSupported => OperatingSystem.IsLinux();

    /// <summary>How many descriptors are in the set.</summary>
    public int Count => _count;

    /// <summary>Empties the set.</summary>
    public void Clear() => _count = 0;

    /// <summary>Adds <paramref name="fd"/> waiting for <paramref name="events"/>; returns its index.</summary>
    public int Add(int fd, short events)
    {
        if (_count == _fds.Length)
        {
            Array.Resize(ref _fds, _fds.Length * 2);
        }
        _fds[_count] = new PollFd { Fd = fd, Events = events };
        return _count++;
    }

    /// <summary>What the last <see cref="Wait"/> reported for the descriptor at <paramref name="index"/>.</summary>
    public short ReadyEvents(int index) => _fds[index].REvents;

    /// <summary>Sleeps until a descriptor is ready or <paramref name="timeoutMilliseconds"/> pass; returns how many are ready (0 on timeout, -1 on error).</summary>
    public unsafe int Wait(int timeoutMilliseconds)
    {
        fixed (PollFd* fds = _fds)
        {
            return Poll(fds, (nuint)_count, timeoutMilliseconds);
        }
    }

    internal static unsafe int PollOne(int fd, int timeoutMilliseconds)
    {
        var one = new PollFd { Fd = fd, Events = Readable };
        return Poll(&one, 1, timeoutMilliseconds);
    }

    [StructLayout(LayoutKind.Sequential)]
    private struct PollFd
    {
        public int Fd;
        public short Events;
        public short REvents;
    }

    [LibraryImport("libc", EntryPoint = "poll", SetLastError = true)]
    private static unsafe partial int Poll(PollFd* fds, nuint count, int timeout);
}
