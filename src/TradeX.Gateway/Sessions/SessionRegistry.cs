using TradeX.Gateway.Participants;

namespace TradeX.Gateway.Sessions;

/// <summary>
/// Every session the gateway has negotiated, by session id (I/O thread) and by engine session number
/// (output thread). Sessions are never removed, so a reader on the output thread that finds one can
/// use it for good; the slot is published with a release write after the session is built.
/// </summary>
internal sealed class SessionRegistry(GatewayOptions options)
{
    private readonly Dictionary<ulong, GatewaySession> _byId = new();
    private readonly GatewaySession?[] _byNumber = new GatewaySession?[options.MaxSessions];

    public int Count => _byId.Count;

    public IEnumerable<GatewaySession> All => _byId.Values;

    /// <summary>I/O thread.</summary>
    public GatewaySession? FindById(ulong sessionId) => _byId.GetValueOrDefault(sessionId);

    /// <summary>I/O thread: a new session, or null when <see cref="GatewayOptions.MaxSessions"/> are in use.</summary>
    public GatewaySession? Create(ulong sessionId, Participant participant)
    {
        int index = _byId.Count;
        if (index >= _byNumber.Length) return null;
        int number = options.EngineSessionBase + index + 1;
        var session = new GatewaySession(sessionId, participant, number, options.ProducerBase + number, options);
        _byId.Add(sessionId, session);
        Volatile.Write(ref _byNumber[index], session);
        return session;
    }

    /// <summary>Any thread: the session an engine event names, or null when it is not one of this gateway's.</summary>
    public GatewaySession? FindByNumber(int engineSession)
    {
        int index = engineSession - options.EngineSessionBase - 1;
        return (uint)index < (uint)_byNumber.Length ? Volatile.Read(ref _byNumber[index]) : null;
    }

    /// <summary>Any thread: the session whose inputs carried <paramref name="producer"/>.</summary>
    public GatewaySession? FindByProducer(int producer) => FindByNumber(producer - options.ProducerBase);
}
