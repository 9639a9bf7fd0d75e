namespace TradeX.Fix.Session;

/// <summary>Where a session is in its connect → logon → logout life cycle.</summary>
public enum SessionState
{
    /// <summary>No connection.</summary>
    Disconnected,
    /// <summary>Acceptor: connected, waiting for the peer's Logon.</summary>
    AwaitingLogon,
    /// <summary>Initiator: connected, our Logon sent, waiting for the answer.</summary>
    LogonSent,
    /// <summary>Both Logons exchanged: application messages flow.</summary>
    LoggedOn,
    /// <summary>We sent Logout and wait for the peer's (or the logout timeout).</summary>
    LogoutSent,
}
