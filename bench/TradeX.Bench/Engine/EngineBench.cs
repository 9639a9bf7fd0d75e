using TradeX.Core;

namespace TradeX.Bench.Engine;

/// <summary>Builds engines and pre-generated inputs for the engine benchmarks (nothing here is measured).</summary>
internal static class EngineBench
{
    public const long StartTime = 1_767_603_600_000_000_000L;

    public static EngineOptions Options(int orders) => EngineOptions.Default with
    {
        MaxOpenOrders = Math.Max(orders * 2, 1024),
        ExpectedClientOrderIdsPerDay = Math.Max(orders * 4, 1024),
        ExpectedVenueFillsPerDay = Math.Max(orders * 2, 1024),
        InitialLevelsPerSide = 16_384,
    };

    /// <summary>Feeds inputs to an engine, numbering and time-stamping them.</summary>
    public sealed class Feeder(TradeX.Core.Engine engine)
    {
        public long Sequence;
        public long Time = StartTime;
        public readonly TradeX.Core.Engine Engine = engine;

        public void Apply(EngineInput input)
        {
            input.Sequence = ++Sequence;
            input.Time = Time += 1_000;
            Engine.Apply(in input);
        }

        /// <summary>Numbers pre-built inputs so they follow what was applied so far.</summary>
        public void Number(EngineInput[] inputs)
        {
            for (int i = 0; i < inputs.Length; i++)
            {
                inputs[i].Sequence = ++Sequence;
                inputs[i].Time = Time += 1_000;
            }
        }
    }

    public static void Instrument(Feeder f, int id, int bandBps = 9_000) => f.Apply(EngineInput.Of(new DefineInstrument
    {
        Instrument = new InstrumentId(id), Symbol = Ascii16.Create($"SYM{id}"), TickSize = Price.Parse("0.01"), LotSize = Quantity.Of(1),
        ReferencePrice = Price.Of(100), PriceBandBps = bandBps,
    }));

    /// <summary>An account with every common limit switched on (so every check runs) and room to trade.</summary>
    public static void Account(Feeder f, int id, int participant) => f.Apply(EngineInput.Of(new DefineAccount
    {
        Account = new AccountId(id), Participant = new ParticipantId(participant), Cash = Money.Of(1_000_000_000_000),
        MaxGrossExposure = Money.Of(2_000_000_000_000), MaxNetExposure = Money.Of(2_000_000_000_000), MaxOrderQuantity = Quantity.Of(1_000_000),
        MaxOrderNotional = Money.Of(1_000_000_000), MaxPosition = Quantity.Of(1_000_000_000), DailyLossLimit = Money.Of(1_000_000_000),
    }));

    public static EngineInput Limit(int account, int instrument, Side side, long priceRaw, long quantity, ulong clientOrderId,
        TimeInForce tif = TimeInForce.Day, int venue = 0) => EngineInput.Of(new NewOrder
    {
        Account = new AccountId(account), Instrument = new InstrumentId(instrument), Side = side, Type = OrderType.Limit, TimeInForce = tif,
        Price = new Price(priceRaw), Quantity = Quantity.Of(quantity), ClientOrderId = new ClientOrderId(clientOrderId), Venue = new VenueId(venue),
    });
}

/// <summary>Counts events; allocates nothing.</summary>
internal sealed class NullSink : IEngineEventSink
{
    public long Count;
    public void Publish(in EngineEvent e) => Count++;
}
