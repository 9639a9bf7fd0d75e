using TradeX.Pipeline;
using TradeX.Gateway.Tests.Support;
using TradeX.Protocol.OrderEntry;
using TradeX.Sim.Client;
using static TradeX.Gateway.Tests.Support.GatewayHarness;

namespace TradeX.Gateway.Tests;

/// <summary>
/// The gateway's own threads allocate nothing per message once warm: the I/O thread (decode, publish,
/// session bookkeeping) and the output-ring publisher thread (encode, sequence, history, send), measured
/// with GC.GetAllocatedBytesForCurrentThread on each of them, over thousands of orders, trades, cancels,
/// replaces, mass quotes and their acknowledgements.
/// </summary>
[TestFixture(ThreadingMode.Dedicated)]
[TestFixture(ThreadingMode.Shared)]
[TestFixture(ThreadingMode.Single)]
public sealed class AllocationTests(ThreadingMode threading)
{
    /// <summary>One round: 7 inputs; exactly 6 answers to the taker (IOC: new + trade or cancel; new; replaced; canceled; cancel reject) and 1 ack to the maker, plus its fills.</summary>
    private static void Round(OrderEntryClient maker, OrderEntryClient taker, ulong round)
    {
        ulong id = round * 10;
        maker.SendMassQuote(id, 11, [new QuoteEntry(Acme, AcmeRef - Tick, 10, AcmeRef + Tick, 10), new QuoteEntry(Beta, BetaRef - Tick, 10, BetaRef + Tick, 10)]);
        taker.SendNewOrder(new NewOrderRequest(id + 1, 21, Acme, Side.Buy, 1, AcmeRef + Tick, OrdType.Limit, TimeInForce.ImmediateOrCancel));
        taker.SendNewOrder(new NewOrderRequest(id + 2, 21, Beta, Side.Sell, 5, BetaRef + 20 * Tick));
        taker.SendReplace(new ReplaceRequest(id + 3, id + 2, 21, Beta, Side.Sell, 4, null));
        taker.SendCancel(new CancelRequest(id + 4, id + 3, 21, Beta, Side.Sell));
        taker.SendCancel(new CancelRequest(id + 5, id + 2, 21, Beta, Side.Sell)); // replaced, then cancelled: a cancel reject
    }

    [Test]
    public void The_gateway_threads_allocate_nothing_per_message_in_steady_state()
    {
        using var h = new GatewayHarness(inputRing: 1 << 14, threading: threading);
        var (maker, made) = h.Connect(MarketMaker, configure: o => o with { SendHeartbeats = false });
        var (taker, taken) = h.Connect(Taker, configure: o => o with { SendHeartbeats = false });
        var stats = h.Gateway.Statistics;

        int count(RecordingListener r, int template) => r.Messages.Count(m => m.Template == template);
        void Run(ulong from, ulong rounds)
        {
            for (ulong r = from; r < from + rounds; r++)
            {
                Round(maker, taker, r);
                // Stay within the bounds (pending mass quotes, rings): this measures the steady state, not the limits.
                if (r % 50 == 0) Wait.Until(() => count(made, MassQuoteAckDecoder.SbeTemplateId) >= (int)r - 50, "the gateway to keep up");
            }
            int total = (int)(from + rounds - 1);
            Wait.Until(() => taken.Messages.Count == total * 6 && count(made, MassQuoteAckDecoder.SbeTemplateId) == total, () => $"every answer: {taken.Messages.Count} to the taker");
            Wait.Until(() => count(made, ExecutionReportTradeDecoder.SbeTemplateId) == count(taken, ExecutionReportTradeDecoder.SbeTemplateId), "the maker's fills");
            Thread.Sleep(50); // a few more idle duty cycles, so the counters are the threads' latest
        }

        Run(1, 3_000); // warm-up: JIT tiers, lazily created lock events, table growth
        long io = stats.IoThreadAllocatedBytes, output = stats.OutputThreadAllocatedBytes, events = stats.OutputEvents, inputs = stats.InputsPublished;
        const ulong measured = 5_000;
        Run(3_001, measured);

        long inputsMeasured = stats.InputsPublished - inputs, eventsMeasured = stats.OutputEvents - events;
        TestContext.Out.WriteLine($"{threading}: {inputsMeasured:N0} inputs and {eventsMeasured:N0} engine events measured: I/O thread allocated {stats.IoThreadAllocatedBytes - io} B, " +
                                  $"output thread {stats.OutputThreadAllocatedBytes - output} B; busy {stats.EngineBusy}, rejects {stats.BusinessRejects}, " +
                                  $"duplicates {stats.DuplicatesIgnored}; taker reasons: {string.Join(",", taken.Messages.GroupBy(m => (m.Template, m.Reason)).Select(g => $"{g.Key}={g.Count()}"))}");
        Assert.That(inputsMeasured, Is.EqualTo((long)measured * 7), "every input of the measured rounds went through the gateway");
        Assert.That(taken.Messages.Concat(made.Messages).Count(m => m.Template == BusinessMessageRejectDecoder.SbeTemplateId || m.Reason >= 1000), Is.Zero,
            "no refusals by the gateway");
        Assert.That(stats.IoThreadAllocatedBytes - io, Is.Zero, "bytes allocated by the I/O thread");
        Assert.That(stats.OutputThreadAllocatedBytes - output, Is.Zero, "bytes allocated by the output thread");
    }
}
