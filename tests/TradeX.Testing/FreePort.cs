using System.Net;
using System.Net.Sockets;

namespace TradeX.Testing;

/// <summary>A loopback TCP port that was free a moment ago (for a peer process that must be told its port).</summary>
public static class FreePort
{
    public static int Next()
    {
        using var probe = new Socket(AddressFamily.InterNetwork, SocketType.Stream, ProtocolType.Tcp);
        probe.Bind(new IPEndPoint(IPAddress.Loopback, 0));
        return ((IPEndPoint)probe.LocalEndPoint!).Port;
    }
}
