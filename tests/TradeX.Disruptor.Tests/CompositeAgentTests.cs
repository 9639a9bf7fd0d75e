using TradeX.Disruptor.Agents;

namespace TradeX.Disruptor.Tests;

/// <summary>Stages polled by composite agents on shared threads, and threads that sleep in the kernel until signalled.</summary>
public sealed class CompositeAgentTests
{
    private sealed class CountingAgent(string name) : IAgent
    {
        public long Cycles;
        public int StartedOn = -1;
        public int ClosedOn = -1;

        public string RoleName => name;

        public int DoWork()
        {
            Interlocked.Increment(ref Cycles);
            return 0;
        }

        public void OnStart() => StartedOn = Environment.CurrentManagedThreadId;

        public void OnClose() => ClosedOn = Environment.CurrentManagedThreadId;
    }

    private sealed class FailOnce(long failOn) : IEventHandler<TestEntry>
    {
        public readonly List<long> Seen = [];
        private bool _failed;

        public void OnEvent(ref TestEntry data, long sequence, bool endOfBatch)
        {
            if (sequence == failOn && !_failed)
            {
                _failed = true;
                throw new InvalidOperationException("bad entry");
            }
            lock (Seen) Seen.Add(sequence);
        }
    }

    [TestCase(1024, 1024)]
    [TestCase(4096, 3000)]
    public void A_polled_stage_takes_up_to_its_graphs_batch_limit_in_one_duty_cycle(int limit, int expectedFirstCycle)
    {
        var ring = RingBuffer<TestEntry>.CreateSingleProducer(4096, new YieldingWaitStrategy());
        var graph = new StageGraph<TestEntry>(ring) { PolledMaxBatch = limit };
        var handler = new OrderCheckingHandler(1);
        var stage = graph.AddPolled("publisher", handler);
        Assert.That(stage.Agent!.MaxBatch, Is.EqualTo(limit));
        Assert.That(graph.Start(TimeSpan.FromSeconds(5)), Is.True);
        for (long i = 0; i < 3000; i++) Publish.One(ring, 0, i); // what an engine emits for 1,000 inputs, ~3 events each

        var agent = stage.Agent!;
        agent.DoWork(); // the first duty cycle on its thread starts the handler
        while (handler.Handled == 0) agent.DoWork();
        Assert.That(handler.Handled, Is.EqualTo(expectedFirstCycle), "one duty cycle's batch");
        while (handler.Handled < 3000) agent.DoWork();
        Assert.That(handler.Violation, Is.Null);
    }

    [TestCase(true, TestName = "Polled_journal_and_replication_stages_gate_a_polled_engine_stage_on_another_shared_thread")]
    [TestCase(false, TestName = "Polled_journal_replication_and_engine_stages_on_one_thread_see_every_entry_in_order")]
    public void Polled_stages_keep_order_and_gating(bool twoThreads)
    {
        const int Producers = 3, PerProducer = 50_000;
        var ring = RingBuffer<TestEntry>.CreateMultiProducer(1024, new YieldingWaitStrategy());
        var graph = new StageGraph<TestEntry>(ring);
        var journal = new OrderCheckingHandler(Producers);
        var replication = new OrderCheckingHandler(Producers);
        var engine = new OrderCheckingHandler(Producers);
        var j = graph.AddPolled("journal", journal);
        var r = graph.AddPolled("replication", replication);
        var e = graph.AddPolled("engine", engine, null, j, r);
        var input = new CompositeAgent("input");
        var engineThread = twoThreads ? new CompositeAgent("engine-thread") : input;
        input.Add(j.Agent!);
        input.Add(r.Agent!);
        engineThread.Add(e.Agent!);
        if (twoThreads)
        {
            j.Agent!.Downstream = engineThread.Wake;
            r.Agent!.Downstream = engineThread.Wake;
        }
        long gatingViolations = 0;
        var watcher = new Thread(() =>
        {
            while (e.Sequence.Value < (Producers * PerProducer) - 1)
            {
                long engineAt = e.Sequence.Value;
                if (engineAt > j.Sequence.Value || engineAt > r.Sequence.Value) Interlocked.Increment(ref gatingViolations);
            }
        });
        Assert.That(graph.Start(TimeSpan.FromSeconds(5)), Is.True);
        var runners = new List<AgentRunner> { AgentRunner.Start(input, new ParkingIdleStrategy(input.Wake, input, 10, 50)) };
        if (twoThreads) runners.Add(AgentRunner.Start(engineThread, new ParkingIdleStrategy(engineThread.Wake, engineThread, 10, 50)));
        watcher.Start();
        var threads = Enumerable.Range(0, Producers).Select(p => new Thread(() =>
        {
            for (long i = 0; i < PerProducer; i++)
            {
                Publish.One(ring, p, i);
                input.Wake.Signal();
            }
        })).ToList();
        threads.ForEach(t => t.Start());
        threads.ForEach(t => t.Join());

        Assert.That(graph.WaitUntilDrained(Eventually.Generous), Is.True, "every stage handled every entry");
        watcher.Join();
        Assert.That(graph.Halt(TimeSpan.FromSeconds(10)), Is.True);
        runners.ForEach(x => Assert.That(x.Close(TimeSpan.FromSeconds(10)), Is.True));
        foreach (var handler in new[] { journal, replication, engine })
        {
            Assert.That(handler.Violation, Is.Null);
            Assert.That(handler.Handled, Is.EqualTo(Producers * PerProducer));
        }
        Assert.That(Interlocked.Read(ref gatingViolations), Is.Zero, "the engine stage never passed the journal or replication stage");
    }

    [Test]
    public void A_thread_asleep_in_the_kernel_is_woken_by_the_producer_that_publishes_its_work()
    {
        var ring = RingBuffer<TestEntry>.CreateSingleProducer(64, new YieldingWaitStrategy());
        var graph = new StageGraph<TestEntry>(ring);
        var counter = new CountingHandler();
        var stage = graph.AddPolled("consumer", counter);
        var thread = new CompositeAgent("consumer-thread");
        thread.Add(stage.Agent!);
        // An hour's sleep: only the signal can wake the thread within the test's patience.
        var idle = new ParkingIdleStrategy(thread.Wake, thread, spinMicroseconds: 0, timeoutMilliseconds: 3_600_000);
        graph.Start(TimeSpan.FromSeconds(5));
        var runner = AgentRunner.Start(thread, idle);
        for (int round = 1; round <= 20; round++)
        {
            Eventually.Until(() => thread.Wake.IsParked, "the thread to go to sleep");
            Publish.One(ring, 0, round);
            thread.Wake.Signal();
            Eventually.Until(() => counter.Count == round, $"entry {round} to be handled after the signal");
        }
        Assert.That(thread.Wake.Wakeups, Is.GreaterThanOrEqualTo(1), "the producer paid for a wake-up only when the thread slept");
        graph.Halt(TimeSpan.FromSeconds(5));
        thread.Wake.Wake();
        Assert.That(runner.Close(TimeSpan.FromSeconds(10)), Is.True);
    }

    [Test]
    public void An_idle_shared_thread_sleeps_in_the_kernel_instead_of_spinning()
    {
        var agent = new CountingAgent("idle");
        var thread = new CompositeAgent("idle-thread");
        thread.Add(agent);
        var idle = new ParkingIdleStrategy(thread.Wake, thread, spinMicroseconds: 0, timeoutMilliseconds: 100);
        var runner = AgentRunner.Start(thread, idle);
        Eventually.Until(() => idle.Parks >= 3, "the thread to sleep a few times");
        long cyclesBefore = Interlocked.Read(ref agent.Cycles), parksBefore = idle.Parks;
        Eventually.Until(() => idle.Parks >= parksBefore + 5, "five more sleeps");
        long cycles = Interlocked.Read(ref agent.Cycles) - cyclesBefore, parks = idle.Parks - parksBefore;
        thread.Wake.Wake();
        Assert.That(runner.Close(TimeSpan.FromSeconds(10)), Is.True);
        // Each sleep ends in at most two duty cycles (the look after announcing, the one after waking): a spinning
        // or yielding thread would have run thousands.
        Assert.That(cycles, Is.LessThanOrEqualTo((parks + 2) * 2), $"{cycles} duty cycles over {parks} sleeps");
    }

    [Test]
    public void A_polled_stage_that_halts_on_a_fault_leaves_the_entry_for_its_restart()
    {
        var ring = RingBuffer<TestEntry>.CreateSingleProducer(64, new YieldingWaitStrategy());
        var graph = new StageGraph<TestEntry>(ring);
        var handler = new FailOnce(failOn: 3);
        var stage = graph.AddPolled("fragile", handler, new LoggingExceptionHandler<TestEntry>("fragile", ExceptionDecision.Halt, _ => { }));
        graph.Start(TimeSpan.FromSeconds(5));
        for (int i = 0; i < 6; i++) Publish.One(ring, 0, i);
        var agent = stage.Agent!;
        while (agent.DoWork() > 0) { }
        Assert.That(stage.IsRunning, Is.False, "the fault halted the stage");
        Assert.That(stage.Fault, Is.TypeOf<InvalidOperationException>());
        Assert.That(agent.FaultSequence, Is.EqualTo(3));
        Assert.That(stage.Sequence.Value, Is.EqualTo(2), "everything before the failed entry is done");
        Assert.That(agent.DoWork(), Is.Zero, "a halted stage does no work");

        Assert.That(stage.Start(TimeSpan.FromSeconds(5)), Is.True);
        while (agent.DoWork() > 0) { }
        Assert.That(handler.Seen, Is.EqualTo(new long[] { 0, 1, 2, 3, 4, 5 }), "the restart began with the failed entry");
    }

    [Test]
    public void Agents_join_and_leave_a_running_composite_and_start_and_close_on_its_thread()
    {
        var first = new CountingAgent("first");
        var late = new CountingAgent("late");
        var thread = new CompositeAgent("shared");
        thread.Add(first);
        int runnerThread;
        var probe = new CountingAgent("probe");
        var runner = AgentRunner.Start(thread, new ParkingIdleStrategy(thread.Wake, thread, 0, 5));
        Eventually.Until(() => first.StartedOn > 0, "the first agent to start");
        runnerThread = first.StartedOn;
        thread.Add(late);
        Eventually.Until(() => Interlocked.Read(ref late.Cycles) > 0, "the late agent to be run");
        Assert.That(late.StartedOn, Is.EqualTo(runnerThread));
        Assert.That(thread.Remove(late, TimeSpan.FromSeconds(10)), Is.True);
        Assert.That(late.ClosedOn, Is.EqualTo(runnerThread), "closed on the composite's thread");
        long after = Interlocked.Read(ref late.Cycles);
        thread.Add(probe);
        Eventually.Until(() => Interlocked.Read(ref probe.Cycles) > 2, "two more duty cycles");
        Assert.That(Interlocked.Read(ref late.Cycles), Is.EqualTo(after), "a removed agent gets no more work");
        Assert.That(thread.MemberNames, Is.EqualTo(new[] { "first", "probe" }));
        Assert.That(thread.EverMemberNames, Is.EqualTo(new[] { "first", "late", "probe" }), "the report names an agent that has left too");
        thread.Wake.Wake();
        Assert.That(runner.Close(TimeSpan.FromSeconds(10)), Is.True);
        Assert.That(first.ClosedOn, Is.EqualTo(runnerThread));
    }
}
