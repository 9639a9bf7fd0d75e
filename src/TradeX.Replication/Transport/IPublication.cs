namespace TradeX.Replication.Transport;

/// <summary>
/// Where one side of a replication conversation sends messages, shaped like Aeron's <c>Publication</c>: a message
/// is offered (copied into the transport's buffer, never blocking) or claimed in place and committed, and the result
/// is the new stream position or a negative <see cref="OfferResult"/>. Messages arrive whole and in order, or the
/// connection ends. The TCP transport (<see cref="TcpDuplex"/>) is the one here; an Aeron publication fits the same
/// contract.
/// </summary>
public interface IPublication
{
    /// <summary>True while the peer can receive.</summary>
    bool IsConnected { get; }

    /// <summary>Copies <paramref name="message"/> into the stream; the new position, or a negative <see cref="OfferResult"/>.</summary>
    long Offer(ReadOnlySpan<byte> message);

    /// <summary>
    /// Claims room for a message of at most <paramref name="maxLength"/> bytes to encode in place; empty when there is no
    /// room (back pressure) or no connection. <see cref="Commit"/> ends it with the length actually written.
    /// </summary>
    Span<byte> TryClaim(int maxLength);

    /// <summary>Ends the last <see cref="TryClaim"/> with the message's real length; returns the new position.</summary>
    long Commit(int length);

    /// <summary>Gives up the last <see cref="TryClaim"/>: nothing is sent.</summary>
    void Abort();
}

/// <summary>Where one side reads the other's messages, shaped like Aeron's <c>Subscription.poll</c>.</summary>
public interface ISubscription
{
    bool IsConnected { get; }

    /// <summary>Delivers up to <paramref name="fragmentLimit"/> whole messages that have arrived; returns how many.</summary>
    int Poll(FragmentHandler handler, int fragmentLimit);

    /// <summary>As <see cref="Poll"/>, with the handler deciding after each message whether to go on (Aeron's controlled poll).</summary>
    int ControlledPoll(ControlledFragmentHandler handler, int fragmentLimit);
}

/// <summary>A controlled poll's handler: what to do after (or instead of) taking this message.</summary>
public delegate ControlledAction ControlledFragmentHandler(ReadOnlySpan<byte> message);

/// <summary>Aeron's ControlledFragmentHandler.Action, less COMMIT (there is no position to commit here).</summary>
public enum ControlledAction
{
    /// <summary>Taken; deliver the next.</summary>
    Continue = 0,

    /// <summary>Taken; stop this poll here.</summary>
    Break = 1,

    /// <summary>Not taken: the same message comes first in the next poll.</summary>
    Abort = 2,
}

/// <summary>One whole message (without its frame header), valid only during the call.</summary>
public delegate void FragmentHandler(ReadOnlySpan<byte> message);

/// <summary>The negative results of <see cref="IPublication.Offer"/>, with Aeron's values.</summary>
public static class OfferResult
{
    /// <summary>No peer is connected.</summary>
    public const long NotConnected = -1;

    /// <summary>The buffer is full: the peer reads slower than we write. Try again later.</summary>
    public const long BackPressured = -2;

    /// <summary>The publication is closed.</summary>
    public const long Closed = -4;

    /// <summary>The message is larger than the transport carries in one piece.</summary>
    public const long MaxPositionExceeded = -5;
}
