using System.Diagnostics;
using TradeX.Core;
using TradeX.Node.Config;
using TradeX.Pipeline;

namespace TradeX.Sim.Load;

/// <summary>
/// One producer thread of the built-in order flow: new limit orders around a moving mid (some cross),
/// IOC orders that take liquidity, cancels and replaces of its own recent orders. Open loop: when a rate
/// is set, input k is due at start + k/rate and its latency is measured from when it was due, not from
/// when it was sent, so a stalled pipeline cannot hide its own delay (coordinated omission). An input
/// refused as "busy" is counted and dropped, as a gateway would reject it.
/// </summary>
public sealed class OrderFlowGenerator
{
    private const int RecentCapacity = 4096;
    private readonly InputPublisher _publisher;
    private readonly int _producer;
    private readonly Random _rng;
    private readonly double _ratePerSecond;
    private readonly (int Id, long Tick, long Reference)[] _instruments;
    private readonly int[] _accounts;
    private readonly long[] _mids;
    private readonly (int Account, ulong Id, int Instrument)[] _recent = new (int, ulong, int)[RecentCapacity];
    private int _recentCount;
    private ulong _nextId;

    /// <param name="firstClientOrderId">Offset for client order ids, so a node restarted on its journal never reuses one (pass the recovered sequence).</param>
    public OrderFlowGenerator(NodeConfig config, InputPublisher publisher, int producer, int seed, double ratePerSecond, long firstClientOrderId = 0)
    {
        _publisher = publisher;
        _producer = producer;
        _rng = new Random(seed);
        _ratePerSecond = ratePerSecond;
        _instruments = config.Instruments.Select(i => (i.Id, Price.Parse(i.Tick).Raw, Price.Parse(i.Reference).Raw)).ToArray();
        _accounts = config.Accounts.Select(a => a.Id).ToArray();
        _mids = _instruments.Select(i => i.Reference).ToArray();
        _nextId = ((ulong)producer << 48) + (ulong)firstClientOrderId;
    }

    /// <summary>Whether inputs sent from now on have their response latency recorded (off during warm-up).</summary>
    public volatile bool Measure = true;

    public long Sent { get; private set; }
    public long Busy { get; private set; }

    public void Run(CancellationToken stop)
    {
        long start = Stopwatch.GetTimestamp();
        double ticksPerInput = _ratePerSecond > 0 ? Stopwatch.Frequency / _ratePerSecond : 0;
        long k = 0;
        while (!stop.IsCancellationRequested)
        {
            long due = _ratePerSecond > 0 ? start + (long)(k * ticksPerInput) : Stopwatch.GetTimestamp();
            if (_ratePerSecond > 0) WaitUntil(due, stop);
            EngineInput input = Next();
            input.Time = NodeClock.NowNanos();
            if (TryPublish(in input, due)) Sent++;
            else Busy++;
            k++;
        }
    }

    private bool TryPublish(in EngineInput input, long due)
    {
        using var claim = _publisher.TryClaim(_producer);
        if (!claim.IsClaimed) return false;
        claim.Input = input;
        if (Measure) claim.MeasureFrom(due);
        return true;
    }

    // Yield rather than spin while waiting: on a small machine the producer shares its core with the
    // journal, replication and publisher stages, and a spinning producer would hold them off for a
    // whole scheduler time slice.
    private static void WaitUntil(long due, CancellationToken stop)
    {
        while (due - Stopwatch.GetTimestamp() > 0 && !stop.IsCancellationRequested) Thread.Yield();
    }

    private EngineInput Next()
    {
        int roll = _rng.Next(100);
        int which = _rng.Next(_instruments.Length);
        var (id, tick, reference) = _instruments[which];
        // The mid wanders a tick at a time but stays within 3% of the reference (inside the collar).
        long mid = _mids[which] += (_rng.Next(3) - 1) * tick;
        long limit = reference * 3 / 100;
        if (mid < reference - limit || mid > reference + limit) _mids[which] = mid = reference;
        int account = _accounts[_rng.Next(_accounts.Length)];

        // Cancels and replaces of this producer's own resting orders keep the book (and exposure) bounded.
        if (roll < 40 && _recentCount > 0)
        {
            int index = _rng.Next(_recentCount);
            var (acct, orderId, _) = _recent[index];
            _recent[index] = _recent[--_recentCount];
            return EngineInput.Of(new CancelOrder { Account = new AccountId(acct), OrigClientOrderId = new ClientOrderId(orderId), ClientOrderId = new ClientOrderId(++_nextId) });
        }
        if (roll < 48 && _recentCount > 0)
        {
            var (acct, orderId, instrument) = _recent[_rng.Next(_recentCount)];
            return EngineInput.Of(new ReplaceOrder
            {
                Account = new AccountId(acct), OrigClientOrderId = new ClientOrderId(orderId), ClientOrderId = new ClientOrderId(0),
                Price = new Price(_mids[instrument] + (_rng.Next(21) - 10) * _instruments[instrument].Tick), Quantity = Quantity.Of(10 * (1 + _rng.Next(20))),
            });
        }
        Side side = _rng.Next(2) == 0 ? Side.Buy : Side.Sell;
        bool take = roll >= 85;
        long offset = take ? _rng.Next(1, 5) * tick : _rng.Next(0, 20) * tick;
        long price = side == Side.Buy ? (take ? mid + offset : mid - offset) : (take ? mid - offset : mid + offset);
        ulong clientOrderId = ++_nextId;
        if (!take)
        {
            if (_recentCount == RecentCapacity) _recent[_rng.Next(RecentCapacity)] = (account, clientOrderId, which); // forget one (it rests until the day ends)
            else _recent[_recentCount++] = (account, clientOrderId, which);
        }
        return EngineInput.Of(new NewOrder
        {
            Account = new AccountId(account), Instrument = new InstrumentId(id), Side = side, Type = OrderType.Limit,
            TimeInForce = take ? TimeInForce.ImmediateOrCancel : TimeInForce.Day, Price = new Price(price),
            Quantity = Quantity.Of(10 * (1 + _rng.Next(20))), ClientOrderId = new ClientOrderId(clientOrderId),
        });
    }
}
