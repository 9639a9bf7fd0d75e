using System.Runtime.InteropServices;

namespace TradeX.Disruptor.Agents;

/// <summary>
/// A Linux <c>epoll(7)</c> instance (level-triggered): descriptors are registered once, with a number of
/// the caller's choosing, and one <c>epoll_wait</c> reports which of them are ready. A poller of many
/// sockets pays one system call per look, however many sockets it holds, instead of one <c>recv</c> per
/// socket (a system call costs about 1.1 µs on this project's virtual machines). Nothing is allocated per
/// wait. <see cref="IsSupported"/> is false elsewhere; callers then read every socket.
/// Not thread-safe: one owner thread registers and waits.
/// </summary>
public sealed partial class EpollSet : IDisposable
{
    /// <summary>Readable (data, or the peer closed).</summary>
    public const uint Readable = 0x001;

    /// <summary>Writable (room in the send buffer).</summary>
    public const uint Writable = 0x004;

    /// <summary>An error on the descriptor (always reported).</summary>
    public const uint Error = 0x008;

    /// <summary>Hang-up (always reported).</summary>
    public const uint HangUp = 0x010;

    /// <summary>The peer shut down its side of the connection.</summary>
    public const uint PeerClosed = 0x2000;

    private const int CtlAdd = 1, CtlDel = 2, CtlMod = 3;
    private readonly int _fd;
    private readonly EpollEvent[] _ready;
    private int _readyCount;
    private bool _disposed;

    /// <summary>Creates the instance; <paramref name="maxReady"/> is how many ready descriptors one wait can report.</summary>
    public EpollSet(int maxReady)
    {
        if (!IsSupported) throw new PlatformNotSupportedException("epoll is used on Linux x86-64 only");
        _fd = EpollCreate1(0x80000); // EPOLL_CLOEXEC
        if (_fd < 0) throw new InvalidOperationException($"epoll_create1 failed: errno {Marshal.GetLastPInvokeError()}");
        _ready = new EpollEvent[Math.Max(1, maxReady)];
    }

    /// <summary>True on Linux x86-64 (where <c>struct epoll_event</c> is packed, as declared here).</summary>
    public static bool IsSupported => OperatingSystem.IsLinux() && RuntimeInformation.ProcessArchitecture == Architecture.X64;

    /// <summary>Registers <paramref name="fd"/> for <paramref name="events"/>, reported with <paramref name="data"/>; false if the kernel refused.</summary>
    public bool Add(int fd, uint events, long data) => Control(CtlAdd, fd, events, data);

    /// <summary>Changes what <paramref name="fd"/> waits for.</summary>
    public bool Modify(int fd, uint events, long data) => Control(CtlMod, fd, events, data);

    /// <summary>Unregisters <paramref name="fd"/> (call before closing it).</summary>
    public bool Remove(int fd) => Control(CtlDel, fd, 0, 0);

    /// <summary>
    /// Waits up to <paramref name="timeoutMilliseconds"/> (0: only look; -1: no limit) for a registered
    /// descriptor to be ready; returns how many are (0 on timeout or an interrupted wait). Read them with
    /// <see cref="ReadyData"/> and <see cref="ReadyEvents"/>.
    /// </summary>
    public unsafe int Wait(int timeoutMilliseconds)
    {
        fixed (EpollEvent* events = _ready)
        {
            int n = EpollWait(_fd, events, _ready.Length, timeoutMilliseconds);
            _readyCount = n < 0 ? 0 : n;
        }
        return _readyCount;
    }

    /// <summary>The number the ready descriptor at <paramref name="index"/> was registered with.</summary>
    public long ReadyData(int index) => _ready[index].Data;

    /// <summary>What the last wait reported for the descriptor at <paramref name="index"/>.</summary>
    public uint ReadyEvents(int index) => _ready[index].Events;

    /// <inheritdoc/>
    public void Dispose()
    {
        if (_disposed) return;
        _disposed = true;
        CloseFd(_fd);
    }

    private unsafe bool Control(int op, int fd, uint events, long data)
    {
        var e = new EpollEvent { Events = events, Data = data };
        return EpollCtl(_fd, op, fd, &e) == 0;
    }

    // struct epoll_event is packed on x86-64 (12 bytes); other architectures align it (16 bytes) and are not supported here.
    [StructLayout(LayoutKind.Sequential, Pack = 4)]
    private struct EpollEvent
    {
        public uint Events;
        public long Data;
    }

    [LibraryImport("libc", EntryPoint = "epoll_create1", SetLastError = true)]
    private static partial int EpollCreate1(int flags);

    [LibraryImport("libc", EntryPoint = "epoll_ctl", SetLastError = true)]
    private static unsafe partial int EpollCtl(int epfd, int op, int fd, EpollEvent* ev);

    [LibraryImport("libc", EntryPoint = "epoll_wait", SetLastError = true)]
    private static unsafe partial int EpollWait(int epfd, EpollEvent* events, int maxEvents, int timeout);

    [LibraryImport("libc", EntryPoint = "close", SetLastError = true)]
    private static partial int CloseFd(int fd);
}
