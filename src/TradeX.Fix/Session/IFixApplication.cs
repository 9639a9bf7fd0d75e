using TradeX.Fix.Protocol;

namespace TradeX.Fix.Session;

/// <summary>
/// What a session tells the application. Only <see cref="OnMessage"/> must be written; the rest are
/// optional hooks.
/// <para>
/// Threading: every callback but <see cref="OnLogonRequest"/> is made <b>outside</b> the session's lock, on
/// the session's receive thread, one at a time and in the order the session produced them:
/// <see cref="OnLogon"/> before the first message, messages in sequence (those held back by a gap included,
/// once it is filled), <see cref="OnLogout"/> after the last message of the connection. That holds when
/// another thread closed the connection too (a heartbeat or logout timeout found by the timer, a
/// <see cref="FixSession.Send"/> whose write failed, <see cref="FixSession.Disconnect"/>): the transport
/// brings the receive thread through <see cref="FixSession.OnDisconnected"/>, and the OnLogout is made
/// there. So threads that send on the session, and the timer, never run a callback (only one still owed
/// when no receive thread comes by — the session disposed, a transport that does not report the end of
/// its loop — is made by the timer or by <see cref="FixSession.Dispose"/>).
/// </para>
/// <para>
/// A callback may call <see cref="FixSession.Send"/>, <see cref="FixSession.Logout"/> and
/// <see cref="FixSession.Disconnect"/> on its own session: what they cause is reported after the callback
/// returns, never from inside it. A callback may also block (back-pressure: waiting for room in a queue)
/// while other threads go on sending on the session; meanwhile the session reads nothing more from the
/// connection, and the timer keeps running (a block longer than the heartbeat timeout loses the link).
/// The <see cref="FixMessage"/> is the session's reused inbound message: valid until the callback returns
/// and not touched by the session meanwhile; copy what must outlive the call.
/// </para>
/// </summary>
public interface IFixApplication
{
    /// <summary>
    /// A validated application message in sequence (PossDupFlag=Y marks a possible duplicate).
    /// Return <see cref="ApplicationResult.Unsupported"/> or a reject to answer with a BusinessMessageReject
    /// (sent once the call returns, if the session is still up on the connection the message came on).
    /// </summary>
    ApplicationResult OnMessage(FixSession session, FixMessage message);

    /// <summary>Both Logons exchanged: the session is up.</summary>
    void OnLogon(FixSession session) { }

    /// <summary>The session went down (Logout, disconnect, heartbeat timeout); <paramref name="reason"/> says why.</summary>
    void OnLogout(FixSession session, string reason) { }

    /// <summary>An administrative message in sequence (Reject, Logout, Heartbeat...), after the session handled it.</summary>
    void OnAdminMessage(FixSession session, FixMessage message) { }

    /// <summary>
    /// Acceptor only: vet a Logon (Username/Password...). Returning false answers with Logout and disconnects.
    /// The one call made under the session's lock, on the receive thread, because its answer decides how the
    /// session goes on: decide from the message alone and return at once; never block or wait for another thread.
    /// </summary>
    bool OnLogonRequest(FixSession session, FixMessage logon) => true;

    /// <summary>
    /// A message could not be accepted and was answered with a Reject(3), or was dropped as garbled
    /// (reason null). For monitoring; the session keeps running.
    /// </summary>
    void OnInboundRejected(FixSession session, SessionRejectReason? reason, int refTagId, string description) { }

    /// <summary>
    /// Outbound hook (QuickFIX's toAdmin): every session-level message the session sends (Logon, Heartbeat,
    /// TestRequest, ResendRequest, Reject, SequenceReset, Logout) passes here first, with its body built and
    /// its header fields (<see cref="FixOutboundMessage.Header"/>) beyond the session's own. Add fields a
    /// counterparty asks for: Username(553)/Password(554) or a venue's own tags on the Logon, a routing
    /// header on a Reject. Body fields are appended after the session's (keep ascending order if the peer
    /// compares layouts); header fields go in ascending order wherever they are added.
    /// <para>
    /// Made <b>under the session's lock</b>, on whichever thread is sending (the timer for a Heartbeat): only
    /// look at <paramref name="message"/> and the session's settings, add fields and return; never block,
    /// never call into the session. Header fields the session writes itself are refused (the additions are
    /// dropped and logged; the message goes out without them).
    /// </para>
    /// </summary>
    void ToAdmin(FixSession session, FixOutboundMessage message) { }
}
