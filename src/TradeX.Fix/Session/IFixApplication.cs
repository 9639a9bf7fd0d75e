using TradeX.Fix.Protocol;

namespace TradeX.Fix.Session;

/// <summary>
/// What a session tells the application. Only <see cref="OnMessage"/> must be written; the rest are
/// optional hooks. Every call is made on the session's receive thread while it holds the session's
/// lock: keep handlers short, copy what must outlive the call (the <see cref="FixMessage"/> is reused),
/// and do not block on another thread that might be sending on this session.
/// </summary>
public interface IFixApplication
{
    /// <summary>
    /// A validated application message in sequence (PossDupFlag=Y marks a possible duplicate).
    /// Return <see cref="ApplicationResult.Unsupported"/> or a reject to answer with a BusinessMessageReject.
    /// </summary>
    ApplicationResult OnMessage(FixSession session, FixMessage message);

    /// <summary>Both Logons exchanged: the session is up.</summary>
    void OnLogon(FixSession session) { }

    /// <summary>The session went down (Logout, disconnect, heartbeat timeout); <paramref name="reason"/> says why.</summary>
    void OnLogout(FixSession session, string reason) { }

    /// <summary>An administrative message in sequence (Reject, Logout, Heartbeat...), after the session handled it.</summary>
    void OnAdminMessage(FixSession session, FixMessage message) { }

    /// <summary>Acceptor only: vet a Logon (Username/Password...). Returning false answers with Logout and disconnects.</summary>
    bool OnLogonRequest(FixSession session, FixMessage logon) => true;

    /// <summary>
    /// A message could not be accepted and was answered with a Reject(3), or was dropped as garbled
    /// (reason null). For monitoring; the session keeps running.
    /// </summary>
    void OnInboundRejected(FixSession session, SessionRejectReason? reason, int refTagId, string description) { }
}
