using System.Diagnostics;
using System.Net;
using System.Net.Sockets;
using TradeX.Core;
using TradeX.Disruptor.Agents;
using TradeX.Gateway.Participants;
using TradeX.Gateway.Sessions;

namespace TradeX.Gateway;

/// <summary>
/// The market-maker gateway: SBE order entry in SOFH frames over TCP with a FIXP-style session. Host it
/// in the node: give it the participant store and a port onto the input ring, add
/// <see cref="OnEngineEvent"/> as a publisher on the output ring, then <see cref="Start"/> it after the
/// pipeline. Stop it before the pipeline so its cancel-on-disconnect inputs still reach the engine.
/// Threads: one accept thread (blocking accept), one I/O thread (polls every connection, publishes
/// inputs), and the output ring's publisher thread (encodes responses). docs/gateway.md has the rest.
/// </summary>
public sealed class OrderEntryGateway : IDisposable
{
    private static readonly TimeSpan StartPublishTimeout = TimeSpan.FromSeconds(10);
    private readonly GatewayOptions _options;
    private readonly ParticipantStore _participants;
    private readonly IEngineInputPort _input;
    private readonly Action<string> _log;
    private readonly SessionRegistry _sessions;
    private readonly ResponseWriter _responses;
    private readonly GatewayIoAgent _agent;
    private Socket? _listener;
    private Thread? _acceptThread;
    private AgentRunner? _runner;
    private volatile bool _stopping;

    public OrderEntryGateway(GatewayOptions options, ParticipantStore participants, IEngineInputPort input, Action<string>? log = null)
    {
        ArgumentNullException.ThrowIfNull(options);
        ArgumentNullException.ThrowIfNull(participants);
        ArgumentNullException.ThrowIfNull(input);
        options.Validate();
        _options = options;
        _participants = participants;
        _input = input;
        _log = log ?? Console.Error.WriteLine;
        Statistics = new GatewayStatistics();
        _sessions = new SessionRegistry(options);
        _responses = new ResponseWriter(_sessions, Statistics, options);
        _agent = new GatewayIoAgent(options, participants, input, _sessions, Statistics, _log);
    }

    public GatewayStatistics Statistics { get; }

    /// <summary>The address the gateway listens on (its real port when the options asked for port 0). Valid after <see cref="Start"/>.</summary>
    public IPEndPoint LocalEndPoint { get; private set; } = new(IPAddress.None, 0);

    /// <summary>
    /// Publishes every participant's protection settings (SetProtection inputs), then starts listening.
    /// The pipeline must be running: the protection inputs go through the input ring like any other.
    /// </summary>
    public void Start()
    {
        if (_listener is not null) throw new InvalidOperationException("the gateway is already started");
        foreach (var participant in _participants.Participants)
        {
            foreach (var setting in participant.Protection)
            {
                EngineInput input = default;
                input.Kind = InputKind.SetProtection;
                input.SetProtection.Participant = new ParticipantId(participant.Id);
                input.SetProtection.Instrument = new InstrumentId(setting.Instrument);
                input.SetProtection.WindowNanos = setting.WindowNanos;
                input.SetProtection.MaxQuantity = setting.MaxQuantity;
                input.SetProtection.MaxCount = setting.MaxFills;
                PublishBlocking(ref input, $"protection of participant {participant.Id}");
            }
        }
        var listener = new Socket(_options.Endpoint.AddressFamily, SocketType.Stream, ProtocolType.Tcp);
        try
        {
            listener.Bind(_options.Endpoint);
            listener.Listen(128);
        }
        catch
        {
            listener.Dispose();
            throw;
        }
        _listener = listener;
        LocalEndPoint = (IPEndPoint)listener.LocalEndPoint!;
        _acceptThread = new Thread(AcceptLoop) { Name = "gateway-accept", IsBackground = true };
        _acceptThread.Start();
        if (_options.IoHost is { } host)
        {
            _agent.Wake = host.Wake;
            host.Add(_agent);
        }
        else
        {
            var idle = _options.IdleStrategy?.Invoke() ?? new PollIdleStrategy(_agent, _options.IdleSpins, _options.IdleBlockMicros);
            _runner = AgentRunner.Start(_agent, idle, _options.IoCore, _log);
        }
        _log($"gateway: listening on {LocalEndPoint} for {_participants.Participants.Count} participant(s) from {_participants.Source}; " +
             $"readiness {(_agent.UsesEpoll ? "from epoll, one system call per look" : "by a receive on every connection")}");
    }

    /// <summary>
    /// Call from the output ring's publisher (an <c>IEventHandler&lt;OutputEntry&gt;</c> passes <c>data.Event</c>,
    /// <c>data.Producer</c> and <c>endOfBatch</c>). Encodes the responses for gateway sessions and flushes
    /// them at the end of each batch.
    /// </summary>
    public void OnEngineEvent(in EngineEvent e, int producer, bool endOfBatch) => _responses.OnEvent(in e, producer, endOfBatch);

    /// <summary>True when the I/O agent learns which connections are readable from epoll (<see cref="GatewayOptions.ReadinessByEpoll"/>).</summary>
    public bool ReadinessByEpoll => _agent.UsesEpoll;

    /// <summary>
    /// Re-arms a participant's tripped market-maker protection on an operator's behalf (the participant itself
    /// sends QuoteProtectionReset). Published as a journaled ResetProtection input; false if the input ring is full.
    /// </summary>
    /// <param name="instrument">The instrument, or 0 for every instrument.</param>
    public bool ResetProtection(int participant, int instrument)
    {
        EngineInput input = default;
        input.Kind = InputKind.ResetProtection;
        input.Time = _options.Clock.NowNanos();
        input.ResetProtection.Participant = new ParticipantId(participant);
        input.ResetProtection.Instrument = new InstrumentId(instrument);
        return _input.TryPublish(in input, _options.ProducerBase);
    }

    /// <summary>
    /// Stops listening, terminates every session (GatewayShutdown), publishes their cancel-on-disconnect
    /// inputs and closes every connection. Call it before stopping the pipeline.
    /// </summary>
    public void Stop()
    {
        if (_listener is null || _stopping) return;
        _stopping = true;
        _listener.Close();
        _acceptThread?.Join(TimeSpan.FromSeconds(5));
        if (_runner is not null && !_runner.Close(TimeSpan.FromSeconds(10))) _log("gateway: the I/O thread did not stop within 10 s");
        if (_options.IoHost is { } host && !host.Remove(_agent, TimeSpan.FromSeconds(10))) _log("gateway: the I/O agent did not leave its shared thread within 10 s");
        _agent.Shutdown(StartPublishTimeout);
        _log($"gateway: stopped ({Statistics.ConnectionsAccepted} connections, {Statistics.InputsPublished} inputs published)");
    }

    public void Dispose() => Stop();

    private void AcceptLoop()
    {
        var listener = _listener!;
        while (!_stopping)
        {
            try
            {
                _agent.Offer(listener.Accept());
            }
            catch (SocketException) when (_stopping)
            {
                return;
            }
            catch (ObjectDisposedException)
            {
                return;
            }
            catch (SocketException ex)
            {
                _log($"gateway: accept failed: {ex.SocketErrorCode}");
                Thread.Sleep(10);
            }
        }
    }

    private void PublishBlocking(ref EngineInput input, string what)
    {
        var clock = Stopwatch.StartNew();
        input.Time = _options.Clock.NowNanos();
        while (!_input.TryPublish(in input, _options.ProducerBase))
        {
            if (clock.Elapsed > StartPublishTimeout) throw new InvalidOperationException($"gateway: the input ring stayed full; could not publish {what}");
            Thread.Yield();
        }
    }
}
