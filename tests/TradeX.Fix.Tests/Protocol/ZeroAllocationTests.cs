using TradeX.Fix.Protocol;
using TradeX.Fix.Tests.Support;
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
}
