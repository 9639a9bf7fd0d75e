using System.Net;
using System.Net.Sockets;

namespace TradeX.Gateway.Tests.Support;

/// <summary>
/// A loopback TCP relay between a client and the gateway that a test can make lossy: drop what the client
/// sends from some moment, then cut both connections — how a message gets lost on the way in. It accepts
/// the next connection afterwards and relays it normally.
/// </summary>
public sealed class CuttableProxy : IDisposable
{
    private readonly Socket _listener;
    private readonly IPEndPoint _upstream;
    private readonly Thread _acceptor;
    private volatile bool _dropClientBytes;
    private volatile bool _closed;
    private Socket? _client;
    private Socket? _server;

    public CuttableProxy(IPEndPoint upstream)
    {
        _upstream = upstream;
        _listener = new Socket(AddressFamily.InterNetwork, SocketType.Stream, ProtocolType.Tcp);
        _listener.Bind(new IPEndPoint(IPAddress.Loopback, 0));
        _listener.Listen(4);
        Endpoint = (IPEndPoint)_listener.LocalEndPoint!;
        _acceptor = new Thread(Accept) { IsBackground = true, Name = "proxy-accept" };
        _acceptor.Start();
    }

    public IPEndPoint Endpoint { get; }

    /// <summary>From now on, bytes from the client are read and thrown away.</summary>
    public void DropClientBytes() => _dropClientBytes = true;

    /// <summary>Closes both sides of the current connection.</summary>
    public void Cut()
    {
        _client?.Close();
        _server?.Close();
    }

    private void Accept()
    {
        while (!_closed)
        {
            Socket client;
            try
            {
                client = _listener.Accept();
            }
            catch (SocketException)
            {
                return;
            }
            catch (ObjectDisposedException)
            {
                return;
            }
            var server = new Socket(AddressFamily.InterNetwork, SocketType.Stream, ProtocolType.Tcp) { NoDelay = true };
            server.Connect(_upstream);
            client.NoDelay = true;
            _dropClientBytes = false;
            _client = client;
            _server = server;
            new Thread(() => Pump(client, server, fromClient: true)) { IsBackground = true }.Start();
            new Thread(() => Pump(server, client, fromClient: false)) { IsBackground = true }.Start();
        }
    }

    private void Pump(Socket from, Socket to, bool fromClient)
    {
        var buffer = new byte[65536];
        try
        {
            while (true)
            {
                int n = from.Receive(buffer);
                if (n == 0) break;
                if (fromClient && _dropClientBytes) continue;
                to.Send(buffer.AsSpan(0, n));
            }
        }
        catch (SocketException)
        {
        }
        catch (ObjectDisposedException)
        {
        }
        from.Close();
        to.Close();
    }

    public void Dispose()
    {
        _closed = true;
        _listener.Close();
        Cut();
    }
}
