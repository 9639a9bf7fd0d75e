using System.Buffers.Binary;
using System.Net;
using System.Net.Sockets;

namespace TradeX.Replication.Tests.Support;

/// <summary>
/// A TCP proxy owned by a test, between a standby and its primary: it forwards bytes both ways on real sockets, and
/// can stop forwarding without closing anything (a partition: traffic dropped, connections left open), or alter the
/// primary's messages frame by frame (SOFH frames are split here so a test can flip a byte inside one message).
/// </summary>
public sealed class TcpProxy : IDisposable
{
    private readonly TcpListener _listener;
    private readonly IPEndPoint _target;
    private readonly CancellationTokenSource _stop = new();
    private readonly List<Socket> _sockets = [];
    private volatile bool _dropping;

    public TcpProxy(IPEndPoint target)
    {
        _target = target;
        _listener = new TcpListener(IPAddress.Loopback, 0);
        _listener.Start();
        EndPoint = (IPEndPoint)_listener.LocalEndpoint;
        _ = Task.Run(AcceptLoop);
    }

    public IPEndPoint EndPoint { get; }

    /// <summary>Called with each whole message (SOFH frame without its header) from the primary; it may change the bytes in place.</summary>
    public Action<Span<byte>>? AlterFromPrimary { get; set; }

    /// <summary>While true, bytes are read and thrown away in both directions; the connections stay open.</summary>
    public bool Dropping
    {
        get => _dropping;
        set => _dropping = value;
    }

    public int Connections { get; private set; }

    /// <summary>Closes every connection made through the proxy so far (new ones are still accepted).</summary>
    public void CutConnections()
    {
        lock (_sockets)
        {
            foreach (var s in _sockets) s.Dispose();
            _sockets.Clear();
        }
    }

    private async Task AcceptLoop()
    {
        while (!_stop.IsCancellationRequested)
        {
            Socket client;
            try
            {
                client = await _listener.AcceptSocketAsync(_stop.Token);
            }
            catch (Exception) when (_stop.IsCancellationRequested)
            {
                return;
            }
            catch (SocketException)
            {
                continue;
            }
            var upstream = new Socket(SocketType.Stream, ProtocolType.Tcp) { NoDelay = true };
            client.NoDelay = true;
            try
            {
                await upstream.ConnectAsync(_target, _stop.Token);
            }
            catch (Exception)
            {
                client.Dispose();
                upstream.Dispose();
                continue;
            }
            lock (_sockets)
            {
                _sockets.Add(client);
                _sockets.Add(upstream);
            }
            Connections++;
            _ = Task.Run(() => Pump(client, upstream, frames: false));
            _ = Task.Run(() => Pump(upstream, client, frames: true));
        }
    }

    private async Task Pump(Socket from, Socket to, bool frames)
    {
        var buffer = new byte[4 << 20];
        int have = 0;
        try
        {
            while (!_stop.IsCancellationRequested)
            {
                int read = await from.ReceiveAsync(buffer.AsMemory(have), SocketFlags.None, _stop.Token);
                if (read == 0) break;
                if (_dropping)
                {
                    have = 0;
                    continue;
                }
                have += read;
                int forward = have;
                if (frames && AlterFromPrimary is { } alter)
                {
                    // Forward whole frames only, each altered first.
                    forward = 0;
                    while (have - forward >= 6)
                    {
                        int length = (int)BinaryPrimitives.ReadUInt32BigEndian(buffer.AsSpan(forward));
                        if (length < 6 || have - forward < length) break;
                        alter(buffer.AsSpan(forward + 6, length - 6));
                        forward += length;
                    }
                }
                if (forward > 0) await to.SendAsync(buffer.AsMemory(0, forward), SocketFlags.None, _stop.Token);
                Buffer.BlockCopy(buffer, forward, buffer, 0, have - forward);
                have -= forward;
            }
        }
        catch (Exception)
        {
            // a side closed: close the other
        }
        from.Dispose();
        to.Dispose();
    }

    public void Dispose()
    {
        _stop.Cancel();
        _listener.Stop();
        CutConnections();
    }
}
