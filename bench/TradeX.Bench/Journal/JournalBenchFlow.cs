using TradeX.Core;

namespace TradeX.Bench.Journal;

/// <summary>
/// A deterministic order flow shaped like the node's traffic for the journal benchmarks: reference data,
/// then mostly new orders (internal and venue), cancels, marks and venue fills, with producer times a
/// few microseconds apart. Sequences start at 1.
/// </summary>
public static class JournalBenchFlow
{
    public static EngineInput[] Create(int count, int seed = 1)
    {
        var rng = new Random(seed);
        var inputs = new EngineInput[count];
        long time = 1_767_603_600_000_000_000L;
        int n = 0;
        void Add(EngineInput input)
        {
            if (n == count) return;
            time += rng.Next(1_000, 20_000);
            input.Sequence = n + 1;
            input.Time = time;
            inputs[n++] = input;
        }
        for (int i = 1; i <= 4; i++)
        {
            Add(EngineInput.Of(new DefineInstrument
            {
                Instrument = new InstrumentId(i), Symbol = Ascii16.Create($"SYM{i}"), TickSize = Price.Parse("0.01"), LotSize = Quantity.Of(1),
                ReferencePrice = Price.Of(100), PriceBandBps = 1000,
            }));
        }
        for (int a = 1; a <= 8; a++)
        {
            Add(EngineInput.Of(new DefineAccount { Account = new AccountId(a), Participant = new ParticipantId(a), Cash = Money.Of(1_000_000_000) }));
        }
        ulong clientOrderId = 1;
        while (n < count)
        {
            int roll = rng.Next(100);
            int account = 1 + rng.Next(8);
            if (roll < 70)
            {
                Add(EngineInput.Of(new NewOrder
                {
                    Account = new AccountId(account), Instrument = new InstrumentId(1 + rng.Next(4)), ClientOrderId = new ClientOrderId(clientOrderId++),
                    Side = rng.Next(2) == 0 ? Side.Buy : Side.Sell, Type = OrderType.Limit, TimeInForce = TimeInForce.Day,
                    Price = new Price(99_000_000 + (rng.Next(200) * 10_000L)), Quantity = Quantity.Of(1 + rng.Next(500)), Venue = new VenueId(rng.Next(10) == 0 ? 2 : 0),
                }));
            }
            else if (roll < 88)
            {
                Add(EngineInput.Of(new CancelOrder { Account = new AccountId(account), OrigClientOrderId = new ClientOrderId((ulong)rng.NextInt64(1, (long)clientOrderId)), ClientOrderId = new ClientOrderId(clientOrderId++) }));
            }
            else if (roll < 95)
            {
                Add(EngineInput.Of(new MarkPrice { Instrument = new InstrumentId(1 + rng.Next(4)), Price = new Price(99_000_000 + (rng.Next(200) * 10_000L)) }));
            }
            else
            {
                Add(EngineInput.Of(new VenueFill
                {
                    Venue = new VenueId(2), ExecutionId = ExecutionId.Create($"EX{n}"), OrderId = new OrderId(rng.NextInt64(1, n)), Account = new AccountId(account),
                    Instrument = new InstrumentId(1 + rng.Next(4)), Side = Side.Buy, Quantity = Quantity.Of(1 + rng.Next(100)), Price = Price.Of(100),
                }));
            }
        }
        return inputs;
    }
}
