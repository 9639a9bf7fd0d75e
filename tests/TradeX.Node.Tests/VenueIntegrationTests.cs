using System.Collections.Concurrent;
using System.Diagnostics;
using TradeX.Core;
using TradeX.Disruptor;
using TradeX.Fix.Transport;
using TradeX.Pipeline;
using TradeX.Venues;

namespace TradeX.Node.Tests;

/// <summary>
/// Venue sessions in the pipeline, against the real QuickFIX C++ exchange simulator over loopback: the
/// engine's child orders leave as NewOrderSingle / OrderCancelRequest, every ExecutionReport comes back
/// as an engine input through the input ring (so it is journaled), and fills reach the positions.
/// The simulator answers by symbol: FILL (any other) = New + full fill, PART = New + two fills,
/// REJ = rejected, REST = New only (then cancelled on request), FLOOD = New + OrderQty fills of 1 back to back.
/// </summary>
[NonParallelizable]
public sealed class VenueIntegrationTests
{
    private sealed class EventRecorder : IEventHandler<OutputEntry>
    {
        public readonly ConcurrentQueue<EngineEvent> Events = new();
        private int _filledAtVenue;

        /// <summary>Orders whose last quantity a venue fill completed (counted here: a flood is too many events to search).</summary>
        public int OrdersFilledAtVenue => Volatile.Read(ref _filledAtVenue);

        public void OnEvent(ref OutputEntry data, long sequence, bool endOfBatch)
        {
            Events.Enqueue(data.Event);
            if (data.Event.Kind == EventKind.Trade && !data.Event.Trade.Venue.IsInternal && data.Event.Trade.BuyLeaves.IsZero)
                Interlocked.Increment(ref _filledAtVenue);
        }

        public bool Has(Func<EngineEvent, bool> predicate) => Events.Any(predicate);
    }

    private static readonly (int Id, string Symbol)[] Symbols = [(1, "FILL"), (2, "PART"), (3, "REJ"), (4, "REST"), (5, "FLOOD")];

    private sealed class Node : IDisposable
    {
        public readonly NodePipeline Pipeline;
        public readonly EventRecorder Recorder = new();
        public readonly VenueConnector Venues;
        public FixEngine Fix = null!;
        public QuickFixSimulator Simulator = null!;
        public readonly string Directory;
        public readonly int Port;
        private ulong _nextId = 1;

        public Node(PipelineOptions? options = null)
        {
            Directory = TestPaths.NewTempDirectory("venue-node");
            Port = FreePort.Next();
            Pipeline = new NodePipeline(options ?? new PipelineOptions { InputRingSize = 1024, OutputRingSize = 4096, Engine = EngineOptions.Small });
            Venues = new VenueConnector(Pipeline.Publisher, Symbols.ToDictionary(s => s.Id, s => s.Symbol));
            Pipeline.AddPublisher("recorder", Recorder);
            Pipeline.AddPublisher("venues", Venues);
            Pipeline.Start();
            Publish(EngineInput.Of(new DefineAccount { Account = new AccountId(10), Participant = new ParticipantId(1), Cash = Money.Of(100_000_000) }));
            Publish(EngineInput.Of(new DefineVenue { Venue = new VenueId(1), Name = Ascii16.Create("QFSIM"), Enabled = true, LatencyNanos = 50_000 }));
            foreach (var (id, symbol) in Symbols)
            {
                Publish(EngineInput.Of(new DefineInstrument
                {
                    Instrument = new InstrumentId(id), Symbol = Ascii16.Create(symbol), TickSize = Price.Parse("0.01"), LotSize = Quantity.Of(1),
                    ReferencePrice = Price.Of(100), PriceBandBps = 1000,
                }));
                Publish(EngineInput.Of(new VenueQuote
                {
                    Venue = new VenueId(1), Instrument = new InstrumentId(id), BidPrice = Price.Parse("99.99"), BidSize = Quantity.Of(5_000),
                    AskPrice = Price.Parse("100.01"), AskSize = Quantity.Of(5_000),
                }));
            }
            StartSimulator();
            string settings = Path.Combine(Directory, "venue.cfg");
            File.WriteAllText(settings, $"""
                [DEFAULT]
                ConnectionType=initiator
                HeartBtInt=30
                ReconnectInterval=1
                StartTime=00:00:00
                EndTime=00:00:00
                FileStorePath={Path.Combine(Directory, "store")}
                DataDictionary={TestPaths.Fix44Dictionary}
                SocketNodelay=Y
                [SESSION]
                BeginString=FIX.4.4
                SenderCompID=TRADEX
                TargetCompID=EXCH
                SocketConnectHost=127.0.0.1
                SocketConnectPort={Port}
                """);
            var session = Venues.Add(1, "QFSIM");
            Fix = FixEngine.FromFile(settings, _ => session);
            session.Bind(Fix.Sessions[0]);
            Fix.Start();
            WaitFor(e => e.Kind == EventKind.VenueSessionChanged && e.VenueSessionChanged.Up, "the venue session to come up");
        }

        public void StartSimulator() => Simulator = QuickFixSimulator.Start(Path.Combine(Directory, "sim"), "acceptor", Port);

        /// <summary>Publishes with the producer's clock, or at <paramref name="time"/> (Unix-epoch nanoseconds).</summary>
        public void Publish(EngineInput input, long? time = null)
        {
            input.Time = time ?? NodeClock.NowNanos();
            var clock = Stopwatch.StartNew();
            while (!Pipeline.Publisher.TryPublish(in input, 1))
            {
                if (clock.Elapsed > TimeSpan.FromSeconds(20)) Assert.Fail("input ring stayed full");
                Thread.Yield();
            }
        }

        public ulong Order(int instrument, Side side, string price, long quantity, TimeInForce tif = TimeInForce.Day, RoutingPolicy routing = RoutingPolicy.SmartRoute, int venue = 0)
        {
            ulong id = _nextId++;
            Publish(EngineInput.Of(new NewOrder
            {
                Account = new AccountId(10), Instrument = new InstrumentId(instrument), Side = side, Type = OrderType.Limit, TimeInForce = tif,
                Price = Price.Parse(price), Quantity = Quantity.Of(quantity), ClientOrderId = new ClientOrderId(id), Routing = routing, Venue = new VenueId(venue),
            }));
            return id;
        }

        public EngineEvent WaitFor(Func<EngineEvent, bool> predicate, string what)
        {
            EngineEvent found = default;
            Wait.Until(() =>
            {
                foreach (var e in Recorder.Events)
                    if (predicate(e)) { found = e; return true; }
                return false;
            }, () => $"{what}\n--- simulator ---\n{Simulator.Tail()}", TimeSpan.FromSeconds(30));
            return found;
        }

        /// <summary>
        /// Stops the FIX engine and the pipeline, each within a deadline: a node that deadlocked (the failure
        /// some tests look for) cannot stop, and its threads are background threads, so the run goes on.
        /// </summary>
        public void Dispose()
        {
            var stop = new Thread(() =>
            {
                Fix?.Stop();
                Pipeline.Stop();
            }) { IsBackground = true };
            stop.Start();
            if (!stop.Join(TimeSpan.FromSeconds(30))) TestContext.Out.WriteLine("the node did not stop within 30 s (deadlocked); left behind");
            Simulator?.Dispose();
        }
    }

    [Test]
    public void A_smart_routed_order_is_sent_to_the_real_venue_and_its_fill_reaches_the_position()
    {
        using var node = new Node();
        node.Order(1, Side.Buy, "100.01", 300);

        var trade = node.WaitFor(e => e.Kind == EventKind.Trade && !e.Trade.Venue.IsInternal, "a venue fill").Trade;
        node.WaitFor(e => e.Kind == EventKind.ChildOrderClosed, "the child to close filled");
        var nos = node.Simulator.WaitForMessage("FROMAPP", "D");
        Assert.That((nos[55], nos[38], nos[54], nos[40], nos[59]), Is.EqualTo(("FILL", "300", "1", "2", "3")), "symbol, quantity, side, limit, IOC");
        Assert.That((trade.Quantity.Units, trade.BuyAccount.Value), Is.EqualTo((300L, 10)));
        node.Pipeline.Stop();
        Assert.That(node.Pipeline.Engine.GetPosition(new AccountId(10), new InstrumentId(1))!.Quantity, Is.EqualTo(Quantity.Of(300)));
        Assert.That(node.Pipeline.Engine.CheckInvariants(), Is.Empty);
        var journaled = ((InMemoryJournal)node.Pipeline.Journal).Inputs().Count(i => i.Kind == InputKind.VenueFill);
        Assert.That(journaled, Is.EqualTo(1), "the venue's fill entered through the journal");
    }

    [Test]
    public void Partial_fills_reject_and_cancel_round_trips_with_the_real_venue()
    {
        using var node = new Node();
        node.Order(2, Side.Buy, "100.01", 200);               // PART: two fills
        node.Order(3, Side.Buy, "100.01", 100, TimeInForce.ImmediateOrCancel);   // REJ
        ulong rest = node.Order(4, Side.Sell, "100.50", 50, routing: RoutingPolicy.Internal, venue: 1);  // directed, rests there

        node.WaitFor(e => e.Kind == EventKind.Trade && e.Trade.Instrument.Value == 2 && e.Trade.BuyLeaves.IsZero, "PART filled");
        var rejected = node.WaitFor(e => e.Kind == EventKind.OrderCanceled && e.OrderCanceled.Instrument.Value == 3, "REJ parent cancelled").OrderCanceled;
        Assert.That((rejected.CanceledQuantity.Units, rejected.Reason), Is.EqualTo((100L, CancelReason.ImmediateOrCancel)));
        node.Simulator.WaitForMessage("TOAPP", "8", m => m[55] == "REST" && m[150] == "0");
        node.Publish(EngineInput.Of(new CancelOrder { Account = new AccountId(10), OrigClientOrderId = new ClientOrderId(rest) }));
        var canceled = node.WaitFor(e => e.Kind == EventKind.OrderCanceled && e.OrderCanceled.Instrument.Value == 4, "REST cancelled by the venue").OrderCanceled;
        Assert.That((canceled.Reason, canceled.CanceledQuantity.Units), Is.EqualTo((CancelReason.VenueCanceled, 50L)));
        Assert.That(node.Simulator.Messages("FROMAPP", "F"), Has.Count.EqualTo(1));
        node.Pipeline.Stop();
        Assert.That(node.Pipeline.Engine.GetPosition(new AccountId(10), new InstrumentId(2))!.Quantity, Is.EqualTo(Quantity.Of(200)));
        Assert.That(node.Pipeline.Engine.CheckInvariants(), Is.Empty);
    }

    [Test]
    public void A_venue_that_dies_makes_its_children_unknown_and_they_are_never_rerouted_until_it_confirms()
    {
        using var node = new Node();
        node.Order(4, Side.Buy, "99.00", 100);   // REST: rests at the venue as a day child
        node.Simulator.WaitForMessage("TOAPP", "8", m => m[55] == "REST" && m[150] == "0");
        node.WaitFor(e => e.Kind == EventKind.VenueOrderRequested, "the child request");

        node.Simulator.Kill();
        var down = node.WaitFor(e => e.Kind == EventKind.VenueSessionChanged && !e.VenueSessionChanged.Up, "session down").VenueSessionChanged;
        Assert.That(down.UnknownChildren, Is.EqualTo(1));
        node.StartSimulator();
        node.WaitFor(e => e.Kind == EventKind.VenueSessionChanged && e.VenueSessionChanged.Up && e.Sequence > 0 &&
                          node.Recorder.Events.Count(x => x.Kind == EventKind.VenueSessionChanged && x.VenueSessionChanged.Up) >= 2, "session up again");
        node.Pipeline.Stop();
        var parent = node.Pipeline.Engine.OpenOrders(new AccountId(10)).Single();
        Assert.That(node.Pipeline.Engine.ChildOrders(parent.OrderId).Single().State, Is.EqualTo("ChildUnknown"), "still unknown: committed, not re-routed");
        Assert.That(node.Recorder.Events.Count(e => e.Kind == EventKind.VenueOrderRequested), Is.EqualTo(1));
    }

    [Test]
    public void An_order_and_its_cancel_sent_to_a_venue_carry_the_engine_time_of_the_input_that_caused_each_as_TransactTime()
    {
        using var node = new Node();
        // Times the wall clock cannot give by chance when the messages are sent: seconds ahead of it.
        long orderTime = NodeClock.NowNanos() + 5_000_000_000L, cancelTime = orderTime + 1_500_000_000L;
        node.Publish(EngineInput.Of(new NewOrder
        {
            Account = new AccountId(10), Instrument = new InstrumentId(4), Side = Side.Sell, Type = OrderType.Limit, TimeInForce = TimeInForce.Day,
            Price = Price.Parse("100.50"), Quantity = Quantity.Of(10), ClientOrderId = new ClientOrderId(1), Routing = RoutingPolicy.Internal,
            Venue = new VenueId(1),
        }), orderTime);
        var requested = node.WaitFor(e => e.Kind == EventKind.VenueOrderRequested, "the venue order request");
        Assert.That(requested.Time, Is.EqualTo(orderTime), "the engine's time is the order's");
        var nos = node.Simulator.WaitForMessage("FROMAPP", "D");
        Assert.That(nos[60], Is.EqualTo(FixTimestamp(orderTime)), "NewOrderSingle TransactTime(60) = the order's engine time");

        node.Simulator.WaitForMessage("TOAPP", "8", m => m[55] == "REST" && m[150] == "0");
        node.Publish(EngineInput.Of(new CancelOrder { Account = new AccountId(10), OrigClientOrderId = new ClientOrderId(1) }), cancelTime);
        var cancel = node.Simulator.WaitForMessage("FROMAPP", "F");
        Assert.That(cancel[60], Is.EqualTo(FixTimestamp(cancelTime)), "OrderCancelRequest TransactTime(60) = the cancel's engine time");
        node.WaitFor(e => e.Kind == EventKind.OrderCanceled, "the order cancelled by the venue");
    }

    /// <summary>Unix-epoch nanoseconds as a FIX UTCTimestamp, to the millisecond FIX carries (truncated).</summary>
    private static string FixTimestamp(long unixNanos) =>
        DateTime.UnixEpoch.AddTicks(unixNanos / 100).ToString("yyyyMMdd-HH:mm:ss.fff", System.Globalization.CultureInfo.InvariantCulture);

    [Test]
    public void A_venue_flooding_fills_into_full_rings_while_the_engine_keeps_sending_it_orders_does_not_stop_the_node()
    {
        // Small rings (the output ring as small as the engine stage takes: more than 256 slots): the input ring is
        // full while the venue floods fills, and the engine, blocked on a full output ring, waits for the
        // connector to send the next orders to that same venue.
        using var node = new Node(new PipelineOptions { InputRingSize = 16, OutputRingSize = 512, Engine = EngineOptions.Small });
        const int orders = 300;
        var random = new Random(20261203);
        long bought = 0;
        for (int i = 0; i < orders; i++)
        {
            long quantity = random.Next(50, 201);
            bought += quantity;
            node.Order(5, Side.Buy, "100.00", quantity, routing: RoutingPolicy.Internal, venue: 1);
        }

        Wait.Until(() => node.Recorder.OrdersFilledAtVenue == orders,
            () => $"every order filled: {node.Recorder.OrdersFilledAtVenue} of {orders}, {node.Venues.OrdersSent} sent, " +
                  $"{node.Venues.ReportsPublished} reports published\n--- simulator ---\n{node.Simulator.Tail()}", TimeSpan.FromSeconds(120));
        Assert.That(node.Pipeline.Publisher.Busy, Is.GreaterThan(0), "the input ring was full at times");
        Assert.That(node.Pipeline.Stop(), "the pipeline drained and stopped");
        var engine = node.Pipeline.Engine;
        Assert.That(engine.GetPosition(new AccountId(10), new InstrumentId(5))!.Quantity, Is.EqualTo(Quantity.Of(bought)));
        Assert.That(engine.OpenOrders(new AccountId(10)), Is.Empty);
        Assert.That(engine.CheckInvariants(), Is.Empty);
        Assert.That(node.Venues.OrdersSent, Is.EqualTo(orders));
    }
}
