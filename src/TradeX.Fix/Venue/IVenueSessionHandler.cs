namespace TradeX.Fix.Venue;

/// <summary>
/// What a venue session reports to the trading node. Calls come one at a time, in the venue's sequence
/// order, on the session's receive thread and outside the session's lock (see
/// <see cref="Session.IFixApplication"/>), never on a thread that sends orders.
/// A handler may block until the node has room (back-pressure onto the venue's stream): sends from other
/// threads still go through. The views are valid only during the call (copy into the input ring).
/// </summary>
public interface IVenueSessionHandler
{
    /// <summary>Logged on: orders may be sent.</summary>
    void OnSessionUp(VenueSession venue);

    /// <summary>Logged out or disconnected: orders in flight are in an unknown state until the venue reports them.</summary>
    void OnSessionDown(VenueSession venue, string reason);

    void OnExecutionReport(VenueSession venue, in ExecutionReportView report);

    void OnOrderCancelReject(VenueSession venue, in OrderCancelRejectView reject);

    /// <summary>The venue rejected one of our messages at session or business level.</summary>
    void OnMessageRejected(VenueSession venue, in VenueRejectView reject);
}
