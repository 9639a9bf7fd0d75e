using BenchmarkDotNet.Attributes;
using TradeX.Protocol.OrderEntry;

namespace TradeX.Bench.Sbe;

/// <summary>Encode and decode of ExecutionReportTrade, the fill report sent for every trade.</summary>
[MemoryDiagnoser]
public class SbeExecutionReportTradeBenchmarks
{
    private readonly byte[] _encodeBuffer = new byte[128];
    private readonly byte[] _decodeBuffer = new byte[128];
    private int _length;
    private ulong _execId;

    [GlobalSetup]
    public void Setup()
    {
        _execId = 1;
        _length = Encode();
        _encodeBuffer.AsSpan(0, _length).CopyTo(_decodeBuffer);
    }

    [Benchmark]
    public int Encode()
    {
        var trade = ExecutionReportTradeEncoder.WrapAndApplyHeader(_encodeBuffer);
        trade.SeqNum = _execId;
        trade.OrderId = 9_000;
        trade.ClOrdId = 77;
        trade.ExecId = _execId++;
        trade.LastPx.SetMantissa(101_250_000);
        trade.LastQty = 10;
        trade.LeavesQty = 90;
        trade.CumQty = 10;
        trade.TransactTime = 1_700_000_000_000_000_000UL;
        trade.Account = 42;
        trade.SecurityId = 7;
        trade.Side = Side.Sell;
        trade.OrdStatus = OrdStatus.PartiallyFilled;
        trade.AggressorIndicator = BooleanFlag.True;
        return trade.Finish();
    }

    [Benchmark]
    public long Decode()
    {
        var trade = ExecutionReportTradeDecoder.Wrap(_decodeBuffer.AsSpan(0, _length));
        return (long)trade.SeqNum + (long)trade.OrderId + (long)trade.ClOrdId + (long)trade.ExecId + trade.LastPx.Mantissa +
            trade.LastQty + trade.LeavesQty + trade.CumQty + (long)trade.TransactTime + trade.Account + trade.SecurityId +
            (int)trade.Side + (int)trade.OrdStatus + (int)trade.AggressorIndicator;
    }
}
