using TradeX.Disruptor;

namespace TradeX.Disruptor.Tests;

public sealed class WaitStrategyTests
{
    [TestCase("busy-spin", typeof(BusySpinWaitStrategy))]
    [TestCase("Yielding", typeof(YieldingWaitStrategy))]
    [TestCase(" sleeping ", typeof(SleepingWaitStrategy))]
    [TestCase("blocking", typeof(BlockingWaitStrategy))]
    [TestCase("blocking:5ms", typeof(BlockingWaitStrategy))]
    public void Configured_names_create_the_named_strategy(string text, Type expected)
    {
        Assert.That(WaitStrategies.TryParse(text, out var strategy, out var error), Is.True, error);
        Assert.That(strategy, Is.TypeOf(expected));
    }

    [Test]
    public void A_blocking_timeout_is_parsed_from_configuration()
    {
        Assert.That(WaitStrategies.TryParse("blocking:250us", out var strategy, out _), Is.True);
        Assert.That(((BlockingWaitStrategy)strategy!).WaitTimeout, Is.EqualTo(TimeSpan.FromMilliseconds(1)), "sub-millisecond timeouts round up to the monitor's 1 ms resolution");
        Assert.That(WaitStrategies.TryParse("blocking:2s", out strategy, out _), Is.True);
        Assert.That(((BlockingWaitStrategy)strategy!).WaitTimeout, Is.EqualTo(TimeSpan.FromSeconds(2)));
    }

    [TestCase("spinny", "unknown wait strategy 'spinny'")]
    [TestCase("", "unknown wait strategy")]
    [TestCase(null, "unknown wait strategy")]
    [TestCase("yielding:5ms", "takes no argument")]
    [TestCase("blocking:soon", "bad timeout")]
    [TestCase("blocking:-5ms", "bad timeout")]
    public void Bad_configuration_is_an_answer_naming_the_problem(string? text, string expected)
    {
        Assert.That(WaitStrategies.TryParse(text, out var strategy, out var error), Is.False);
        Assert.That(strategy, Is.Null);
        Assert.That(error, Does.Contain(expected));
    }

    [TestCase(WaitStrategyKind.BusySpin)]
    [TestCase(WaitStrategyKind.Yielding)]
    [TestCase(WaitStrategyKind.Sleeping)]
    [TestCase(WaitStrategyKind.Blocking)]
    public void Every_strategy_delivers_every_entry_in_order(WaitStrategyKind kind)
    {
        var ring = RingBuffer<TestEntry>.CreateSingleProducer(256, WaitStrategies.Create(kind));
        var graph = new StageGraph<TestEntry>(ring);
        var checker = new OrderCheckingHandler(1);
        graph.Add("consumer", checker);
        Assert.That(graph.Start(Eventually.Generous), Is.True);
        for (int i = 0; i < 20_000; i++)
        {
            Publish.One(ring, 0, i);
            if (i % 1000 == 0)
            {
                Thread.Sleep(1); // let the consumer go idle now and then, so waking up is exercised too
            }
        }
        Assert.That(graph.DrainAndHalt(Eventually.Generous), Is.True);
        Assert.That(checker.Violation, Is.Null);
        Assert.That(checker.Handled, Is.EqualTo(20_000));
    }

    private sealed class TimeoutCounter : IEventHandler<TestEntry>
    {
        public int Timeouts;
        public long LastTimeoutSequence = long.MinValue;

        public void OnEvent(ref TestEntry data, long sequence, bool endOfBatch)
        {
        }

        public void OnTimeout(long sequence)
        {
            Volatile.Write(ref LastTimeoutSequence, sequence);
            Interlocked.Increment(ref Timeouts);
        }
    }

    [Test]
    public void Blocking_with_a_timeout_calls_OnTimeout_while_no_input_arrives()
    {
        var ring = RingBuffer<TestEntry>.CreateSingleProducer(8, new BlockingWaitStrategy(TimeSpan.FromMilliseconds(5)));
        var graph = new StageGraph<TestEntry>(ring);
        var handler = new TimeoutCounter();
        graph.Add("journal", handler);
        Assert.That(graph.Start(Eventually.Generous), Is.True);
        Publish.One(ring, 0, 0);
        Eventually.Until(() => Volatile.Read(ref handler.LastTimeoutSequence) == 0, "a timeout reports the last handled sequence");
        Assert.That(graph.DrainAndHalt(Eventually.Generous), Is.True);
        Assert.That(handler.Timeouts, Is.GreaterThan(0));
    }

    [Test]
    public void Without_a_timeout_no_OnTimeout_is_ever_called()
    {
        var ring = RingBuffer<TestEntry>.CreateSingleProducer(8, new BlockingWaitStrategy());
        var graph = new StageGraph<TestEntry>(ring);
        var handler = new TimeoutCounter();
        graph.Add("s", handler);
        Assert.That(graph.Start(Eventually.Generous), Is.True);
        Thread.Sleep(50);
        Assert.That(graph.DrainAndHalt(Eventually.Generous), Is.True);
        Assert.That(handler.Timeouts, Is.Zero);
    }

    [Test]
    public void Alerting_a_barrier_wakes_a_blocked_waiter()
    {
        var ring = RingBuffer<TestEntry>.CreateSingleProducer(8, new BlockingWaitStrategy());
        var barrier = ring.NewBarrier();
        long result = long.MaxValue;
        var waiter = new Thread(() => result = barrier.WaitFor(0));
        waiter.Start();
        Thread.Sleep(20);
        barrier.Alert();
        Assert.That(waiter.Join(Eventually.Generous), Is.True, "the alert must wake the waiter");
        Assert.That(result, Is.LessThan(0));
        Assert.That(barrier.IsAlerted, Is.True);
    }

    [Test]
    public void Invalid_blocking_timeouts_are_rejected()
    {
        Assert.Throws<ArgumentOutOfRangeException>(() => new BlockingWaitStrategy(TimeSpan.Zero));
        Assert.Throws<ArgumentOutOfRangeException>(() => new BlockingWaitStrategy(TimeSpan.FromMilliseconds(-3)));
    }
}
