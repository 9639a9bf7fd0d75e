using System.Collections.Concurrent;
using TradeX.Disruptor;

namespace TradeX.Disruptor.Tests;

public sealed class AffinityTests
{
    [SetUp]
    public void LinuxOnly()
    {
        if (!CpuAffinity.IsSupported)
        {
            Assert.Ignore("CPU pinning is implemented for Linux only; this OS gets the NotSupported fallback.");
        }
    }

    [Test]
    public void A_thread_pinned_to_an_allowed_core_runs_only_there()
    {
        int core = CpuAffinity.AllowedCores()[^1];
        IReadOnlyList<int>? seenAllowed = null;
        int seenCore = -1;
        var thread = PinnedThread.Start(new ThreadPlacement("pin-test", core), () =>
        {
            seenAllowed = CpuAffinity.AllowedCores();
            seenCore = CpuAffinity.CurrentCore();
        });
        Assert.That(thread.Join(Eventually.Generous), Is.True);
        Assert.Multiple(() =>
        {
            Assert.That(thread.Affinity.Outcome, Is.EqualTo(AffinityOutcome.Pinned), thread.Affinity.Message);
            Assert.That(seenAllowed, Is.EqualTo(new[] { core }), "the kernel reports the thread's mask as that one core");
            Assert.That(seenCore, Is.EqualTo(core));
        });
    }

    [TestCase(4096)]
    [TestCase(-1)]
    public void Asking_for_a_core_the_machine_lacks_warns_clearly_and_runs_unpinned(int core)
    {
        var log = new ConcurrentQueue<string>();
        bool ran = false;
        IReadOnlyList<int>? seenAllowed = null;
        var thread = PinnedThread.Start(new ThreadPlacement("engine", core), () =>
        {
            ran = true;
            seenAllowed = CpuAffinity.AllowedCores();
        }, log.Enqueue);
        Assert.That(thread.Join(Eventually.Generous), Is.True);
        Assert.Multiple(() =>
        {
            Assert.That(ran, Is.True, "the fallback still runs the thread");
            Assert.That(thread.Affinity.Outcome, Is.EqualTo(AffinityOutcome.CoreUnavailable));
            Assert.That(thread.Affinity.IsFallback, Is.True);
            Assert.That(log.Single(), Does.StartWith("WARNING").And.Contain("'engine'").And.Contain($"core {core}").And.Contain("running unpinned"));
            Assert.That(seenAllowed, Is.EqualTo(CpuAffinity.AllowedCores()), "unpinned: the mask is untouched");
        });
    }

    [Test]
    public void No_configured_core_is_not_a_warning()
    {
        var log = new ConcurrentQueue<string>();
        var thread = PinnedThread.Start(new ThreadPlacement("publisher"), () => { }, log.Enqueue);
        Assert.That(thread.Join(Eventually.Generous), Is.True);
        Assert.That(thread.Affinity.Outcome, Is.EqualTo(AffinityOutcome.NotRequested));
        Assert.That(log, Is.Empty);
    }

    [Test]
    public void A_stage_configured_for_a_missing_core_still_processes_its_entries()
    {
        var log = new ConcurrentQueue<string>();
        var ring = RingBuffer<TestEntry>.CreateSingleProducer(16, new YieldingWaitStrategy());
        var graph = new StageGraph<TestEntry>(ring, log.Enqueue);
        var counter = new CountingHandler();
        var stage = graph.Add("engine", counter, core: Environment.ProcessorCount + 7);
        Assert.That(graph.Start(Eventually.Generous), Is.True);
        for (int i = 0; i < 100; i++) Publish.One(ring, 0, i);
        Assert.That(graph.DrainAndHalt(Eventually.Generous), Is.True);
        Assert.That(counter.Count, Is.EqualTo(100));
        Assert.That(stage.Affinity.Outcome, Is.EqualTo(AffinityOutcome.CoreUnavailable));
        Assert.That(log, Has.Some.Contains("'engine'"));
    }

    [Test]
    public void An_exception_escaping_a_thread_body_is_kept_and_logged_not_fatal()
    {
        var log = new ConcurrentQueue<string>();
        var thread = PinnedThread.Start(new ThreadPlacement("bad"), () => throw new InvalidOperationException("oops"), log.Enqueue);
        Assert.That(thread.Join(Eventually.Generous), Is.True);
        Assert.That(thread.UnhandledException, Is.TypeOf<InvalidOperationException>());
        Assert.That(log.Single(), Does.Contain("'bad'").And.Contain("oops"));
    }
}
