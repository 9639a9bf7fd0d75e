using System.Net;
using TradeX.Disruptor.Agents;

namespace TradeX.Gateway;

/// <summary>
/// How an <see cref="OrderEntryGateway"/> is set up. Every bounded resource is here; memory is roughly
/// MaxConnections × (ReceiveBufferBytes + SendBufferBytes) + sessions × (HistoryBytes + small tables).
/// </summary>
public sealed record GatewayOptions
{
    /// <summary>Where to listen; loopback by default. Port 0 picks a free port (see <see cref="OrderEntryGateway.LocalEndPoint"/>).</summary>
    public IPEndPoint Endpoint { get; init; } = new(IPAddress.Loopback, 0);

    /// <summary>Connections open at once (including ones still negotiating); beyond it new connections are closed at once.</summary>
    public int MaxConnections { get; init; } = 256;

    /// <summary>Sessions (session ids) the gateway remembers for its lifetime; a Negotiate beyond it is rejected (SessionCapacity).</summary>
    public int MaxSessions { get; init; } = 256;

    /// <summary>Engine session numbers are EngineSessionBase + 1 .. EngineSessionBase + MaxSessions (set it when several gateways share an engine).</summary>
    public int EngineSessionBase { get; init; }

    /// <summary>Input-ring producer ids: the gateway's own inputs use ProducerBase, session inputs ProducerBase + engine session number.</summary>
    public int ProducerBase { get; init; } = 1_000_000;

    /// <summary>Largest frame accepted, SOFH header included; a longer (or shorter than 6) length terminates the session.</summary>
    public int MaxFrameLength { get; init; } = 16 * 1024;

    /// <summary>Per connection: bytes received but not yet framed.</summary>
    public int ReceiveBufferBytes { get; init; } = 64 * 1024;

    /// <summary>Per connection: encoded responses not yet taken by the socket. When full the client is disconnected (SlowConsumer).</summary>
    public int SendBufferBytes { get; init; } = 256 * 1024;

    /// <summary>Kernel socket buffer sizes (0 = the operating system's default).</summary>
    public int SocketSendBufferBytes { get; init; }
    public int SocketReceiveBufferBytes { get; init; }

    /// <summary>Per session: application messages kept for retransmission (a power of two) ...</summary>
    public int HistoryMessages { get; init; } = 16 * 1024;

    /// <summary>... and the bytes they may take; the oldest are dropped first when either bound is reached.</summary>
    public int HistoryBytes { get; init; } = 2 * 1024 * 1024;

    /// <summary>Largest count one RetransmitRequest may ask for.</summary>
    public int MaxRetransmitCount { get; init; } = 4096;

    /// <summary>Keep-alive intervals a client may ask for are clamped into [Min, Max] (milliseconds).</summary>
    public int MinKeepAliveMillis { get; init; } = 100;
    public int MaxKeepAliveMillis { get; init; } = 60_000;

    /// <summary>The session is terminated (KeepAliveLapsed) when nothing arrives for this many keep-alive intervals.</summary>
    public double KeepAliveLapseFactor { get; init; } = 2.0;

    /// <summary>Negotiate and Establish must complete within this time of the connection being accepted.</summary>
    public TimeSpan HandshakeTimeout { get; init; } = TimeSpan.FromSeconds(10);

    /// <summary>Most entries in one MassQuote (each becomes one engine input).</summary>
    public int MaxQuoteEntries { get; init; } = 100;

    /// <summary>Per session: MassQuotes (and mass cancels) sent to the engine whose answers have not all come back.</summary>
    public int PendingMassQuotes { get; init; } = 256;
    public int PendingMassCancels { get; init; } = 16;

    /// <summary>Mark gateway inputs for the pipeline's response-latency measurement (from frame receipt to first event).</summary>
    public bool MeasureInputs { get; init; } = true;

    /// <summary>Core to pin the I/O thread to (null = unpinned).</summary>
    public int? IoCore { get; init; }

    /// <summary>
    /// How the I/O thread idles when a poll found nothing. Null (the default): spin <see cref="IdleSpins"/>
    /// times, then block in poll(2) on every connection for up to <see cref="IdleBlockMicros"/> — the kernel
    /// wakes it when bytes arrive, so an idle gateway costs no CPU and a sleeping one answers in microseconds,
    /// which matters on small machines where a yielding thread steals the core from the pipeline.
    /// Set e.g. <c>() => new BusySpinIdleStrategy()</c> for an I/O thread pinned to a core of its own.
    /// </summary>
    public Func<IIdleStrategy>? IdleStrategy { get; init; }

    /// <summary>
    /// Runs the I/O agent on a thread the host already has (the node's input thread in its shared and single
    /// threading modes), which sleeps in poll(2) on the connections and its own eventfd; null (the default):
    /// the gateway starts an I/O thread of its own (<see cref="IoCore"/>, <see cref="IdleStrategy"/>).
    /// </summary>
    public CompositeAgent? IoHost { get; init; }

    /// <summary>
    /// Empty polls of every connection before blocking. Each costs a receive system call per connection, so
    /// on a small machine a long spin phase starves the pipeline: measured on 2 shared cores at 20,000
    /// orders/s, 100 spins gave a p50 of ~2.7 ms, 0-1 spins ~40-120 µs (bench/TradeX.Gateway.Latency --idle-spins).
    /// </summary>
    public int IdleSpins { get; init; } = 1;

    /// <summary>
    /// Learn which connections are readable from one epoll_wait per duty cycle (Linux x86-64) instead of a
    /// receive system call on every connection: with six sessions that was ~7 µs of every cycle here.
    /// False reads every connection each cycle (the path used where epoll is not available).
    /// </summary>
    public bool ReadinessByEpoll { get; init; } = true;
    public int IdleBlockMicros { get; init; } = 1_000;

    /// <summary>Time for input stamps, keep-alives, handshake timeouts and throttles.</summary>
    public IGatewayClock Clock { get; init; } = SystemGatewayClock.Instance;

    /// <summary>Credential checks (PBKDF2) run off the I/O thread, at most this many at once.</summary>
    public int MaxConcurrentAuthentications { get; init; } = 2;

    internal void Validate()
    {
        if (MaxConnections < 1 || MaxSessions < 1) throw new ArgumentException("MaxConnections and MaxSessions must be positive");
        if (MaxFrameLength < 64 || ReceiveBufferBytes < MaxFrameLength) throw new ArgumentException("MaxFrameLength must be at least 64 and ReceiveBufferBytes at least MaxFrameLength");
        if (SendBufferBytes < 4096) throw new ArgumentException("SendBufferBytes must be at least 4096");
        if (HistoryMessages < 16 || (HistoryMessages & (HistoryMessages - 1)) != 0) throw new ArgumentException("HistoryMessages must be a power of two, at least 16");
        if (HistoryBytes < 4096) throw new ArgumentException("HistoryBytes must be at least 4096");
        if (MaxQuoteEntries is < 1 or > 400) throw new ArgumentException("MaxQuoteEntries must be 1..400 (a MassQuoteAck must fit one frame)");
        if (MinKeepAliveMillis < 1 || MaxKeepAliveMillis < MinKeepAliveMillis) throw new ArgumentException("keep-alive bounds are inconsistent");
        if (!(KeepAliveLapseFactor >= 1)) throw new ArgumentException("KeepAliveLapseFactor must be at least 1");
        if (PendingMassQuotes < 1 || PendingMassCancels < 1 || MaxRetransmitCount < 1) throw new ArgumentException("pending and retransmit bounds must be positive");
        if (MaxConcurrentAuthentications < 1) throw new ArgumentException("MaxConcurrentAuthentications must be positive");
    }
}
