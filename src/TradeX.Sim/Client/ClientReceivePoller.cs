using TradeX.Disruptor.Agents;

namespace TradeX.Sim.Client;

/// <summary>
/// One thread that reads every client's responses, as a market maker's process with many sessions on a core
/// of its own does: it spins on non-blocking sockets, learning which are readable from one epoll_wait per look
/// (Linux x86-64; elsewhere it tries each socket), and yields between empty looks so the thread that sends,
/// on the same core, is not starved. Against one receive thread per client, the node's sends wake no sleeping
/// thread and a response waits for at most one look, not for a turn among every client's threads.
/// </summary>
public sealed class ClientReceivePoller : IDisposable
{
    private readonly Lock _gate = new();
    private readonly EpollSet? _epoll;
    private readonly Thread _thread;
    private readonly int? _core;
    private volatile OrderEntryClient.Receiver?[] _receivers = [];
    private volatile bool _stopping;

    /// <param name="name">The thread's name.</param>
    /// <param name="core">The core to pin the thread to (null: where the process may run).</param>
    public ClientReceivePoller(string name = "oe-client-poller", int? core = null)
    {
        _core = core;
        _epoll = EpollSet.IsSupported ? new EpollSet(256) : null;
        _thread = new Thread(Run) { Name = name, IsBackground = true };
        _thread.Start();
    }

    /// <summary>True when readiness comes from epoll.</summary>
    public bool UsesEpoll => _epoll is not null;

    internal void Add(OrderEntryClient.Receiver receiver)
    {
        lock (_gate)
        {
            var current = _receivers;
            int slot = Array.IndexOf(current, null);
            var next = slot < 0 ? new OrderEntryClient.Receiver?[current.Length + 1] : (OrderEntryClient.Receiver?[])current.Clone();
            if (slot < 0)
            {
                Array.Copy(current, next, current.Length);
                slot = current.Length;
            }
            next[slot] = receiver;
            // Registered before it is visible to the thread: epoll_ctl is safe beside epoll_wait.
            if (_epoll is not null && !_epoll.Add((int)receiver.Socket.Handle, EpollSet.Readable | EpollSet.PeerClosed, slot))
            {
                throw new InvalidOperationException("epoll refused a client socket");
            }
            _receivers = next;
        }
    }

    private void Retire(int slot, OrderEntryClient.Receiver receiver)
    {
        lock (_gate)
        {
            var current = _receivers;
            if (slot >= current.Length || !ReferenceEquals(current[slot], receiver)) return;
            var next = (OrderEntryClient.Receiver?[])current.Clone();
            next[slot] = null;
            _receivers = next;
        }
    }

    private void Run()
    {
        if (_core is not null) TradeX.Disruptor.CpuAffinity.PinCurrentThread(_core, _thread.Name ?? "oe-client-poller");
        while (!_stopping)
        {
            var receivers = _receivers;
            int work = 0;
            if (_epoll is not null)
            {
                int ready = _epoll.Wait(0);
                for (int i = 0; i < ready; i++)
                {
                    int slot = (int)_epoll.ReadyData(i);
                    if (slot < receivers.Length && receivers[slot] is { } r) work += Pump(slot, r);
                }
            }
            for (int slot = 0; slot < receivers.Length; slot++)
            {
                // Without epoll every socket is tried; with it, only one the client has let go of (closed, so
                // epoll no longer reports it) is pumped here, to end it.
                if (receivers[slot] is { } r && (_epoll is null || r.Abandoned)) work += Pump(slot, r);
            }
            if (work == 0) Thread.Yield();
        }
    }

    private int Pump(int slot, OrderEntryClient.Receiver receiver)
    {
        int work = receiver.Pump();
        if (work >= 0) return work;
        // An ended receiver's socket is closed (by the client or by the end itself), which takes it out of the epoll set.
        Retire(slot, receiver);
        return 1;
    }

    /// <inheritdoc/>
    public void Dispose()
    {
        _stopping = true;
        _thread.Join(TimeSpan.FromSeconds(5));
        _epoll?.Dispose();
    }
}
