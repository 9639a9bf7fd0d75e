using System.Runtime.CompilerServices;

namespace TradeX.Core;

/// <summary>
/// The business logic of TradeX.Core: one single-threaded state machine that matches, checks
/// pre-trade risk, keeps positions, P&amp;L and exposure, and handles kill switches. Inputs are applied
/// in sequence order with <see cref="Apply"/>; events go to the sink in order, on the caller's thread.
/// </summary>
/// <remarks>
/// Deterministic by construction: no clock (time comes inside each input), no randomness, no locks,
/// no I/O, no floating point. The same inputs in the same order give the same events and the same
/// <see cref="StateHash"/>. Not thread-safe: exactly one thread (the engine stage) may call it.
/// Steady-state processing allocates nothing: every capacity is pre-allocated from
/// <see cref="EngineOptions"/> and exhaustion is answered with a reject reason.
/// <para>
/// The engine is the dispatcher: one handler per input kind, which asks the components that own the state.
/// Each component keeps its own state and writes and reads its own snapshot section: <see cref="ReferenceData"/>
/// (instruments, accounts, operators), <see cref="PositionLedger"/> (positions, reservations, P&amp;L),
/// one <see cref="OrderBook"/> per instrument (price-time priority, behind the <see cref="IOrderBook"/> contract),
/// <see cref="PreTradeRisk"/> (the check and the limit alerts), <see cref="MarketMakerProtection"/>,
/// <see cref="SmartRouter"/> (venues, displayed prices, routing decisions), <see cref="VenueExecutionIds"/>
/// (exactly-once fills), <see cref="FillBreakBook"/> and <see cref="EndedVenueOrders"/>. The engine itself keeps
/// the order store and its indexes, and the events leave through one <see cref="EventPublisher"/>.
/// </para>
/// </remarks>
public sealed partial class Engine
{
    private const int None = OrderStore.None;
    private static readonly Ascii16 CircuitBreakerOperator = Ascii16.Create("circuit-breaker");
    private static readonly Ascii16 EmergencyOperator = Ascii16.Create("emergency-limit");

    private readonly EngineOptions _options;
    private readonly EventPublisher _events;
    private readonly OrderStore _store;
    private readonly OrderRecord[] _orders;
    private readonly PositionLedger _ledger;
    private readonly PositionRecord[] _positions;
    private readonly ReferenceData _reference;
    /// <summary>The reference data's tables, held here for the hot path's reads by index; re-read whenever a definition or a restore may have grown them.</summary>
    private Account[] _accounts;
    private Instrument[] _instruments;
    private readonly OrderIdIndex _orderIndex;
    private readonly OpenHashMap<ClientOrderKey> _clientOrders;
    /// <summary>Client order ids the day may hold (<see cref="EngineOptions.ExpectedClientOrderIdsPerDay"/>; unbounded for journals that predate the limit).</summary>
    private readonly int _clientOrderIdLimit;
    private readonly VenueExecutionIds _executions;
    private readonly EndedVenueOrders _endedVenueOrders;
    private readonly FillBreakBook _breaks;
    private bool _globalKill;
    private long _nextOrderId = 1;
    private long _nextTradeId = 1;
    private int _tradingDate;
    private EngineCounters _counters;
    private readonly PreTradeRisk _risk;
    private readonly MarketMakerProtection _protection = new();
    private readonly SmartRouter _router;

    public Engine(IEngineEventSink sink, EngineOptions? options = null)
    {
        _events = new EventPublisher(sink ?? throw new ArgumentNullException(nameof(sink)));
        _options = options ?? EngineOptions.Default;
        _store = new OrderStore(_options.MaxOpenOrders);
        _orders = _store.Orders;
        _router = new SmartRouter(_orders);
        _reference = new ReferenceData(_orders, _options);
        _accounts = _reference.Accounts;
        _instruments = _reference.Instruments;
        _ledger = new PositionLedger(_options.MaxPositions);
        _positions = _ledger.Records;
        _orderIndex = new OrderIdIndex(_options.MaxOpenOrders);
        _clientOrders = new OpenHashMap<ClientOrderKey>(_options.ExpectedClientOrderIdsPerDay);
        _clientOrderIdLimit = _options.ClientOrderIdsBounded ? _options.ExpectedClientOrderIdsPerDay : int.MaxValue;
        _executions = new VenueExecutionIds(_options.ExpectedVenueFillsPerDay);
        _endedVenueOrders = new EndedVenueOrders(2 * _options.ExpectedVenueOrdersPerDay);
        _breaks = new FillBreakBook(_options.MaxOpenBreaks);
        _risk = new PreTradeRisk(_events, _options.CircuitBreakerMask);
        if (_options.PreFaultMemory)
        {
            PageToucher.Touch(_orders);
            _ledger.PreFault();
            _orderIndex.PreFault();
            _clientOrders.PreFault();
            _executions.PreFault();
            _endedVenueOrders.PreFault();
        }
    }

    public EngineOptions Options => _options;

    /// <summary>Sequence number of the last input applied (0 before the first).</summary>
    public long LastSequence => _events.Sequence;

    /// <summary>Engine time: the latest time stamped on any input so far (inputs never move it backwards).</summary>
    public long Now => _events.Now;

    public int TradingDate => _tradingDate;

    /// <summary>Operational counters (not part of the business state or its hash).</summary>
    public EngineCounters Counters => _counters;

    /// <summary>
    /// Applies one input. Inputs whose sequence is not above <see cref="LastSequence"/> are ignored and
    /// counted (a replayed or duplicated input never applies twice).
    /// </summary>
    public void Apply(in EngineInput input)
    {
        if (input.Sequence <= _events.Sequence)
        {
            _counters.StaleInputsIgnored++;
            return;
        }
        _events.Sequence = input.Sequence;
        if (input.Time > _events.Now) _events.Now = input.Time;
        _counters.InputsApplied++;

        switch (input.Kind)
        {
            case InputKind.NewOrder: OnNewOrder(in input.NewOrder); break;
            case InputKind.CancelOrder: OnCancel(in input.CancelOrder); break;
            case InputKind.ReplaceOrder: OnReplace(in input.ReplaceOrder); break;
            case InputKind.MassCancel: OnMassCancel(in input.MassCancel); break;
            case InputKind.MarkPrice: OnMarkPrice(in input.MarkPrice); break;
            case InputKind.VenueFill: OnVenueFill(in input.VenueFill); break;
            case InputKind.VenueOrderStatus: OnVenueOrderStatus(in input.VenueOrderStatus); break;
            case InputKind.DefineInstrument: OnDefineInstrument(in input.DefineInstrument); break;
            case InputKind.DefineAccount: OnDefineAccount(in input.DefineAccount); break;
            case InputKind.DefineOperator: OnDefineOperator(in input.DefineOperator); break;
            case InputKind.SetLimit: OnSetLimit(in input.SetLimit); break;
            case InputKind.KillSwitch: OnKillSwitch(in input.KillSwitch); break;
            case InputKind.StartOfDay: OnStartOfDay(in input.StartOfDay); break;
            case InputKind.Quote: OnQuote(in input.Quote); break;
            case InputKind.SetProtection: OnSetProtection(in input.SetProtection); break;
            case InputKind.ResetProtection: OnResetProtection(in input.ResetProtection); break;
            case InputKind.DefineVenue: OnDefineVenue(in input.DefineVenue); break;
            case InputKind.VenueQuote: OnVenueQuote(in input.VenueQuote); break;
            case InputKind.VenueSessionStatus: OnVenueSessionStatus(in input.VenueSessionStatus); break;
            case InputKind.ResolveBreak: OnResolveBreak(in input.ResolveBreak); break;
            case InputKind.AdjustCash: OnAdjustCash(in input.AdjustCash); break;
            case InputKind.TimeTick: break;
            default: RejectInput(input.Kind, RejectReason.UnknownInputKind, (long)input.Kind); break;
        }
        // Protection trips found while matching are acted on once the input's own work is done.
        if (_protection.PendingCount > 0) ProcessPendingTrips();
    }

    // ---- lookups -------------------------------------------------------------------------

    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    private Account? FindAccount(int id) => _reference.FindAccount(id);

    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    private Instrument? FindInstrument(int id) => _reference.FindInstrument(id);

    /// <summary>Re-reads the reference data's tables after a definition or a restore (either may have grown them).</summary>
    private void RefreshReferenceTables()
    {
        _accounts = _reference.Accounts;
        _instruments = _reference.Instruments;
    }

    // ---- event helpers -------------------------------------------------------------------

    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    private void Publish(ref EngineEvent e, EventKind kind) => _events.Publish(ref e, kind);

    private void RejectInput(InputKind kind, RejectReason reason, long subject)
    {
        _counters.InputsRejected++;
        EngineEvent e = default;
        e.InputRejected.Input = kind;
        e.InputRejected.Reason = reason;
        e.InputRejected.Subject = subject;
        Publish(ref e, EventKind.InputRejected);
    }

    private void AcceptInput(InputKind kind, long subject, long count = 0)
    {
        EngineEvent e = default;
        e.InputAccepted.Input = kind;
        e.InputAccepted.Subject = subject;
        e.InputAccepted.Count = count;
        Publish(ref e, EventKind.InputAccepted);
    }

    private void PublishExposure(Account a)
    {
        EngineEvent e = default;
        ref ExposureChanged x = ref e.ExposureChanged;
        x.Account = new AccountId(a.Id);
        x.Long = new Money(a.Long);
        x.Short = new Money(a.Short);
        x.Gross = new Money(a.Gross);
        x.Net = new Money(a.Net);
        x.Cash = new Money(a.Cash);
        x.BuyingPower = new Money(a.BuyingPower);
        x.UnrealizedPnl = new Money(a.Unrealized);
        x.DailyPnl = new Money(a.DailyPnl);
        Publish(ref e, EventKind.ExposureChanged);
        EvaluateAlerts(a);
    }

    private void PublishPosition(int positionSlot)
    {
        ref PositionRecord p = ref _positions[positionSlot];
        EngineEvent e = default;
        ref PositionChanged x = ref e.PositionChanged;
        x.Account = new AccountId(_accounts[p.AccountIndex].Id);
        x.Instrument = new InstrumentId(_instruments[p.InstrumentIndex].Id);
        x.Quantity = new Quantity(p.Quantity);
        x.CostBasis = new Money(p.Cost);
        x.RealizedPnl = new Money(p.Realized);
        x.UnrealizedPnl = new Money(p.Unrealized);
        x.DailyPnl = new Money(p.DailyPnl);
        x.Mark = new Price(_instruments[p.InstrumentIndex].Mark);
        Publish(ref e, EventKind.PositionChanged);
    }
}
