using System.Collections.Concurrent;
using TradeX.Disruptor;

namespace TradeX.Disruptor.Tests;

public sealed class ExceptionHandlingTests
{
    private sealed class FailingHandler(long failOn, int failures) : IEventHandler<TestEntry>
    {
        private int _remainingFailures = failures;

        public ConcurrentQueue<long> Handled { get; } = new();

        public ConcurrentQueue<bool> EndOfBatchFlags { get; } = new();

        public void OnEvent(ref TestEntry data, long sequence, bool endOfBatch)
        {
            if (sequence == failOn && _remainingFailures > 0)
            {
                _remainingFailures--;
                throw new InvalidOperationException($"boom at {sequence}");
            }
            Handled.Enqueue(sequence);
            EndOfBatchFlags.Enqueue(endOfBatch);
        }
    }

    private static (RingBuffer<TestEntry> Ring, StageGraph<TestEntry> Graph) NewRing(int size = 8)
    {
        var ring = RingBuffer<TestEntry>.CreateSingleProducer(size, new BlockingWaitStrategy());
        return (ring, new StageGraph<TestEntry>(ring));
    }

    [Test]
    public void Skip_logs_the_sequence_and_goes_on_with_the_next_entry()
    {
        var (ring, graph) = NewRing();
        var log = new ConcurrentQueue<string>();
        var handler = new FailingHandler(failOn: 5, failures: 1);
        var exceptions = new LoggingExceptionHandler<TestEntry>("metrics", ExceptionDecision.Skip, log.Enqueue);
        var stage = graph.Add("metrics", handler, exceptions);
        Assert.That(stage.Start(Eventually.Generous), Is.True);

        for (int i = 0; i < 8; i++) Publish.One(ring, 0, i);
        Assert.That(graph.DrainAndHalt(Eventually.Generous), Is.True);

        Assert.Multiple(() =>
        {
            Assert.That(handler.Handled, Is.EqualTo(new long[] { 0, 1, 2, 3, 4, 6, 7 }));
            Assert.That(stage.Sequence.Value, Is.EqualTo(7));
            Assert.That(exceptions.EventFailures, Is.EqualTo(1));
            Assert.That(log.Single(), Does.Contain("'metrics'").And.Contain("sequence 5").And.Contain("skipping").And.Contain("boom at 5"));
            Assert.That(stage.Processor.Fault, Is.Null, "a skip is not a fault");
        });
    }

    [Test]
    public void Halt_stops_before_the_failed_entry_producers_see_busy_and_a_restart_retries_it()
    {
        var (ring, graph) = NewRing(size: 8);
        var log = new ConcurrentQueue<string>();
        var handler = new FailingHandler(failOn: 3, failures: 1);
        var stage = graph.Add("journal", handler, new LoggingExceptionHandler<TestEntry>("journal", ExceptionDecision.Halt, log.Enqueue));
        Assert.That(stage.Start(Eventually.Generous), Is.True);

        for (int i = 0; i < 6; i++) Publish.One(ring, 0, i);
        Eventually.Until(() => !stage.IsRunning, "the stage halts on the failure");

        Assert.Multiple(() =>
        {
            Assert.That(stage.Sequence.Value, Is.EqualTo(2), "everything before the failed entry is done, the failed one is not");
            Assert.That(stage.Processor.Fault, Is.TypeOf<InvalidOperationException>());
            Assert.That(stage.Processor.FaultSequence, Is.EqualTo(3));
            Assert.That(log.Single(), Does.Contain("sequence 3").And.Contain("halting"));
        });

        // Not silently stuck: the ring fills and producers get "busy".
        int accepted = 0;
        while (ring.TryClaim(out long s))
        {
            ring[s].ProducerCount = 6 + accepted++;
            ring.Publish(s);
        }
        Assert.That(accepted, Is.EqualTo(8 - 3), "exactly the slots freed by entries 0..2 were available");

        Assert.That(stage.Start(Eventually.Generous), Is.True, "restart");
        Assert.That(graph.DrainAndHalt(Eventually.Generous), Is.True);
        Assert.That(handler.Handled, Is.EqualTo(Enumerable.Range(0, 11).Select(i => (long)i)), "the failed entry was retried first, nothing lost");
        Assert.That(stage.Processor.Fault, Is.Null, "a clean run clears the fault");
    }

    [Test]
    public void A_skip_in_the_middle_of_a_batch_still_ends_the_batch_with_endOfBatch()
    {
        var ring = RingBuffer<TestEntry>.CreateSingleProducer(16, new BlockingWaitStrategy());
        var graph = new StageGraph<TestEntry>(ring);
        var handler = new FailingHandler(failOn: 2, failures: 1);
        graph.Add("s", handler, new LoggingExceptionHandler<TestEntry>("s", ExceptionDecision.Skip, _ => { }));
        long high = ring.Claim(5);
        ring.Publish(high - 4, high); // one batch of five before the stage starts
        Assert.That(graph.Start(Eventually.Generous), Is.True);
        Assert.That(graph.DrainAndHalt(Eventually.Generous), Is.True);
        Assert.That(handler.Handled, Is.EqualTo(new long[] { 0, 1, 3, 4 }));
        Assert.That(handler.EndOfBatchFlags, Is.EqualTo(new[] { false, false, false, true }));
    }

    private sealed class LifecycleFailures : IEventHandler<TestEntry>
    {
        public int Events;

        public void OnEvent(ref TestEntry data, long sequence, bool endOfBatch) => Events++;

        public void OnStart() => throw new InvalidOperationException("start failed");

        public void OnShutdown() => throw new InvalidOperationException("shutdown failed");
    }

    [Test]
    public void Failures_in_OnStart_and_OnShutdown_are_reported_and_the_stage_still_runs_and_stops()
    {
        var (ring, graph) = NewRing();
        var log = new ConcurrentQueue<string>();
        var handler = new LifecycleFailures();
        graph.Add("s", handler, new LoggingExceptionHandler<TestEntry>("s", ExceptionDecision.Halt, log.Enqueue));
        Assert.That(graph.Start(Eventually.Generous), Is.True);
        Publish.One(ring, 0, 0);
        Assert.That(graph.DrainAndHalt(Eventually.Generous), Is.True);
        Assert.That(handler.Events, Is.EqualTo(1));
        Assert.That(log, Has.Some.Contains("OnStart failed").And.Some.Contains("OnShutdown failed"));
    }

    private sealed class ThrowingExceptionHandler : IExceptionHandler<TestEntry>
    {
        public ExceptionDecision OnEventException(Exception exception, long sequence, ref TestEntry data) => throw new InvalidOperationException("handler of last resort broke");

        public void OnStartException(Exception exception)
        {
        }

        public void OnShutdownException(Exception exception)
        {
        }
    }

    [Test]
    public void An_exception_handler_that_throws_halts_the_stage_rather_than_losing_the_entry()
    {
        var (ring, graph) = NewRing();
        var stage = graph.Add("s", new FailingHandler(failOn: 1, failures: 1), new ThrowingExceptionHandler());
        Assert.That(stage.Start(Eventually.Generous), Is.True);
        Publish.One(ring, 0, 0);
        Publish.One(ring, 0, 1);
        Eventually.Until(() => !stage.IsRunning, "the stage halts");
        Assert.That(stage.Sequence.Value, Is.EqualTo(0));
        Assert.That(stage.Processor.FaultSequence, Is.EqualTo(1));
    }
}
