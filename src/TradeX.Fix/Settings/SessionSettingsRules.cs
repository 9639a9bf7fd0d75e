using System.Net;

namespace TradeX.Fix.Settings;

/// <summary>
/// What every <see cref="SessionSettings"/> must satisfy however it was made: read from a file, changed by a
/// <c>configure</c> callback, or built in code. The reader parses and range-checks what the file says; these
/// rules run on the finished value, so a port set in code is held to the same standard as one in a file.
/// </summary>
internal static class SessionSettingsRules
{
    /// <summary>
    /// The first rule broken, as the QuickFIX key it concerns and why, or null. <paramref name="anyFreePort"/>
    /// lets an acceptor's SocketAcceptPort be 0 (any free port): allowed in code, never in a file.
    /// </summary>
    public static (string Key, string Problem)? FirstProblem(SessionSettings s, bool anyFreePort)
    {
        if (s.ConnectionType == ConnectionType.Initiator)
        {
            if (string.IsNullOrWhiteSpace(s.SocketConnectHost)) return ("SocketConnectHost", "required setting is missing");
            if (PortProblem(s.SocketConnectPort, zeroAllowed: false) is { } p) return ("SocketConnectPort", p);
            for (int i = 0; i < s.SocketConnectAlternates.Count; i++)
            {
                var alternate = s.SocketConnectAlternates[i];
                if (string.IsNullOrWhiteSpace(alternate.Host)) return ($"SocketConnectHost{i + 1}", "required setting is missing");
                if (PortProblem(alternate.Port, zeroAllowed: false) is { } q) return ($"SocketConnectPort{i + 1}", q);
            }
        }
        else
        {
            if (PortProblem(s.SocketAcceptPort, zeroAllowed: anyFreePort) is { } p) return ("SocketAcceptPort", p);
            if (!IPAddress.TryParse(s.SocketAcceptHost, out _))
                return ("SocketAcceptHost", $"'{s.SocketAcceptHost}' is not an IP address (the address of one of this machine's interfaces, or 0.0.0.0 for all)");
        }
        if (s.HeartBtInt < 0) return ("HeartBtInt", $"{s.HeartBtInt} is negative");
        if (!TradeX.Fix.Protocol.UtcTimestampWriter.IsValidPrecision(s.TimestampPrecision))
            return ("TimestampPrecision", $"{s.TimestampPrecision} is not 0, 3, 6 or 9 (digits of second fractions)");
        if (s.MaxMessagesInResendRequest < 0) return ("MaxMessagesInResendRequest", $"{s.MaxMessagesInResendRequest} is negative (0 = no limit)");
        if (s.MaxLatency <= TimeSpan.Zero) return ("MaxLatency", "must be positive");
        if (s.LogonTimeout <= TimeSpan.Zero) return ("LogonTimeout", "must be positive");
        if (s.LogoutTimeout <= TimeSpan.Zero) return ("LogoutTimeout", "must be positive");
        if (s.ReconnectInterval <= TimeSpan.Zero) return ("ReconnectInterval", "must be positive");
        if (s.ReconnectIntervalMax < s.ReconnectInterval) return ("ReconnectIntervalMax", $"{s.ReconnectIntervalMax.TotalSeconds} is less than ReconnectInterval");
        return null;
    }

    private static string? PortProblem(int port, bool zeroAllowed) => port switch
    {
        0 when zeroAllowed => null,
        0 => "required setting is missing",
        < 1 or > 65535 => $"{port} is not a port in 1..65535",
        _ => null,
    };
}
