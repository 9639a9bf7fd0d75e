using System.Net;
using System.Net.Sockets;
using TradeX.Disruptor.Agents;

namespace TradeX.Disruptor.Tests;

/// <summary>The epoll readiness set on real loopback sockets, and the wake signal's eventfd that shares it.</summary>
public sealed class EpollSetTests
{
    private const int Patience = 10_000; // ms: a bound for a wait that must end, not a timing claim

    [SetUp]
    public void RequireEpoll()
    {
        if (!EpollSet.IsSupported) Assert.Ignore("epoll is used on Linux x86-64 only; other platforms read every socket");
    }

    private static (Socket Client, Socket Server) Connected()
    {
        using var listener = new Socket(AddressFamily.InterNetwork, SocketType.Stream, ProtocolType.Tcp);
        listener.Bind(new IPEndPoint(IPAddress.Loopback, 0));
        listener.Listen(1);
        var client = new Socket(AddressFamily.InterNetwork, SocketType.Stream, ProtocolType.Tcp) { NoDelay = true };
        client.Connect(listener.LocalEndPoint!);
        var server = listener.Accept();
        server.Blocking = false;
        return (client, server);
    }

    [Test]
    public void Only_the_socket_with_bytes_is_reported_with_the_number_it_was_registered_with()
    {
        var (c1, s1) = Connected();
        var (c2, s2) = Connected();
        using var set = new EpollSet(8);
        try
        {
            Assert.That(set.Add((int)s1.Handle, EpollSet.Readable, 7), Is.True);
            Assert.That(set.Add((int)s2.Handle, EpollSet.Readable, 42), Is.True);
            Assert.That(set.Wait(0), Is.EqualTo(0), "nothing sent yet");

            c2.Send([1, 2, 3]);
            Assert.That(set.Wait(Patience), Is.EqualTo(1));
            Assert.That(set.ReadyData(0), Is.EqualTo(42));
            Assert.That(set.ReadyEvents(0) & EpollSet.Readable, Is.Not.Zero);

            Assert.That(set.Wait(0), Is.EqualTo(1), "level-triggered: unread bytes are reported again");
            var buffer = new byte[16];
            Assert.That(s2.Receive(buffer), Is.EqualTo(3));
            Assert.That(set.Wait(0), Is.EqualTo(0), "read: nothing is ready");
        }
        finally
        {
            foreach (var s in new[] { c1, s1, c2, s2 }) s.Dispose();
        }
    }

    [Test]
    public void A_peer_that_closes_is_reported_so_the_reader_sees_the_end_of_the_stream()
    {
        var (client, server) = Connected();
        using var set = new EpollSet(4);
        try
        {
            set.Add((int)server.Handle, EpollSet.Readable | EpollSet.PeerClosed, 1);
            client.Close();
            Assert.That(set.Wait(Patience), Is.EqualTo(1));
            Assert.That(set.ReadyEvents(0) & (EpollSet.Readable | EpollSet.PeerClosed), Is.Not.Zero);
            Assert.That(server.Receive(new byte[4], SocketFlags.None, out SocketError error), Is.EqualTo(0));
            Assert.That(error, Is.EqualTo(SocketError.Success), "end of stream, not an error");
        }
        finally
        {
            server.Dispose();
        }
    }

    [Test]
    public void A_removed_socket_is_no_longer_reported()
    {
        var (client, server) = Connected();
        using var set = new EpollSet(4);
        try
        {
            set.Add((int)server.Handle, EpollSet.Readable, 1);
            Assert.That(set.Remove((int)server.Handle), Is.True);
            client.Send([9]);
            Assert.That(set.Wait(50), Is.EqualTo(0));
            Assert.That(set.Add((int)server.Handle, EpollSet.Readable, 2), Is.True, "it can join again");
            Assert.That(set.Wait(Patience), Is.EqualTo(1));
            Assert.That(set.ReadyData(0), Is.EqualTo(2));
        }
        finally
        {
            client.Dispose();
            server.Dispose();
        }
    }

    [Test]
    public void A_wake_signal_in_the_set_reports_a_wake_until_it_is_drained()
    {
        using var wake = new WakeSignal();
        using var set = new EpollSet(4);
        Assert.That(set.Add(wake.FileDescriptor, EpollSet.Readable, -1), Is.True);
        Assert.That(set.Wait(0), Is.EqualTo(0));

        wake.BeginPark();
        wake.Signal();
        Assert.That(set.Wait(Patience), Is.EqualTo(1));
        Assert.That(set.ReadyData(0), Is.EqualTo(-1));

        wake.EndPark(); // drains the counter
        Assert.That(set.Wait(0), Is.EqualTo(0), "drained: the next wait would sleep");
    }

    [Test]
    public void Repeated_wakes_are_drained_by_one_end_of_park_and_a_drain_with_nothing_written_keeps_the_signal_usable()
    {
        using var wake = new WakeSignal();
        using var set = new EpollSet(4);
        set.Add(wake.FileDescriptor, EpollSet.Readable, -1);

        wake.EndPark(); // nothing written: no read, nothing changes
        Assert.That(set.Wait(0), Is.EqualTo(0));

        wake.Wake();
        wake.Wake();
        wake.Wake();
        wake.EndPark();
        Assert.That(set.Wait(0), Is.EqualTo(0), "one read empties the eventfd's counter");

        wake.Wake();
        Assert.That(set.Wait(Patience), Is.EqualTo(1), "a later wake is still delivered");
        wake.EndPark();
        Assert.That(set.Wait(0), Is.EqualTo(0));
        Assert.That(wake.Wakeups, Is.EqualTo(4));
    }
}
