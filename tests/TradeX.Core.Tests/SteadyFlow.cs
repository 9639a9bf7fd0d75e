using TradeX.Core;

namespace TradeX.Core.Tests;

/// <summary>
/// A steady-state trading flow with no reference-data changes: limit orders that rest and cross,
/// IOC orders, cancels, replaces, marks, directed venue orders with fills and statuses. Inputs are
/// generated up front (so generating them is not measured), numbered from <c>firstSequence</c>.
/// </summary>
public static class SteadyFlow
{
    public const int Instruments = 4;
    public const int Accounts = 8;

    public static EngineOptions Options { get; } = EngineOptions.Small with
    {
        ExpectedClientOrderIdsPerDay = 2_000_000,
        ExpectedVenueFillsPerDay = 1_000_000,
    };

    public static void Setup(Engine engine, ref long sequence, long time)
    {
        for (int i = 1; i <= Instruments; i++)
        {
            var input = EngineInput.Of(new DefineInstrument
            {
                Instrument = new InstrumentId(i), Symbol = Ascii16.Create($"SYM{i}"), TickSize = Price.Parse("0.01"),
                LotSize = Quantity.Of(1), ReferencePrice = Price.Of(100), PriceBandBps = 5000,
            });
            input.Sequence = ++sequence;
            input.Time = time;
            engine.Apply(in input);
        }
        for (int a = 1; a <= Accounts; a++)
        {
            var input = EngineInput.Of(new DefineAccount
            {
                Account = new AccountId(a), Participant = new ParticipantId(a), Cash = Money.Of(1_000_000_000_000),
                MaxGrossExposure = Money.Of(1_000_000_000_000), MaxOrderQuantity = Quantity.Of(1_000_000),
            });
            input.Sequence = ++sequence;
            input.Time = time;
            engine.Apply(in input);
        }
    }

    public static EngineInput[] Generate(int count, int seed, ref long sequence, ref long time, ref ulong nextClientOrderId, ref long nextOrderId, ref int nextExec)
    {
        var rng = new Random(seed);
        var inputs = new EngineInput[count];
        var open = new List<(int Account, ulong Id)>();
        var venueOrders = new List<long>();
        for (int i = 0; i < count; i++)
        {
            int roll = rng.Next(100);
            int account = 1 + rng.Next(Accounts);
            int instrument = 1 + rng.Next(Instruments);
            EngineInput input;
            if (roll < 45 || open.Count == 0)
            {
                ulong id = nextClientOrderId++;
                bool ioc = rng.Next(5) == 0;
                input = EngineInput.Of(new NewOrder
                {
                    Account = new AccountId(account), Instrument = new InstrumentId(instrument),
                    Side = rng.Next(2) == 0 ? Side.Buy : Side.Sell, Type = OrderType.Limit,
                    TimeInForce = ioc ? TimeInForce.ImmediateOrCancel : TimeInForce.Day,
                    Price = new Price(Price.Of(100).Raw + rng.Next(-20, 21) * 10_000L), Quantity = Quantity.Of(1 + rng.Next(500)),
                    ClientOrderId = new ClientOrderId(id),
                });
                if (!ioc) open.Add((account, id));
                nextOrderId++;
            }
            else if (roll < 70)
            {
                int k = rng.Next(open.Count);
                var (a, id) = open[k];
                open[k] = open[^1];
                open.RemoveAt(open.Count - 1);
                input = EngineInput.Of(new CancelOrder { Account = new AccountId(a), OrigClientOrderId = new ClientOrderId(id) });
            }
            else if (roll < 78)
            {
                var (a, id) = open[rng.Next(open.Count)];
                input = EngineInput.Of(new ReplaceOrder
                {
                    Account = new AccountId(a), OrigClientOrderId = new ClientOrderId(id),
                    Price = new Price(Price.Of(100).Raw + rng.Next(-20, 21) * 10_000L), Quantity = Quantity.Of(1 + rng.Next(500)),
                });
            }
            else if (roll < 85)
            {
                input = EngineInput.Of(new MarkPrice { Instrument = new InstrumentId(instrument), Price = new Price(Price.Of(100).Raw + rng.Next(-500, 501) * 1_000L) });
            }
            else if (roll < 90)
            {
                venueOrders.Add(nextOrderId++);
                input = EngineInput.Of(new NewOrder
                {
                    Account = new AccountId(account), Instrument = new InstrumentId(instrument), Side = Side.Buy, Type = OrderType.Limit,
                    TimeInForce = TimeInForce.Day, Price = Price.Of(101), Quantity = Quantity.Of(100), ClientOrderId = new ClientOrderId(nextClientOrderId++),
                    Venue = new VenueId(1),
                });
            }
            else if (roll < 98 && venueOrders.Count > 0)
            {
                long orderId = venueOrders[rng.Next(venueOrders.Count)];
                input = EngineInput.Of(new VenueFill
                {
                    Venue = new VenueId(1), ExecutionId = ExecutionId.Create($"E{nextExec++}"), OrderId = new OrderId(orderId),
                    Quantity = Quantity.Of(1 + rng.Next(20)), Price = Price.Of(101), Account = new AccountId(account),
                    Instrument = new InstrumentId(instrument), Side = Side.Buy,
                });
            }
            else if (venueOrders.Count > 0)
            {
                int k = rng.Next(venueOrders.Count);
                input = EngineInput.Of(new VenueOrderStatus { Venue = new VenueId(1), OrderId = new OrderId(venueOrders[k]), State = VenueOrderState.Canceled });
                venueOrders.RemoveAt(k);
            }
            else
            {
                input = EngineInput.Tick();
            }
            input.Sequence = ++sequence;
            time += 1_000;
            input.Time = time;
            inputs[i] = input;
        }
        return inputs;
    }
}

/// <summary>Counts events without keeping them: the sink for allocation measurements.</summary>
public sealed class CountingSink : IEngineEventSink
{
    public long Count;
    public long Trades;
    public void Publish(in EngineEvent e)
    {
        Count++;
        if (e.Kind == EventKind.Trade) Trades++;
    }
}
