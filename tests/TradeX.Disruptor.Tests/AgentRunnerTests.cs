using System.Collections.Concurrent;
using TradeX.Disruptor.Agents;

namespace TradeX.Disruptor.Tests;

public sealed class AgentRunnerTests
{
    private sealed class PollingAgent : IAgent
    {
        public readonly ConcurrentQueue<int> Inbox = new();
        public int Started;
        public int Closed;
        public long Polled;

        public string RoleName => "poller";

        public int DoWork()
        {
            int work = 0;
            while (Inbox.TryDequeue(out int item))
            {
                if (item < 0)
                {
                    throw new InvalidOperationException("bad frame");
                }
                Interlocked.Add(ref Polled, item);
                work++;
            }
            return work;
        }

        public void OnStart() => Started++;

        public void OnClose() => Closed++;
    }

    [TestCase("backoff")]
    [TestCase("busy-spin")]
    public void An_agent_does_its_work_survives_a_failing_duty_cycle_and_closes(string idle)
    {
        var agent = new PollingAgent();
        var log = new ConcurrentQueue<string>();
        IIdleStrategy strategy = idle == "backoff" ? new BackoffIdleStrategy() : new BusySpinIdleStrategy();
        var runner = AgentRunner.Start(agent, strategy, log: log.Enqueue);
        agent.Inbox.Enqueue(5);
        agent.Inbox.Enqueue(-1);
        agent.Inbox.Enqueue(7);
        Eventually.Until(() => Interlocked.Read(ref agent.Polled) == 12, "both good items are polled");
        Assert.That(runner.Close(Eventually.Generous), Is.True);
        Assert.Multiple(() =>
        {
            Assert.That(runner.Errors, Is.EqualTo(1));
            Assert.That(log, Has.Some.Contains("'poller'").And.Some.Contains("bad frame"));
            Assert.That(agent.Started, Is.EqualTo(1));
            Assert.That(agent.Closed, Is.EqualTo(1));
        });
    }
}
