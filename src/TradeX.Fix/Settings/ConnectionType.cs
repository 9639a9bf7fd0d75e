namespace TradeX.Fix.Settings;

/// <summary>Which side opens the TCP connection and sends the first Logon.</summary>
public enum ConnectionType
{
    Initiator,
    Acceptor,
}
