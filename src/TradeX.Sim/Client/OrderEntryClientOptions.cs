using System.Net;

namespace TradeX.Sim.Client;

/// <summary>How an <see cref="OrderEntryClient"/> connects and behaves.</summary>
public sealed record OrderEntryClientOptions
{
    public required IPEndPoint Endpoint { get; init; }

    /// <summary>The FIXP session id; the same id after a reconnect resumes the session's sequence numbers.</summary>
    public required ulong SessionId { get; init; }

    public required uint ParticipantId { get; init; }

    /// <summary>The participant's secret, sent in Negotiate (the gateway keeps only its salted hash).</summary>
    public required byte[] Credentials { get; init; }

    /// <summary>Keep-alive interval asked for in Establish; the gateway may clamp it (see <see cref="OrderEntryClient.KeepAliveMillis"/>).</summary>
    public uint KeepAliveMillis { get; init; } = 1000;

    /// <summary>Send a Sequence heartbeat when nothing was sent for a keep-alive interval (tests turn it off to provoke a lapse).</summary>
    public bool SendHeartbeats { get; init; } = true;

    /// <summary>Disconnect when the gateway sends nothing for three keep-alive intervals (tests that freeze the gateway's clock turn it off).</summary>
    public bool DetectPeerLapse { get; init; } = true;

    /// <summary>Ask for missed responses (after a gap, and after a reconnect) automatically.</summary>
    public bool AutoRetransmit { get; init; } = true;

    /// <summary>Own messages kept to resend those the gateway had not processed when the connection dropped.</summary>
    public int SentHistoryMessages { get; init; } = 64 * 1024;
    public int SentHistoryBytes { get; init; } = 8 * 1024 * 1024;

    /// <summary>Spin on a non-blocking socket instead of blocking in receive: lower latency, one busy core per client.</summary>
    public bool BusyPollReceive { get; init; }

    /// <summary>
    /// Read responses on this poller's one thread, with the other clients given the same poller, instead of on a
    /// thread of this client's own (null, the default). <see cref="BusyPollReceive"/> and <see cref="ReceiveCore"/> then do not apply.
    /// </summary>
    public ClientReceivePoller? ReceivePoller { get; init; }

    /// <summary>Core to pin the receive thread to (null = unpinned): keep it off the engine's core on a small machine.</summary>
    public int? ReceiveCore { get; init; }

    /// <summary>Kernel receive buffer (0 = default). Tests shrink it to make a slow consumer quickly.</summary>
    public int SocketReceiveBufferBytes { get; init; }

    /// <summary>How long Negotiate and Establish may each take before <see cref="OrderEntryClient.Connect"/> gives up.</summary>
    public TimeSpan HandshakeTimeout { get; init; } = TimeSpan.FromSeconds(10);

    /// <summary>Negotiate attempts during <see cref="OrderEntryClient.Reconnect"/> while the gateway still holds the old connection.</summary>
    public int ReconnectAttempts { get; init; } = 50;
}
