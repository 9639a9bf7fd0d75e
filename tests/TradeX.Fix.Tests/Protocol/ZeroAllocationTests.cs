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

    /// <summary>
    /// Bytes this thread allocates over <see cref="Messages"/> calls of <paramref name="round"/>, after 100 calls
    /// of warm-up; <paramref name="total"/> sums what every call returned (so a test can check the work was done).
    /// </summary>
    private static long AllocatedBy(Func<int, long> round, out long total)
    {
        total = 0;
        for (int i = 0; i < 100; i++) total += round(i);
        long before = GC.GetAllocatedBytesForCurrentThread();
        for (int i = 0; i < Messages; i++) total += round(i);
        return GC.GetAllocatedBytesForCurrentThread() - before;
    }

    [Test]
    public void Parsing_and_validating_NewOrderSingles_allocates_nothing()
    {
        var frame = Support.Messages.Frame("D", Support.Messages.NewOrderSingleBody);
        var message = new FixMessage(SharedDictionary.Fix44.DataFields);
        var validator = new MessageValidator(SharedDictionary.Fix44);
        long allocated = AllocatedBy(_ => ParseAndValidate(message, validator, frame), out long valid);
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
        long allocated = AllocatedBy(i => BuildExecutionReport(body, frames, i, now), out long total);
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
    public void Parsing_and_validating_resends_rejects_and_sections_allocates_nothing()
    {
        // A resend with optional header fields, a message the validator rejects (the error path walks on to
        // rank its problems), an encoded field, and the section accessors.
        var resend = RawFrame.Wrap("35=D|34=2|43=Y|49=CLIENT|52=20260105-10:00:00.000|56=EXCH|97=Y|115=ON|122=20260105-09:59:00.000|"
            + "11=A|55=IBM|54=1|60=20260105-10:00:00|38=100|40=2|");
        var rejected = RawFrame.Wrap("35=D|34=3|49=CLIENT|52=20260105-10:00:00.000|56=EXCH|11=A|54=Z|55=IBM|38=lots|-1=x|453=2|448=P|");
        var encoded = RawFrame.Wrap("35=B|34=4|49=CLIENT|52=20260105-10:00:00.000|56=EXCH|148=h|33=1|58=x|354=5|355=a|b|c|");
        var message = new FixMessage(SharedDictionary.Fix44.DataFields);
        var validator = new MessageValidator(SharedDictionary.Fix44);
        long allocated = AllocatedBy(_ => Mixed(message, validator, resend, rejected, encoded), out long checks);
        Assert.That(checks, Is.EqualTo(3L * (Messages + 100)), "resend and encoded valid, the other rejected with reason 1");
        Assert.That(allocated, Is.Zero, $"{allocated} bytes over {Messages} rounds");
    }

    private static int Mixed(FixMessage message, MessageValidator validator, byte[] resend, byte[] rejected, byte[] encoded)
    {
        int ok = 0;
        if (message.Parse(resend) == FixParseStatus.Ok && validator.Validate(message).IsValid && message.BodyStart == 11) ok++;
        if (message.Parse(rejected) == FixParseStatus.Ok && validator.Validate(message) is { Reason: SessionRejectReason.RequiredTagMissing, HasRefTag: true }) ok++;
        if (message.Parse(encoded) == FixParseStatus.Ok && validator.Validate(message).IsValid && message.IsTrailerIndex(message.TrailerStart)) ok++;
        return ok;
    }

    [Test]
    public void Building_resends_with_optional_header_fields_and_encoded_text_allocates_nothing()
    {
        var er = new FixOutboundMessage();
        var frames = new FixFrameBuilder("FIX.4.4", timestampPrecision: 9);
        var now = new DateTime(2026, 1, 5, 10, 0, 0, DateTimeKind.Utc);
        long allocated = AllocatedBy(i => BuildResend(er, frames, i, now), out long total);
        Assert.That(total, Is.GreaterThan(0));
        Assert.That(allocated, Is.Zero, $"{allocated} bytes over {Messages} messages");
    }

    private static int BuildResend(FixOutboundMessage er, FixFrameBuilder frames, int seq, DateTime now)
    {
        er.Reset(MsgTypes.ExecutionReport).Add(Tag.OrderID, "O-1"u8).Add(Tag.ExecID, seq).AddChar(Tag.ExecType, (byte)'F')
            .AddEncoded(354, 355, "東京 fill", System.Text.Encoding.UTF8).AddData(Tag.RawDataLength, Tag.RawData, "\u0001raw"u8);
        er.Header.Add(369, seq).Add(128, "DEST"u8).Add(97, "Y"u8).AddData(Tag.XmlDataLen, Tag.XmlData, "<x/>"u8).Add(115, "ON"u8);
        return frames.Build(MsgTypes.ExecutionReport, "EXCH"u8, "TRADEX"u8, seq + 1, now, er.Body, possDup: true, origSendingTime: now, extraHeader: er.HeaderFields).Length;
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
