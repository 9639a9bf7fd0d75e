namespace TradeX.Fix.Session;

/// <summary>What became of an application message handed to <see cref="FixSession.Send"/>.</summary>
public enum SendResult
{
    /// <summary>Given a sequence number, stored and written to the socket.</summary>
    Sent,
    /// <summary>Not sent and no sequence number used: the session is not logged on.</summary>
    NotLoggedOn,
    /// <summary>
    /// Given a sequence number and stored, but the connection failed while writing. The peer may or may
    /// not have it; after reconnecting it will ask for it by ResendRequest if it did not.
    /// </summary>
    ConnectionLost,
}
