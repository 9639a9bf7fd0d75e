using System.Diagnostics;
using TradeX.Core;
using TradeX.Disruptor;
using TradeX.Pipeline;

namespace TradeX.Node.Tests;

/// <summary>The pipeline's contract, in every threading mode: the same tests, the same answers.</summary>
[TestFixture(ThreadingMode.Dedicated)]
[TestFixture(ThreadingMode.Shared)]
[TestFixture(ThreadingMode.Single)]
public sealed class PipelineTests(ThreadingMode threading)
{
    private static readonly TimeSpan Patience = TimeSpan.FromSeconds(60);

    private PipelineOptions Small(int inputRing = 1024, int outputRing = 4096) => new()
    {
        Threading = threading,
        InputRingSize = inputRing,
        OutputRingSize = outputRing,
        InputWaitStrategy = "yielding",
        OutputWaitStrategy = "yielding",
        Engine = EngineOptions.Small,
        InMemoryJournalCapacity = 1 << 16,
    };

    private static void PublishOrWait(InputPublisher publisher, EngineInput input, int producer = 1)
    {
        input.Time = NodeClock.NowNanos();
        var deadline = Stopwatch.StartNew();
        while (!publisher.TryPublish(in input, producer))
        {
            if (deadline.Elapsed > Patience) Assert.Fail("the input ring stayed full");
            Thread.Yield();
        }
    }

    private static void Setup(InputPublisher publisher)
    {
        PublishOrWait(publisher, EngineInput.Of(new DefineInstrument
        {
            Instrument = new InstrumentId(1), Symbol = Ascii16.Create("ACME"), TickSize = Price.Parse("0.01"), LotSize = Quantity.Of(1),
            ReferencePrice = Price.Of(50), PriceBandBps = 1000,
        }));
        PublishOrWait(publisher, EngineInput.Of(new DefineAccount { Account = new AccountId(10), Participant = new ParticipantId(1), Cash = Money.Of(10_000_000) }));
    }

    /// <summary>A day order for one ACME at 45, below the market: it rests.</summary>
    private static EngineInput RestingBuy(ulong clientOrderId) => EngineInput.Of(new NewOrder
    {
        Account = new AccountId(10), Instrument = new InstrumentId(1), Side = Side.Buy, Type = OrderType.Limit, TimeInForce = TimeInForce.Day,
        Price = Price.Of(45), Quantity = Quantity.Of(1), ClientOrderId = new ClientOrderId(clientOrderId),
    });

    private static void WaitFor(Func<bool> condition, string what) => Wait.Until(condition, what, Patience);

    [Test]
    public void A_refused_venue_fill_and_a_quarantined_one_are_operator_alerts_in_the_node_log_and_counted()
    {
        var log = new System.Collections.Concurrent.ConcurrentQueue<string>();
        using var pipeline = new NodePipeline(Small(), log: log.Enqueue);
        pipeline.Start();
        Setup(pipeline.Publisher);
        PublishOrWait(pipeline.Publisher, EngineInput.Of(new NewOrder
        {
            Account = new AccountId(10), Instrument = new InstrumentId(1), Side = Side.Buy, Type = OrderType.Limit, TimeInForce = TimeInForce.Day,
            Price = Price.Of(50), Quantity = Quantity.Of(100), ClientOrderId = new ClientOrderId(1), Venue = new VenueId(7),
        }));
        PublishOrWait(pipeline.Publisher, EngineInput.Of(new VenueFill
        {
            Venue = new VenueId(8), ExecutionId = ExecutionId.Create("W-1"), OrderId = new OrderId(1), Quantity = Quantity.Of(10), Price = Price.Of(50),
        }));
        PublishOrWait(pipeline.Publisher, EngineInput.Of(new VenueFill
        {
            Venue = new VenueId(7), ExecutionId = ExecutionId.Create("H-1"), OrderId = new OrderId(1), Quantity = Quantity.Of(10), Price = Price.Of(51),
        }));
        Assert.That(pipeline.Stop(), Is.True);

        var alerts = log.Where(l => l.StartsWith("ALERT", StringComparison.Ordinal)).ToList();
        Assert.That(alerts, Has.Count.EqualTo(2), string.Join("\n", log));
        Assert.That(alerts[0], Does.Contain("REFUSED").And.Contain("venue 8").And.Contain("44 the fill names an order that is not working at that venue"));
        Assert.That(alerts[1], Does.Contain("QUARANTINED as break 1").And.Contain("46 fill price is worse than the order's limit"));
        Assert.That((pipeline.Statistics.BreaksOf(FillBreakStatus.Refused), pipeline.Statistics.BreaksOf(FillBreakStatus.Opened)), Is.EqualTo((1L, 1L)));
        Assert.That(pipeline.Engine.GetPosition(new AccountId(10), new InstrumentId(1))!.Quantity, Is.EqualTo(Quantity.Zero));
    }

    [Test]
    public void Ten_producers_times_100_fills_of_one_make_a_position_of_exactly_1000_and_the_journal_replays_to_the_same_hash()
    {
        using var pipeline = new NodePipeline(Small(inputRing: 64));
        pipeline.Start();
        Setup(pipeline.Publisher);
        PublishOrWait(pipeline.Publisher, EngineInput.Of(new NewOrder
        {
            Account = new AccountId(10), Instrument = new InstrumentId(1), Side = Side.Buy, Type = OrderType.Limit, TimeInForce = TimeInForce.Day,
            Price = Price.Of(50), Quantity = Quantity.Of(1_000), ClientOrderId = new ClientOrderId(1), Venue = new VenueId(7),
        }));
        var producers = Enumerable.Range(0, 10).Select(p => new Thread(() =>
        {
            for (int i = 0; i < 100; i++)
                PublishOrWait(pipeline.Publisher, EngineInput.Of(new VenueFill
                {
                    Venue = new VenueId(7), ExecutionId = ExecutionId.Create($"P{p}-{i}"), OrderId = new OrderId(1), Quantity = Quantity.Of(1),
                    Price = Price.Of(50), Account = new AccountId(10), Instrument = new InstrumentId(1), Side = Side.Buy,
                }), producer: 100 + p);
        })).ToList();
        producers.ForEach(t => t.Start());
        producers.ForEach(t => t.Join());
        Assert.That(pipeline.Stop(), Is.True);

        Assert.That(pipeline.Engine.GetPosition(new AccountId(10), new InstrumentId(1))!.Quantity, Is.EqualTo(Quantity.Of(1_000)));
        Assert.That(pipeline.Engine.Counters.VenueFillsApplied, Is.EqualTo(1_000));
        var replay = new Engine(new NullSink(), EngineOptions.Small);
        foreach (var input in ((InMemoryJournal)pipeline.Journal).Inputs()) replay.Apply(in input);
        Assert.That(replay.StateHash(), Is.EqualTo(pipeline.Engine.StateHash()));
        Assert.That(replay.LastSequence, Is.EqualTo(1_003));
    }

    [Test]
    public void Three_producers_times_a_million_inputs_are_applied_in_sequence_none_lost_none_duplicated()
    {
        const int PerProducer = 1_000_000;
        var options = Small(inputRing: 1 << 14) with { InMemoryJournalCapacity = 3L * PerProducer + 1_000 };
        using var pipeline = new NodePipeline(options);
        pipeline.Start();
        var producers = Enumerable.Range(0, 3).Select(p => new Thread(() =>
        {
            for (int i = 0; i < PerProducer; i++)
            {
                // The producer and its own counter ride in the (otherwise unused) time of a tick.
                var tick = EngineInput.Tick();
                tick.Time = (p + 1) * 1_000_000_000_000L + i;
                while (!pipeline.Publisher.TryPublish(in tick, p)) Thread.Yield();
            }
        })).ToList();
        producers.ForEach(t => t.Start());
        producers.ForEach(t => t.Join());
        Assert.That(pipeline.Stop(), Is.True);

        var journal = (InMemoryJournal)pipeline.Journal;
        Assert.That(journal.Count, Is.EqualTo(3L * PerProducer));
        Assert.That(pipeline.Engine.LastSequence, Is.EqualTo(3L * PerProducer));
        Assert.That(pipeline.Engine.Counters.InputsApplied, Is.EqualTo(3L * PerProducer));
        Assert.That(pipeline.Engine.Counters.StaleInputsIgnored, Is.Zero);
        long expectedSequence = 1;
        var next = new long[3];
        foreach (var input in journal.Inputs())
        {
            Assert.That(input.Sequence, Is.EqualTo(expectedSequence++), "the journal holds every sequence once, in order");
            int producer = (int)(input.Time / 1_000_000_000_000L) - 1;
            long counter = input.Time % 1_000_000_000_000L;
            if (counter != next[producer]) Assert.Fail($"producer {producer}: expected its input {next[producer]}, found {counter}");
            next[producer]++;
        }
        Assert.That(next, Is.All.EqualTo(PerProducer));
    }

    [Test]
    public void A_slow_journal_holds_back_every_response_until_its_input_is_journaled()
    {
        var journal = new SlowJournal(new InMemoryJournal(1 << 16), TimeSpan.FromMilliseconds(2));
        var watcher = new GateWatcher(journal, null);
        using var pipeline = new NodePipeline(Small(), journal, publishers: [("gate-watcher", watcher)]);
        pipeline.Start();
        Setup(pipeline.Publisher);
        for (int i = 0; i < 300; i++)
            PublishOrWait(pipeline.Publisher, EngineInput.Of(new NewOrder
            {
                Account = new AccountId(10), Instrument = new InstrumentId(1), Side = i % 2 == 0 ? Side.Buy : Side.Sell, Type = OrderType.Limit,
                TimeInForce = TimeInForce.ImmediateOrCancel, Price = Price.Of(50), Quantity = Quantity.Of(1), ClientOrderId = new ClientOrderId((ulong)i + 1),
            }));
        Assert.That(pipeline.Stop(), Is.True);

        Assert.That(watcher.Checked, Is.GreaterThan(600));
        Assert.That(watcher.Violations, Is.Zero, watcher.FirstViolation);
    }

    [Test]
    public void A_slow_replication_stage_holds_back_responses_just_the_same()
    {
        var replicator = new SlowReplicator(TimeSpan.FromMilliseconds(2));
        var watcher = new GateWatcher(null, replicator);
        using var pipeline = new NodePipeline(Small(), replicator: replicator, publishers: [("gate-watcher", watcher)]);
        pipeline.Start();
        Setup(pipeline.Publisher);
        for (int i = 0; i < 200; i++)
            PublishOrWait(pipeline.Publisher, EngineInput.Of(new MarkPrice { Instrument = new InstrumentId(1), Price = Price.Of(50 + i % 3) }));
        PublishOrWait(pipeline.Publisher, EngineInput.Of(new NewOrder
        {
            Account = new AccountId(10), Instrument = new InstrumentId(1), Side = Side.Buy, Type = OrderType.Limit, TimeInForce = TimeInForce.Day,
            Price = Price.Of(50), Quantity = Quantity.Of(1), ClientOrderId = new ClientOrderId(1),
        }));
        Assert.That(pipeline.Stop(), Is.True);
        Assert.That(watcher.Checked, Is.GreaterThan(2));
        Assert.That(watcher.Violations, Is.Zero, watcher.FirstViolation);
    }

    [Test]
    public void A_full_input_ring_answers_busy_and_everything_accepted_is_applied_once_it_drains()
    {
        var gate = new ManualResetEventSlim(false);
        var journal = new GatedJournal(new InMemoryJournal(1 << 12), gate);
        using var pipeline = new NodePipeline(Small(inputRing: 64), journal);
        pipeline.Start();

        int accepted = 0, busy = 0;
        for (int i = 0; i < 200; i++)
        {
            var tick = EngineInput.Tick();
            if (pipeline.Publisher.TryPublish(in tick, 1)) accepted++;
            else busy++;
        }
        Assert.That(accepted, Is.EqualTo(64), "exactly a ring's worth is taken while nothing drains");
        Assert.That(busy, Is.EqualTo(136));
        Assert.That(pipeline.Publisher.Busy, Is.EqualTo(136));

        gate.Set();
        WaitFor(() => pipeline.Engine.LastSequence == 64, "the engine to apply the accepted inputs");
        var after = EngineInput.Tick();
        Assert.That(pipeline.Publisher.TryPublish(in after, 1), Is.True, "room again once the ring drained");
        Assert.That(pipeline.Stop(), Is.True);
        Assert.That(pipeline.Engine.LastSequence, Is.EqualTo(65));
    }

    [Test]
    public void Halting_under_load_finishes_and_loses_no_published_input()
    {
        using var pipeline = new NodePipeline(Small(inputRing: 256));
        pipeline.Start();
        Setup(pipeline.Publisher);
        using var stop = new CancellationTokenSource();
        long published = 0;
        var producers = Enumerable.Range(0, 3).Select(p => new Thread(() =>
        {
            ulong id = (ulong)p << 40;
            while (!stop.IsCancellationRequested)
            {
                var order = EngineInput.Of(new NewOrder
                {
                    Account = new AccountId(10), Instrument = new InstrumentId(1), Side = Side.Buy, Type = OrderType.Limit,
                    TimeInForce = TimeInForce.ImmediateOrCancel, Price = Price.Of(50), Quantity = Quantity.Of(1), ClientOrderId = new ClientOrderId(++id),
                });
                if (pipeline.Publisher.TryPublish(in order, p)) Interlocked.Increment(ref published);
            }
        })).ToList();
        producers.ForEach(t => t.Start());
        WaitFor(() => Interlocked.Read(ref published) > 2_000, "the producers to be publishing under load");
        stop.Cancel();
        producers.ForEach(t => t.Join());

        Assert.That(pipeline.Stop(), Is.True, "halt finished");
        Assert.That(published, Is.GreaterThan(1_000));
        Assert.That(pipeline.Engine.LastSequence, Is.EqualTo(published + 2), "every published input was applied");
        Assert.That(pipeline.Engine.Counters.OrdersAccepted + pipeline.Engine.Counters.OrdersRejected, Is.EqualTo(published));
        Assert.That(((InMemoryJournal)pipeline.Journal).Count, Is.EqualTo(published + 2));
        Assert.That(pipeline.Statistics.EventsOf(EventKind.OrderAccepted), Is.EqualTo(pipeline.Engine.Counters.OrdersAccepted), "every event reached the publisher");
    }

    [Test]
    public void An_input_with_more_events_than_the_output_ring_holds_reaches_the_publishers_whole()
    {
        // 3,000 resting orders, then one mass cancel: 3,000 cancels plus exposure updates from a single
        // input, through an output ring of 1,024 slots (the engine stage must publish as it goes).
        using var pipeline = new NodePipeline(Small(outputRing: 1024));
        pipeline.Start();
        Setup(pipeline.Publisher);
        for (int i = 1; i <= 3_000; i++)
            PublishOrWait(pipeline.Publisher, EngineInput.Of(new NewOrder
            {
                Account = new AccountId(10), Instrument = new InstrumentId(1), Side = Side.Buy, Type = OrderType.Limit,
                TimeInForce = TimeInForce.Day, Price = Price.Of(45), Quantity = Quantity.Of(1), ClientOrderId = new ClientOrderId((ulong)i),
            }));
        PublishOrWait(pipeline.Publisher, EngineInput.Of(new MassCancel { Scope = MassCancelScope.Account, Target = 10 }));
        WaitFor(() => pipeline.Engine.LastSequence == 3_003, "the mass cancel to be applied");

        Assert.That(pipeline.Stop(), Is.True);
        Assert.That(pipeline.Statistics.EventsOf(EventKind.OrderAccepted), Is.EqualTo(3_000));
        Assert.That(pipeline.Statistics.EventsOf(EventKind.OrderCanceled), Is.EqualTo(3_000), "every cancel of the one input was published");
        Assert.That(pipeline.OutputRing.Cursor + 1, Is.EqualTo(pipeline.Statistics.Events), "nothing claimed was left unpublished");
    }

    [Test]
    public void A_claim_left_unfilled_reaches_the_engine_as_an_unknown_input_never_as_the_input_its_slot_held_a_lap_earlier()
    {
        using var pipeline = new NodePipeline(Small(inputRing: 64));
        pipeline.Start();
        Setup(pipeline.Publisher);
        PublishOrWait(pipeline.Publisher, RestingBuy(1));
        for (int i = 0; i < 63; i++) PublishOrWait(pipeline.Publisher, EngineInput.Tick());
        WaitFor(() => pipeline.Engine.LastSequence == 66, "the lap to drain");
        using (var claim = pipeline.Publisher.TryClaim(1))
        {
            Assert.That(claim.IsClaimed, Is.True);
            Assert.That(claim.Sequence, Is.EqualTo(67), "the order's slot again, one lap later");
        }
        Assert.That(pipeline.Stop(), Is.True);
        Assert.That(pipeline.Engine.LastSequence, Is.EqualTo(67));
        Assert.That(pipeline.Engine.Counters.OrdersAccepted, Is.EqualTo(1), "the slot's previous order was not applied again");
        Assert.That(((InMemoryJournal)pipeline.Journal).Inputs().Last().Kind, Is.EqualTo(InputKind.None));
    }

    [Test]
    public void Only_inputs_claimed_with_a_measure_start_are_timed_from_it()
    {
        using var pipeline = new NodePipeline(Small());
        pipeline.Start();
        Setup(pipeline.Publisher);
        long start = Stopwatch.GetTimestamp();
        using (var claim = pipeline.Publisher.TryClaim(1))
        {
            claim.Input = RestingBuy(1);
            claim.MeasureFrom(start);
        }
        Assert.That(pipeline.Stop(), Is.True);
        Assert.That(pipeline.Statistics.Responses, Is.EqualTo(1), "the reference data was not timed; the order was");
        Assert.That(pipeline.Statistics.Latency.TotalCount, Is.EqualTo(1));
    }

    [Test]
    public void Fewer_cores_than_configured_is_a_warning_and_the_node_still_runs()
    {
        var log = new List<string>();
        using var pipeline = new NodePipeline(Small() with { EngineCore = 63 }, log: line => { lock (log) log.Add(line); });
        pipeline.Start();
        Setup(pipeline.Publisher);
        WaitFor(() => pipeline.Engine.LastSequence == 2, "the engine to run unpinned");
        Assert.That(pipeline.Stop(), Is.True);
        string thread = threading switch { ThreadingMode.Dedicated => "engine", ThreadingMode.Shared => "node-engine", _ => "node" };
        Assert.That(log, Has.Some.Contains($"'{thread}'").And.Contains("unpinned"));
    }
}

/// <summary>The real in-memory journal, made slow: every batch takes at least <c>delay</c>.</summary>
internal sealed class SlowJournal(IJournal inner, TimeSpan delay) : IJournal
{
    public long DurableSequence => inner.DurableSequence;

    public void Append(ref InputEntry entry, long sequence, bool endOfBatch)
    {
        if (endOfBatch) Thread.Sleep(delay);
        inner.Append(ref entry, sequence, endOfBatch);
    }
}

/// <summary>A journal that holds its stage until a gate opens (to fill the ring on purpose).</summary>
internal sealed class GatedJournal(IJournal inner, ManualResetEventSlim gate) : IJournal
{
    public long DurableSequence => inner.DurableSequence;

    public void Append(ref InputEntry entry, long sequence, bool endOfBatch)
    {
        gate.Wait();
        inner.Append(ref entry, sequence, endOfBatch);
    }
}

/// <summary>Standalone replication made slow: acknowledges each batch only after <c>delay</c>.</summary>
internal sealed class SlowReplicator(TimeSpan delay) : IReplicator
{
    private long _acknowledged = -1;

    public long AcknowledgedSequence => Volatile.Read(ref _acknowledged);

    public void Replicate(ref InputEntry entry, long sequence, bool endOfBatch)
    {
        if (!endOfBatch) return;
        Thread.Sleep(delay);
        Volatile.Write(ref _acknowledged, sequence);
    }
}

/// <summary>A publisher that checks, for every event it receives, that its input is already journaled and replicated.</summary>
internal sealed class GateWatcher(IJournal? journal, IReplicator? replicator) : IEventHandler<OutputEntry>
{
    public long Checked;
    public long Violations;
    public string FirstViolation = "";

    public void OnEvent(ref OutputEntry data, long sequence, bool endOfBatch)
    {
        Checked++;
        long input = data.Event.Sequence; // engine sequence = ring sequence + 1
        long journaled = journal?.DurableSequence + 1 ?? long.MaxValue;
        long replicated = replicator?.AcknowledgedSequence + 1 ?? long.MaxValue;
        if (input > journaled || input > replicated)
        {
            if (Violations++ == 0) FirstViolation = $"event {data.Event.Kind} of input {input} left with journal at {journaled}, replication at {replicated}";
        }
    }
}
