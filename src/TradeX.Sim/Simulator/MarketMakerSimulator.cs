using System.Diagnostics;
using TradeX.Metrics;
using TradeX.Protocol.OrderEntry;
using TradeX.Sim.Client;

namespace TradeX.Sim.Simulator;

/// <summary>
/// Market makers and takers over real gateway sessions: each market maker streams MassQuotes around a
/// moving mid in every instrument; each taker sends immediate-or-cancel orders that cross the quotes,
/// resting orders away from the market, and cancels and replaces of those. One driver thread sends
/// everything open loop (request k is due at start + k/rate, and latency runs from that due time, so a
/// stalled gateway cannot hide its delay by slowing the sender); each session's client receives on
/// its own blocking thread, or (<see cref="SimulatorOptions.BusyPollReceive"/>) one thread busy-polls every
/// session's socket. A dropped session is reconnected (same session id) in the background.
/// </summary>
public static class MarketMakerSimulator
{
    public static SimulatorResult Run(SimulatorOptions options, CancellationToken cancel)
    {
        if (options.MarketMakers.Count == 0 && options.Takers.Count == 0) throw new ArgumentException("the simulator needs market makers or takers");
        if (options.Instruments.Count == 0) throw new ArgumentException("the simulator needs instruments");
        var sessions = new List<SimSession>();
        // Busy-polling: one thread reads every session's responses (the sender is the only other busy thread).
        using var poller = options.BusyPollReceive ? new ClientReceivePoller("sim-receive") : null;
        ulong runStamp = (ulong)(DateTime.UtcNow - DateTime.UnixEpoch).TotalSeconds & 0xFFFF_FFFF;
        int index = 0;
        foreach (var (participant, marketMaker) in options.MarketMakers.Select(p => (p, true)).Concat(options.Takers.Select(p => (p, false))))
        {
            var client = new OrderEntryClientOptions
            {
                Endpoint = options.Endpoint,
                SessionId = options.SessionIdBase + (ulong)index++,
                ParticipantId = (uint)participant.ParticipantId,
                Credentials = SimSession.SecretBytes(participant),
                KeepAliveMillis = options.KeepAliveMillis,
                ReceivePoller = poller,
                // A simulated client resends at most what was in flight when its connection dropped (milliseconds of
                // traffic): 8,192 messages in 1 MB, not the library's 65,536 in 8 MB, which were ~50 MB of the main job.
                SentHistoryMessages = 8 * 1024,
                SentHistoryBytes = 1 << 20,
            };
            sessions.Add(new SimSession(participant, client, marketMaker, options.ResetTrippedProtection) { NextId = runStamp << 32 });
        }
        try
        {
            foreach (var s in sessions) s.Client.Connect();
            var driver = new Driver(options, sessions);
            var measured = driver.Run(cancel);
            // Let the last responses arrive before the books are closed.
            Thread.Sleep(200);
            foreach (var s in sessions) s.Recording = false;
            return Collect(sessions, driver, measured);
        }
        finally
        {
            foreach (var s in sessions) s.Client.Dispose();
        }
    }

    private static SimulatorResult Collect(List<SimSession> sessions, Driver driver, TimeSpan measured)
    {
        var orders = new HdrHistogram(1, 60_000_000_000L, 3);
        var quotes = new HdrHistogram(1, 60_000_000_000L, 3);
        var rejects = new Dictionary<ushort, long>();
        foreach (var s in sessions)
        {
            orders.Add(s.OrderLatency);
            quotes.Add(s.QuoteLatency);
            foreach (var (code, count) in s.Rejects) rejects[code] = rejects.GetValueOrDefault(code) + count;
        }
        return new SimulatorResult
        {
            OrderLatency = orders,
            QuoteLatency = quotes,
            SendLag = driver.SendLag,
            Measured = measured,
            OrdersSent = driver.OrdersSent,
            CancelsSent = driver.CancelsSent,
            ReplacesSent = driver.ReplacesSent,
            MassQuotesSent = driver.MassQuotesSent,
            NotSent = driver.NotSent,
            ExecutionReports = sessions.Sum(s => Interlocked.Read(ref s.ExecutionReports)),
            Fills = sessions.Sum(s => Interlocked.Read(ref s.Fills)),
            OrdersRejected = sessions.Sum(s => Interlocked.Read(ref s.OrdersRejected)),
            QuoteAcks = sessions.Sum(s => Interlocked.Read(ref s.QuoteAcks)),
            QuoteEntriesRejected = sessions.Sum(s => Interlocked.Read(ref s.QuoteEntriesRejected)),
            CancelRejects = sessions.Sum(s => Interlocked.Read(ref s.CancelRejects)),
            BusinessRejects = sessions.Sum(s => Interlocked.Read(ref s.BusinessRejects)),
            Disconnects = sessions.Sum(s => Interlocked.Read(ref s.Disconnects)),
            ProtectionResets = sessions.Sum(s => Interlocked.Read(ref s.ProtectionResets)),
            RejectsByReason = rejects,
        };
    }

    /// <summary>The single sending thread's state: mids, schedules, per-session round robin.</summary>
    private sealed class Driver
    {
        private readonly SimulatorOptions _options;
        private readonly SimSession[] _makers;
        private readonly SimSession[] _takers;
        private readonly long[] _mids;
        private readonly Random _rng;
        private readonly QuoteEntry[] _entries;

        public Driver(SimulatorOptions options, List<SimSession> sessions)
        {
            _options = options;
            _makers = sessions.Where(s => s.MarketMaker).ToArray();
            _takers = sessions.Where(s => !s.MarketMaker).ToArray();
            _mids = options.Instruments.Select(i => i.ReferencePrice).ToArray();
            _rng = new Random(options.Seed);
            _entries = new QuoteEntry[Math.Max(1, Math.Min(options.EntriesPerMassQuote, options.Instruments.Count))];
        }

        public long OrdersSent, CancelsSent, ReplacesSent, MassQuotesSent, NotSent;

        /// <summary>How late each measured request was sent after its due time (ns).</summary>
        public HdrHistogram SendLag { get; } = new(1, 60_000_000_000L, 3);

        public TimeSpan Run(CancellationToken cancel)
        {
            long frequency = Stopwatch.Frequency;
            long start = Stopwatch.GetTimestamp();
            long measureFrom = start + (long)(_options.Warmup.TotalSeconds * frequency);
            long end = measureFrom + (long)(_options.Duration.TotalSeconds * frequency);
            double quoteInterval = _makers.Length > 0 && _options.MassQuotesPerSecond > 0 ? frequency / _options.MassQuotesPerSecond : double.PositiveInfinity;
            double orderInterval = _takers.Length > 0 && _options.OrdersPerSecond > 0 ? frequency / _options.OrdersPerSecond : double.PositiveInfinity;
            long quotes = 0, orders = 0;
            while (!cancel.IsCancellationRequested)
            {
                double quoteDue = start + quotes * quoteInterval;
                double orderDue = start + orders * orderInterval;
                long due = (long)Math.Min(quoteDue, orderDue);
                if (due >= end) break;
                long now;
                while ((now = Stopwatch.GetTimestamp()) < due && !cancel.IsCancellationRequested) Thread.Yield();
                bool measure = due >= measureFrom;
                if (measure) SendLag.RecordValue(Math.Max(1, TradeX.Pipeline.NodeClock.TicksToNanos(now - due)));
                if (quoteDue <= orderDue)
                {
                    Quote(_makers[quotes % _makers.Length], quotes, measure ? due : 0);
                    quotes++;
                }
                else
                {
                    Take(_takers[orders % _takers.Length], measure ? due : 0);
                    orders++;
                }
            }
            long stop = Math.Min(Stopwatch.GetTimestamp(), end);
            return TimeSpan.FromSeconds(Math.Max(0, stop - measureFrom) / (double)frequency);
        }

        private bool Ready(SimSession s)
        {
            if (s.Client.State == ClientState.Established) return true;
            NotSent++;
            if (Interlocked.CompareExchange(ref s.Reconnecting, 1, 0) == 0)
            {
                ThreadPool.QueueUserWorkItem(_ =>
                {
                    try
                    {
                        Thread.Sleep(100);
                        s.Client.Reconnect();
                    }
                    catch (Exception)
                    {
                        // Tried again on the next send.
                    }
                    finally
                    {
                        Volatile.Write(ref s.Reconnecting, 0);
                    }
                });
            }
            return false;
        }

        private void Quote(SimSession s, long k, long due)
        {
            if (!Ready(s)) return;
            var instruments = _options.Instruments;
            int first = (int)(k * _entries.Length % instruments.Count);
            for (int e = 0; e < _entries.Length; e++)
            {
                int i = (first + e) % instruments.Count;
                var instrument = instruments[i];
                long mid = Mid(i);
                long half = _options.HalfSpreadTicks * instrument.Tick;
                _entries[e] = new QuoteEntry(instrument.Id, mid - half, _options.QuoteSize, mid + half, _options.QuoteSize);
            }
            ulong quoteId = ++s.NextId;
            s.ExpectQuote(quoteId, due);
            if (s.Client.SendMassQuote(quoteId, (uint)s.Participant.Accounts[0], _entries) != 0) MassQuotesSent++;
            else NotSent++;
        }

        /// <summary>The mid of instrument <paramref name="i"/> after a possible one-tick step; it stays within 3% of the reference.</summary>
        private long Mid(int i)
        {
            var instrument = _options.Instruments[i];
            long mid = Volatile.Read(ref _mids[i]);
            int step = _rng.Next(10) switch { 0 => -1, 1 => 1, _ => 0 };
            mid += step * instrument.Tick;
            long band = instrument.ReferencePrice * 3 / 100;
            if (mid < instrument.ReferencePrice - band || mid > instrument.ReferencePrice + band) mid = instrument.ReferencePrice;
            Volatile.Write(ref _mids[i], mid);
            return mid;
        }

        private void Take(SimSession s, long due)
        {
            if (!Ready(s)) return;
            int roll = _rng.Next(100);
            if (roll >= 85 && s.RestingCount > 0)
            {
                int pick = _rng.Next(s.RestingCount);
                var r = s.Resting[pick];
                ulong id = ++s.NextId;
                if (roll < 95)
                {
                    s.Resting[pick] = s.Resting[--s.RestingCount];
                    if (s.Client.SendCancel(new CancelRequest(id, r.ClOrdId, r.Account, r.SecurityId, r.Side)) != 0) CancelsSent++;
                    return;
                }
                long quantity = Math.Max(1, r.Quantity - 1);
                s.Resting[pick] = (id, r.Account, r.SecurityId, r.Side, r.Price, quantity);
                if (s.Client.SendReplace(new ReplaceRequest(id, r.ClOrdId, r.Account, r.SecurityId, r.Side, quantity, null)) != 0) ReplacesSent++;
                return;
            }
            int i = _rng.Next(_options.Instruments.Count);
            var instrument = _options.Instruments[i];
            long mid = Volatile.Read(ref _mids[i]);
            var side = _rng.Next(2) == 0 ? Side.Buy : Side.Sell;
            uint account = (uint)s.Participant.Accounts[_rng.Next(s.Participant.Accounts.Count)];
            long size = 1 + _rng.Next((int)Math.Max(1, _options.QuoteSize / 2));
            ulong clOrdId = ++s.NextId;
            long price;
            var timeInForce = TimeInForce.ImmediateOrCancel;
            if (roll < 70)
            {
                long through = (_options.HalfSpreadTicks + 1) * instrument.Tick;
                price = side == Side.Buy ? mid + through : mid - through;
            }
            else
            {
                long away = (_options.HalfSpreadTicks + 3 + _rng.Next(5)) * instrument.Tick;
                price = side == Side.Buy ? mid - away : mid + away;
                timeInForce = TimeInForce.Day;
                if (s.RestingCount == s.Resting.Length) s.RestingCount--; // forget the newest; it rests until the day ends
                s.Resting[s.RestingCount++] = (clOrdId, account, instrument.Id, side, price, size);
            }
            s.ExpectOrder(clOrdId, due);
            if (s.Client.SendNewOrder(new NewOrderRequest(clOrdId, account, instrument.Id, side, size, price, OrdType.Limit, timeInForce)) != 0) OrdersSent++;
            else NotSent++;
        }
    }
}
