using BenchmarkDotNet.Attributes;
using TradeX.Core;

namespace TradeX.Bench.Engine;

/// <summary>
/// The engine's hot paths, each measured over a batch of pre-generated inputs against a fresh engine
/// built in [IterationSetup] (not measured). Figures are per input (OperationsPerInvoke).
/// Every account has every common limit switched on, so each new order runs the full risk check.
/// </summary>
[MemoryDiagnoser]
[SimpleJob(launchCount: 1, warmupCount: 4, iterationCount: 20, invocationCount: 1)]
public class EngineBenchmarks
{
    private const int N = 50_000;
    private const int Holders = 1_000;
    private const int Marks = 200;

    private EngineBench.Feeder _feeder = null!;
    private EngineInput[] _inputs = [];

    private EngineBench.Feeder NewFeeder(int orders)
    {
        var f = new EngineBench.Feeder(new TradeX.Core.Engine(new NullSink(), EngineBench.Options(orders)));
        EngineBench.Instrument(f, 1);
        EngineBench.Account(f, 1, 1);
        EngineBench.Account(f, 2, 2);
        return f;
    }

    /// <summary>Applies the prepared inputs: the measured part of every benchmark here.</summary>
    private void ApplyAll()
    {
        var engine = _feeder.Engine;
        var inputs = _inputs;
        for (int i = 0; i < inputs.Length; i++) engine.Apply(in inputs[i]);
    }

    // ---- new order accepted and resting ---------------------------------------------------

    [IterationSetup(Target = nameof(NewOrderAcceptedAndResting))]
    public void SetupResting() => SetupRestingOrders(levelsPerSide: 100);

    /// <summary>N orders that all rest: bids below 100.00 and offers above it, spread over <paramref name="levelsPerSide"/> prices each.</summary>
    private void SetupRestingOrders(int levelsPerSide, int count = N)
    {
        _feeder = NewFeeder(count);
        _inputs = new EngineInput[count];
        for (int i = 0; i < count; i++)
        {
            bool buy = (i & 1) == 0;
            long offset = (i / 2 % levelsPerSide) * 10_000L;
            long price = buy ? 99_990_000L - offset : 100_010_000L + offset;
            _inputs[i] = EngineBench.Limit(buy ? 1 : 2, 1, buy ? Side.Buy : Side.Sell, price, 100, (ulong)i + 1);
        }
        _feeder.Number(_inputs);
    }

    [Benchmark(OperationsPerInvoke = N, Description = "new order: risk + book, rests (100 levels/side)")]
    public void NewOrderAcceptedAndResting() => ApplyAll();

    [IterationSetup(Target = nameof(NewOrderRestingDeepBook))]
    public void SetupDeep() => SetupRestingOrders(levelsPerSide: 5_000);

    [Benchmark(OperationsPerInvoke = N, Description = "new order: risk + book, rests (5,000 levels/side)")]
    public void NewOrderRestingDeepBook() => ApplyAll();

    // ---- cancel ---------------------------------------------------------------------------

    /// <summary>
    /// <paramref name="count"/> resting orders (not measured), then one cancel for each, in the order they
    /// were entered, by client order id or by engine order id (handed out in acceptance order from 1).
    /// </summary>
    private void PrepareCancels(int count, bool byOrderId)
    {
        SetupRestingOrders(levelsPerSide: 100, count);
        ApplyAll();
        _inputs = new EngineInput[count];
        for (int i = 0; i < count; i++)
        {
            var cancel = new CancelOrder { Account = new AccountId((i & 1) == 0 ? 1 : 2) };
            if (byOrderId) cancel.OrderId = new OrderId(i + 1);
            else cancel.OrigClientOrderId = new ClientOrderId((ulong)i + 1);
            _inputs[i] = EngineInput.Of(cancel);
        }
        _feeder.Number(_inputs);
    }

    [IterationSetup(Target = nameof(Cancel))]
    public void SetupCancel()
    {
        PrepareCancels(N, byOrderId: false);
    }

    [Benchmark(OperationsPerInvoke = N, Description = "cancel by client order id")]
    public void Cancel() => ApplyAll();

    [IterationSetup(Target = nameof(CancelByOrderId))]
    public void SetupCancelByOrderId()
    {
        PrepareCancels(N, byOrderId: true);
    }

    [Benchmark(OperationsPerInvoke = N, Description = "cancel by engine order id")]
    public void CancelByOrderId() => ApplyAll();

    // ---- aggressive order filling one level -----------------------------------------------

    [IterationSetup(Target = nameof(AggressiveOrderFillingOneLevel))]
    public void SetupAggressive()
    {
        _feeder = NewFeeder(N);
        // N offers, one per price level (100.01 upwards); each aggressive buy takes exactly the best level.
        for (int i = 0; i < N; i++)
            _feeder.Apply(EngineBench.Limit(2, 1, Side.Sell, 100_010_000L + i * 10_000L, 100, (ulong)i + 1));
        _inputs = new EngineInput[N];
        for (int i = 0; i < N; i++)
            _inputs[i] = EngineBench.Limit(1, 1, Side.Buy, 100_010_000L + i * 10_000L, 100, (ulong)(N + i + 1), TimeInForce.ImmediateOrCancel);
        _feeder.Number(_inputs);
    }

    [Benchmark(OperationsPerInvoke = N, Description = "aggressive order fills one level")]
    public void AggressiveOrderFillingOneLevel() => ApplyAll();

    // ---- venue fill applied ---------------------------------------------------------------

    [IterationSetup(Target = nameof(VenueFillApplied))]
    public void SetupVenueFill()
    {
        _feeder = NewFeeder(N);
        const int orders = 1_000;
        for (int i = 0; i < orders; i++) _feeder.Apply(EngineBench.Limit(1, 1, Side.Buy, 100_000_000L, 1_000, (ulong)i + 1, venue: 1));
        _inputs = new EngineInput[N];
        for (int i = 0; i < N; i++)
            _inputs[i] = EngineInput.Of(new VenueFill
            {
                Venue = new VenueId(1), ExecutionId = ExecutionId.Create($"EX-{i:D10}"), OrderId = new OrderId(1 + i % orders),
                Quantity = Quantity.Of(1), Price = Price.Of(100), Account = new AccountId(1), Instrument = new InstrumentId(1), Side = Side.Buy,
            });
        _feeder.Number(_inputs);
    }

    [Benchmark(OperationsPerInvoke = N, Description = "venue fill applied (dedup + position)")]
    public void VenueFillApplied() => ApplyAll();

    // ---- mark price with 1,000 holders ----------------------------------------------------

    [IterationSetup(Target = nameof(MarkPriceWith1000Holders))]
    public void SetupMark()
    {
        _feeder = new EngineBench.Feeder(new TradeX.Core.Engine(new NullSink(), EngineBench.Options(Holders * 2)));
        EngineBench.Instrument(_feeder, 1);
        EngineBench.Instrument(_feeder, 2);
        EngineBench.Account(_feeder, 1, 1);
        for (int a = 0; a < Holders; a++)
        {
            EngineBench.Account(_feeder, 100 + a, 100 + a);
            _feeder.Apply(EngineBench.Limit(1, 1, Side.Sell, 100_000_000L, 10, (ulong)(2 * a + 1)));
            _feeder.Apply(EngineBench.Limit(100 + a, 1, Side.Buy, 100_000_000L, 10, (ulong)(2 * a + 2)));
        }
        _inputs = new EngineInput[Marks];
        for (int i = 0; i < Marks; i++)
            _inputs[i] = EngineInput.Of(new MarkPrice { Instrument = new InstrumentId(1), Price = new Price(100_000_000L + ((i & 1) == 0 ? 10_000L : -10_000L)) });
        _feeder.Number(_inputs);
    }

    [Benchmark(OperationsPerInvoke = Marks, Description = "mark price, 1,000 accounts hold it")]
    public void MarkPriceWith1000Holders() => ApplyAll();
}
