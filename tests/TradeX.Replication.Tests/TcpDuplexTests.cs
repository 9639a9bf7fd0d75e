using System.Buffers.Binary;
using System.Net;
using System.Net.Sockets;
using TradeX.Replication.Transport;

namespace TradeX.Replication.Tests;

/// <summary>The TCP transport: SOFH frames over a real loopback connection.</summary>
public sealed class TcpDuplexTests
{
    private static (TcpDuplex Duplex, Socket Raw, TcpListener Listener) Connect(int sendBuffer = 1 << 16)
    {
        var listener = new TcpListener(IPAddress.Loopback, 0);
        listener.Start();
        var raw = new Socket(SocketType.Stream, ProtocolType.Tcp) { NoDelay = true };
        raw.Connect((IPEndPoint)listener.LocalEndpoint);
        var accepted = listener.AcceptSocket();
        return (new TcpDuplex(accepted, maxMessage: 1024, sendBufferBytes: sendBuffer), raw, listener);
    }

    private static byte[] Frame(byte[] message, ushort encoding = 0xEB50)
    {
        var frame = new byte[6 + message.Length];
        BinaryPrimitives.WriteUInt32BigEndian(frame, (uint)frame.Length);
        BinaryPrimitives.WriteUInt16BigEndian(frame.AsSpan(4), encoding);
        message.CopyTo(frame, 6);
        return frame;
    }

    private static List<byte[]> PollUntil(TcpDuplex duplex, int count)
    {
        var got = new List<byte[]>();
        var clock = System.Diagnostics.Stopwatch.StartNew();
        while (got.Count < count && duplex.IsConnected && clock.Elapsed < TimeSpan.FromSeconds(10))
            duplex.Poll(m => got.Add(m.ToArray()), 16);
        return got;
    }

    [Test]
    public void Messages_arrive_whole_and_in_order_however_TCP_splits_the_bytes()
    {
        var (duplex, raw, listener) = Connect();
        using var _ = duplex;
        using var __ = raw;
        var messages = Enumerable.Range(1, 50).Select(i => Enumerable.Range(0, i * 7).Select(b => (byte)(b + i)).ToArray()).ToList();
        byte[] stream = messages.SelectMany(m => Frame(m)).ToArray();
        for (int at = 0; at < stream.Length;)
        {
            int n = Math.Min(1 + at % 13, stream.Length - at); // odd-sized pieces, frame boundaries anywhere
            raw.Send(stream, at, n, SocketFlags.None);
            at += n;
            duplex.Poll(_ => { }, 0); // let some partial reads happen in between
        }
        var got = PollUntil(duplex, messages.Count);
        Assert.That(got, Is.EqualTo(messages));
        listener.Stop();
    }

    [Test]
    public void A_frame_that_is_not_SBE_little_endian_closes_the_connection_with_the_reason()
    {
        var (duplex, raw, listener) = Connect();
        using var _ = duplex;
        using var __ = raw;
        raw.Send(Frame([1, 2, 3, 4, 5, 6, 7, 8], encoding: 0x5BE0));
        Assert.That(PollUntil(duplex, 1), Is.Empty);
        Assert.That(duplex.IsConnected, Is.False);
        Assert.That(duplex.CloseReason, Is.EqualTo("frame with encoding type 0x5be0 (expected 0xeb50)"));
        listener.Stop();
    }

    [Test]
    public void A_frame_longer_than_the_largest_message_closes_the_connection()
    {
        var (duplex, raw, listener) = Connect();
        using var _ = duplex;
        using var __ = raw;
        var header = new byte[6];
        BinaryPrimitives.WriteUInt32BigEndian(header, 1_000_000);
        BinaryPrimitives.WriteUInt16BigEndian(header.AsSpan(4), 0xEB50);
        raw.Send(header);
        PollUntil(duplex, 1);
        Assert.That(duplex.CloseReason, Is.EqualTo("frame length 1000000 outside 6..1030"));
        listener.Stop();
    }

    [Test]
    public void Offers_are_back_pressured_when_the_peer_does_not_read_and_nothing_is_lost_once_it_does()
    {
        var (duplex, raw, listener) = Connect(sendBuffer: 4096);
        using var _ = duplex;
        using var __ = raw;
        var message = Enumerable.Range(0, 1000).Select(i => (byte)i).ToArray();
        int offered = 0;
        long result = 0;
        for (int i = 0; i < 100_000 && result >= 0; i++)
        {
            result = duplex.Offer(message);
            if (result >= 0) offered++;
            duplex.Flush();
        }
        Assert.That(result, Is.EqualTo(OfferResult.BackPressured), "the kernel's buffers and ours filled: back pressure, not an exception");
        var received = new byte[offered * (message.Length + 6)];
        int have = 0;
        while (have < received.Length)
        {
            duplex.Flush();
            have += raw.Receive(received, have, received.Length - have, SocketFlags.None);
        }
        for (int i = 0; i < offered; i++)
            Assert.That(received.AsSpan(i * 1006 + 6, 1000).ToArray(), Is.EqualTo(message), $"message {i}");
        Assert.That(duplex.PendingBytes, Is.Zero);
        listener.Stop();
    }

    [Test]
    public void A_controlled_poll_that_aborts_gets_the_same_message_first_next_time()
    {
        var (duplex, raw, listener) = Connect();
        using var _ = duplex;
        using var __ = raw;
        raw.Send(Frame([1]).Concat(Frame([2])).ToArray());
        var seen = new List<byte>();
        bool refuse = true;
        var clock = System.Diagnostics.Stopwatch.StartNew();
        while (seen.Count < 3 && clock.Elapsed < TimeSpan.FromSeconds(10))
        {
            duplex.ControlledPoll(m =>
            {
                seen.Add(m[0]);
                if (refuse)
                {
                    refuse = false;
                    return ControlledAction.Abort;
                }
                return ControlledAction.Continue;
            }, 16);
        }
        Assert.That(seen, Is.EqualTo(new byte[] { 1, 1, 2 }));
        listener.Stop();
    }
}
