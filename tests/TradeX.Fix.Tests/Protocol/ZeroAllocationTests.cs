using TradeX.Fix.Protocol;
using TradeX.Fix.Session;
using TradeX.Fix.Tests.Support;
using TradeX.Fix.Transport;
using TradeX.Fix.Validation;

namespace TradeX.Fix.Tests.Protocol;

/// <summary>The hot paths allocate nothing per message, measured by the GC's own per-thread counter.</summary>
public sealed class ZeroAllocationTests
{
    private const int Messages = 20_000;

    [Test]
    public void Parsing_and_validating_NewOrderSingles_allocates_nothing()
    {
        var frame = Support.Messages.Frame("D", Support.Messages.NewOrderSingleBody);
        var message = new FixMessage(SharedDictionary.Fix44.DataFields);
        var validator = new MessageValidator(SharedDictionary.Fix44);
        int valid = 0;
        for (int i = 0; i < 100; i++) valid += ParseAndValidate(message, validator, frame);
        long before = GC.GetAllocatedBytesForCurrentThread();
        for (int i = 0; i < Messages; i++) valid += ParseAndValidate(message, validator, frame);
        long allocated = GC.GetAllocatedBytesForCurrentThread() - before;
        Assert.That(valid, Is.EqualTo(Messages + 100));
        Assert.That(allocated, Is.Zero, $"{allocated} bytes over {Messages} messages");
    }

    private static int ParseAndValidate(FixMessage message, MessageValidator validator, byte[] frame) =>
        message.Parse(frame) == FixParseStatus.Ok && validator.Validate(message).IsValid ? 1 : 0;

    [Test]
    public void Building_and_serializing_ExecutionReports_allocates_nothing()
    {
        var body = new FixOutboundMessage();
        var frames = new FixFrameBuilder("FIX.4.4");
        var now = new DateTime(2026, 1, 5, 10, 0, 0, DateTimeKind.Utc);
        long total = 0;
        for (int i = 0; i < 100; i++) total += BuildExecutionReport(body, frames, i, now);
        long before = GC.GetAllocatedBytesForCurrentThread();
        for (int i = 0; i < Messages; i++) total += BuildExecutionReport(body, frames, i, now);
        long allocated = GC.GetAllocatedBytesForCurrentThread() - before;
        Assert.That(total, Is.GreaterThan(0));
        Assert.That(allocated, Is.Zero, $"{allocated} bytes over {Messages} messages");
    }

    /// <summary>The 20 body fields of a fill, plus the session header: the benchmark's message.</summary>
    internal static int BuildExecutionReport(FixOutboundMessage er, FixFrameBuilder frames, int seq, DateTime now)
    {
        er.Reset(MsgTypes.ExecutionReport)
            .Add(Tag.OrderID, "O-1000001"u8).Add(Tag.ClOrdID, "C-2000001"u8).Add(Tag.ExecID, seq)
            .AddChar(Tag.ExecType, (byte)'F').AddChar(Tag.OrdStatus, (byte)'1').Add(Tag.Account, "ACC-7"u8)
            .Add(Tag.Symbol, "IBM"u8).AddChar(Tag.Side, (byte)'1').AddDecimal(Tag.OrderQty, 1000, 0)
            .AddChar(Tag.OrdType, (byte)'2').AddDecimal(Tag.Price, 12345000000, 8).AddChar(Tag.TimeInForce, (byte)'0')
            .AddDecimal(Tag.LastQty, 100, 0).AddDecimal(Tag.LastPx, 12345000000, 8).AddDecimal(Tag.LeavesQty, 900, 0)
            .AddDecimal(Tag.CumQty, 100, 0).AddDecimal(Tag.AvgPx, 12345000000, 8).AddUtcTimestamp(Tag.TransactTime, now)
            .Add(Tag.Currency, "USD"u8).Add(Tag.Text, "partial fill"u8);
        return frames.Build(MsgTypes.ExecutionReport, "EXCH"u8, "TRADEX"u8, seq + 1, now, er.Body).Length;
    }

    [Test]
    public void Receiving_orders_through_a_session_allocates_nothing_on_its_receive_thread()
    {
        const int warmUp = 1_000, measured = 800;
        var probe = new AllocationProbe(warmUp, measured);
        using var engine = new FixEngine([OurEngine.AcceptorSettings(TestPaths.NewTempDirectory("receive-alloc"))], _ => probe,
            new FixEngineOptions { TimerInterval = TimeSpan.FromMilliseconds(20) });
        engine.Start();
        using var peer = RawFixPeer.Connect(engine.AcceptorEndPoint(engine.Sessions[0]), "CLIENT", "EXCH");
        peer.Logon();
        peer.Expect("A");
        // One burst, so the receive thread reads, frames, validates, stores and delivers back to back.
        var burst = new List<byte>();
        for (int i = 0; i < warmUp + measured; i++)
            burst.AddRange(peer.Frame("D", peer.NextSeq++, $"11=ORD{i}|55=IBM|54=1|60=20260105-10:00:00|38=100|40=2|44=10|"));
        peer.SendRaw(burst.ToArray());
        Wait.Until(() => probe.Done, () => $"{probe.Received} of {warmUp + measured} orders delivered");
        Assert.That(probe.Allocated, Is.Zero, $"{probe.Allocated} bytes on the receive thread over {measured} orders (receive, parse, validate, store, callback)");
    }

    /// <summary>Reads the receive thread's allocation counter from inside its callbacks, after a warm-up.</summary>
    private sealed class AllocationProbe(int warmUp, int measured) : IFixApplication
    {
        private long _before;
        private int _received;
        private volatile bool _done;

        public int Received => Volatile.Read(ref _received);
        public bool Done => _done;
        public long Allocated { get; private set; }

        public ApplicationResult OnMessage(FixSession session, FixMessage message)
        {
            int n = Interlocked.Increment(ref _received);
            if (n == warmUp) _before = GC.GetAllocatedBytesForCurrentThread();
            else if (n == warmUp + measured)
            {
                Allocated = GC.GetAllocatedBytesForCurrentThread() - _before;
                _done = true;
            }
            return ApplicationResult.Handled;
        }
    }
}
