using System.CommandLine;
using System.Diagnostics;
using System.Globalization;
using TradeX.Core;
using TradeX.Disruptor;
using TradeX.Gateway;
using TradeX.Gateway.Latency;
using TradeX.Gateway.Participants;
using TradeX.Metrics;
using TradeX.Node.Config;
using TradeX.Pipeline;
using TradeX.Protocol.OrderEntry;
using TradeX.Sim.Client;
using TradeX.Sim.Simulator;
using Side = TradeX.Protocol.OrderEntry.Side;

// Gateway mode of the latency harness. For each offered rate: a fresh node pipeline (the embedded default
// configuration) with the gateway on loopback and two client sessions (participants 1 and 2). One driver
// thread sends NewOrderSingles open loop — order k is due at start + k/rate, alternately from each session,
// buys and sells at the same price so they cross and the book stays small — and each order's latency runs
// from its due time (not its send time: coordinated omission corrected) to the client's receipt of its first
// ExecutionReport. Refused orders are counted by their reason code: the engine's rejects, the input ring's refusals
// (the gateway's EngineBusy) and the gateway's other refusals apart (RefusalTally). Prints a percentile table, the
// gateway threads' allocations per message and, for
// comparison, the in-node part (from the gateway's receipt of the frame to the pipeline's statistics
// publisher seeing the first event, every input, warm-up included); writes
// gateway-<rate>k.hgrm per rate and gateway-latency.svg.
var rates = new Option<string>("--rates") { Description = "Offered rates, orders per second.", DefaultValueFactory = _ => "50000,100000" };
var seconds = new Option<double>("--seconds") { Description = "Measured seconds per rate.", DefaultValueFactory = _ => 10 };
var warmup = new Option<double>("--warmup") { Description = "Unmeasured warm-up seconds per rate.", DefaultValueFactory = _ => 3 };
var output = new Option<string>("--out") { Description = "Directory for .hgrm files and the SVG plot.", DefaultValueFactory = _ => "bench/latency" };
var wait = new Option<string?>("--wait") { Description = "Wait strategy of every pipeline stage (default: the configuration's)." };
var busyPoll = new Option<bool>("--busy-poll") { Description = "Clients spin on their sockets instead of blocking (one busy core each)." };
var idle = new Option<string>("--idle")
{
    Description = "How the gateway's I/O thread idles: poll (spin briefly, then block in poll(2): the default), backoff (spin, yield, sleep 1 ms), spin.",
    DefaultValueFactory = _ => "poll",
};
var idleSpins = new Option<int>("--idle-spins") { Description = "With --idle poll: empty polls of every connection before blocking in poll(2).", DefaultValueFactory = _ => new GatewayOptions().IdleSpins };
var config = new Option<string?>("--config") { Description = "Node configuration file (default: embedded)." };
var pin = new Option<bool>("--pin")
{
    Description = "Pin the gateway's I/O and publisher threads, the clients' receive threads and the sending thread to the configuration's producer core, " +
                  "leaving the engine's core to the engine (default: unpinned).",
};
var root = new RootCommand("TradeX gateway latency harness: order send to ExecutionReport over loopback, open loop, coordinated omission corrected.")
{
    rates, seconds, warmup, output, wait, busyPoll, idle, idleSpins, config, pin,
};
root.SetAction(r => Harness.Run(
    r.GetValue(rates)!.Split(',', StringSplitOptions.RemoveEmptyEntries).Select(s => double.Parse(s, CultureInfo.InvariantCulture)).ToArray(),
    r.GetValue(seconds), r.GetValue(warmup), r.GetValue(output)!, r.GetValue(wait), r.GetValue(busyPoll), r.GetValue(idle)!, r.GetValue(idleSpins), r.GetValue(config), r.GetValue(pin)));
return root.Parse(args).Invoke();

internal static class Harness
{
    private const int DueSlots = 1 << 20;

    public static int Run(double[] rates, double seconds, double warmup, string outDir, string? wait, bool busyPoll, string idle, int idleSpins, string? configFile, bool pin)
    {
        Directory.CreateDirectory(outDir);
        var series = new List<PlotSeries>();
        Console.WriteLine($"{"offered/s",10} {"achieved/s",11} {"engine rej",10} {"ring busy",9} {"gw rej",7} {"answered",10} {"p50",9} {"p90",9} {"p99",9} {"p99.9",9} {"p99.99",9} {"max",9} " +
                          $"{"B/msg io",9} {"B/msg out",9} {"node p50",9} {"node p99",9}");
        foreach (double rate in rates)
        {
            var result = RunOne(rate, seconds, warmup, wait, busyPoll, idle, idleSpins, configFile, pin);
            var h = result.Latency;
            Console.WriteLine($"{rate,10:N0} {result.Achieved,11:N0} {result.Refusals.ByEngine,10:N0} {result.Refusals.InputRingBusy,9:N0} {result.Refusals.ByGatewayOtherwise,7:N0} {h.TotalCount,10:N0} {Us(h.ValueAtPercentile(50)),9} {Us(h.ValueAtPercentile(90)),9} " +
                              $"{Us(h.ValueAtPercentile(99)),9} {Us(h.ValueAtPercentile(99.9)),9} {Us(h.ValueAtPercentile(99.99)),9} {Us(h.MaxValue),9} " +
                              $"{result.IoBytesPerMessage,9:0.##} {result.OutputBytesPerMessage,9:0.##} {Us(result.InNode.ValueAtPercentile(50)),9} {Us(result.InNode.ValueAtPercentile(99)),9}");
            Console.WriteLine($"{"",10} refused by reason (code text count): {result.Refusals.Describe()}; " +
                              $"the gateway counted {result.GatewayEngineBusy:N0} input-ring refusals; {result.Trades:N0} trades, " +
                              $"open orders at most {result.OpenOrdersPeak:N0} of {result.OpenOrdersCapacity:N0}" +
                              (result.NotSent > 0 ? $"; not sent (client send buffer full or session down): {result.NotSent:N0}" : ""));
            string name = $"gateway-{rate / 1000:0}k";
            using (var file = File.CreateText(Path.Combine(outDir, name + ".hgrm"))) PercentileDistributionWriter.Write(file, h, 1000.0);
            series.Add(new PlotSeries($"{rate / 1000:N0}k orders/s offered", h));
        }
        using (var svg = File.CreateText(Path.Combine(outDir, "gateway-latency.svg")))
            PercentilePlotSvg.Write(svg, series, new PercentilePlotOptions { Title = "TradeX gateway over loopback: order send to ExecutionReport (open loop, CO corrected)" });
        Console.WriteLine($"wrote {series.Count} .hgrm files and gateway-latency.svg to {Path.GetFullPath(outDir)}");
        return 0;
    }

    private static string Us(long nanos) => SimulatorResult.Us(nanos);

    private sealed record Result(HdrHistogram Latency, HdrHistogram InNode, double Achieved, RefusalTally Refusals, long GatewayEngineBusy, long NotSent,
        double IoBytesPerMessage, double OutputBytesPerMessage, long Trades, long OpenOrdersPeak, long OpenOrdersCapacity);

    /// <summary>Measures, on the client's receive thread, each order's first execution report against its due time.</summary>
    private sealed class Measurer : IOrderEntryListener
    {
        public readonly long[] Due = new long[DueSlots];
        public readonly HdrHistogram Latency = new(1, 60_000_000_000L, 3);
        public long Answered;
        /// <summary>Every refused order by the reason code it came back with (engine, input ring, gateway).</summary>
        public readonly RefusalTally Refusals = new();
        private static readonly double NanosPerTick = 1e9 / Stopwatch.Frequency;

        private void First(ulong clOrdId, long receivedTicks)
        {
            long due = Interlocked.Exchange(ref Due[(int)(clOrdId & (DueSlots - 1))], 0);
            Interlocked.Increment(ref Answered);
            if (due != 0) Latency.RecordValue(Math.Clamp((long)((receivedTicks - due) * NanosPerTick), 1, Latency.HighestTrackableValue));
        }

        public void OnExecutionNew(ExecutionReportNewDecoder m, in MessageInfo info) => First(m.ClOrdId, info.ReceivedTicks);

        public void OnExecutionRejected(ExecutionReportRejectedDecoder m, in MessageInfo info)
        {
            Refusals.Count(m.RejectReason);
            First(m.ClOrdId, info.ReceivedTicks);
        }

        /// <summary>A message the gateway could not take at all (a malformed or invalid one): counted, never an answer to time.</summary>
        public void OnBusinessReject(BusinessMessageRejectDecoder m, in MessageInfo info) => Refusals.Count(m.ReasonCode);
    }

    private static Result RunOne(double rate, double seconds, double warmup, string? wait, bool busyPoll, string idle, int idleSpins, string? configFile, bool pin)
    {
        var config = NodeConfig.Load(configFile);
        // The engine's tables are sized for this run's orders (the embedded default sizes them for its own simulator load):
        // beyond its client order ids the engine would refuse with OrderCapacity, which is not what is being measured.
        config.Engine.OrdersPerDay ??= (int)Math.Min(1 << 30, rate * (seconds + warmup) * 1.25 + 65_536);
        // Its two sessions' streams drift apart by up to a second under load, and every order of the one ahead rests until
        // the other's catch up: keep the order store the harness always had, not the simulator day's (a 32nd of its orders).
        config.Engine.MaxOpenOrders ??= 262_144;
        var options = config.ToPipelineOptions() with { InMemoryJournalCapacity = (long)Math.Min(rate * (seconds + warmup) * 1.2 + 100_000, 40_000_000) };
        if (wait is not null) options = options with { InputWaitStrategy = wait, OutputWaitStrategy = wait };
        var buyer = config.Accounts.First(a => a.Participant == 1);
        var seller = config.Accounts.First(a => a.Participant != buyer.Participant);
        var instrument = config.Instruments[0];
        long price = Price.Parse(instrument.Reference).Raw;

        var directory = Directory.CreateTempSubdirectory("tradex-gateway-latency-");
        try
        {
            string participantFile = Path.Combine(directory.FullName, "participants.json");
            var participants = SimulatorSetup.WriteParticipantFile(participantFile,
                [(buyer.Participant, (IReadOnlyList<int>)[buyer.Id]), (seller.Participant, (IReadOnlyList<int>)[seller.Id])], CancelOnDisconnect.All);
            using var pipeline = new NodePipeline(options, log: Console.Error.WriteLine);
            var gatewayOptions = new GatewayOptions
            {
                Clock = new DelegateGatewayClock(NodeClock.NowNanos),
                IoCore = pin ? config.Cores.Producers : null,
                SendBufferBytes = 4 * 1024 * 1024,
                IdleSpins = idleSpins,
            };
            gatewayOptions = idle switch
            {
                "spin" => gatewayOptions with { IdleStrategy = () => new TradeX.Disruptor.Agents.BusySpinIdleStrategy() },
                "backoff" => gatewayOptions with { IdleStrategy = () => new TradeX.Disruptor.Agents.BackoffIdleStrategy(200, 200, 1) },
                "poll" => gatewayOptions,
                _ => throw new ArgumentException($"--idle {idle}: expected poll, backoff or spin"),
            };
            var gateway = new OrderEntryGateway(gatewayOptions, ParticipantStore.Load(participantFile), TradeX.Node.Gateway.GatewayBindings.InputPort(pipeline), Console.Error.WriteLine);
            int? producerCore = pin ? config.Cores.Producers : null;
            pipeline.AddPublisher("gateway", TradeX.Node.Gateway.GatewayBindings.OutputHandler(gateway, producerCore));
            pipeline.Start();
            foreach (var input in config.ReferenceData())
            {
                var stamped = input;
                stamped.Time = NodeClock.NowNanos();
                while (!pipeline.Publisher.TryPublish(in stamped, 1)) Thread.Yield();
            }
            gateway.Start();

            var measurers = new[] { new Measurer(), new Measurer() };
            var clients = participants.Select((p, i) => new OrderEntryClient(new OrderEntryClientOptions
            {
                Endpoint = gateway.LocalEndPoint,
                SessionId = 0xB0_0000_0000UL + (ulong)i,
                ParticipantId = (uint)p.ParticipantId,
                Credentials = System.Text.Encoding.UTF8.GetBytes(p.Secret),
                BusyPollReceive = busyPoll,
                ReceiveCore = producerCore,
            }, measurers[i])).ToArray();
            foreach (var c in clients) c.Connect();
            uint[] accounts = [(uint)buyer.Id, (uint)seller.Id];

            long io0 = 0, out0 = 0, messages0 = 0;
            long sent = 0, measuredSent = 0, notSent = 0;
            var stats = gateway.Statistics;
            long frequency = Stopwatch.Frequency;
            long start = Stopwatch.GetTimestamp();
            long measureFrom = start + (long)(warmup * frequency);
            long end = measureFrom + (long)(seconds * frequency);
            double interval = frequency / rate;
            bool measuring = false;
            var driver = PinnedThread.Start(new ThreadPlacement("latency-driver", pin ? config.Cores.Producers : null), () =>
            {
                for (long k = 0; ; k++)
                {
                    long due = start + (long)(k * interval);
                    if (due >= end) break;
                    while (Stopwatch.GetTimestamp() < due) Thread.Yield();
                    if (!measuring && due >= measureFrom)
                    {
                        measuring = true;
                        io0 = stats.IoThreadAllocatedBytes;
                        out0 = stats.OutputThreadAllocatedBytes;
                        messages0 = stats.InputsPublished;
                    }
                    int who = (int)(k & 1);
                    bool flip = ((k / 2000) & 1) == 1;
                    var side = (who == 0) != flip ? Side.Buy : Side.Sell;
                    ulong clOrdId = (ulong)k + 1;
                    Volatile.Write(ref measurers[who].Due[(int)(clOrdId & (DueSlots - 1))], measuring ? due : 0);
                    if (clients[who].SendNewOrder(new NewOrderRequest(clOrdId, accounts[who], instrument.Id, side, 1, price)) != 0)
                    {
                        sent++;
                        if (measuring) measuredSent++;
                    }
                    else notSent++;
                }
            }, Console.Error.WriteLine);
            driver.Join(TimeSpan.FromSeconds(warmup + seconds + 60));
            long ioBytes = stats.IoThreadAllocatedBytes - io0, outBytes = stats.OutputThreadAllocatedBytes - out0, messages = stats.InputsPublished - messages0;
            var settle = Stopwatch.StartNew();
            while (measurers.Sum(m => Interlocked.Read(ref m.Answered)) < sent && settle.Elapsed < TimeSpan.FromSeconds(10)) Thread.Sleep(10);
            foreach (var c in clients) c.Dispose();
            gateway.Stop();
            pipeline.Stop();
            var latency = new HdrHistogram(1, 60_000_000_000L, 3);
            foreach (var m in measurers) latency.Add(m.Latency);
            var refusals = new RefusalTally();
            foreach (var m in measurers) refusals.Add(m.Refusals);
            var orderTable = pipeline.Engine.Tables().Single(t => t.Name == "orders");
            return new Result(latency, pipeline.Statistics.Latency, measuredSent / seconds, refusals, stats.EngineBusy, notSent, messages > 0 ? (double)ioBytes / messages : 0, messages > 0 ? (double)outBytes / messages : 0,
                pipeline.Statistics.EventsOf(EventKind.Trade), orderTable.Peak, orderTable.Capacity);
        }
        finally
        {
            directory.Delete(recursive: true);
        }
    }
}
