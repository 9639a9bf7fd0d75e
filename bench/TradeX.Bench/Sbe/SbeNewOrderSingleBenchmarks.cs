using BenchmarkDotNet.Attributes;
using TradeX.Protocol.OrderEntry;

namespace TradeX.Bench.Sbe;

/// <summary>
/// Encode and decode of the order-entry NewOrderSingle flyweights (59 bytes with header), the
/// message every market-maker order starts as. Decode reads every field, as the gateway does.
/// </summary>
[MemoryDiagnoser]
public class SbeNewOrderSingleBenchmarks
{
    private readonly byte[] _encodeBuffer = new byte[128];
    private readonly byte[] _decodeBuffer = new byte[128];
    private int _length;
    private ulong _clOrdId;

    [GlobalSetup]
    public void Setup()
    {
        _clOrdId = 1;
        _length = Encode();
        _encodeBuffer.AsSpan(0, _length).CopyTo(_decodeBuffer);
    }

    [Benchmark]
    public int Encode()
    {
        var order = NewOrderSingleEncoder.WrapAndApplyHeader(_encodeBuffer);
        order.SeqNum = _clOrdId;
        order.ClOrdId = _clOrdId++;
        order.Price.SetMantissa(101_250_000);
        order.OrderQty = 100;
        order.TransactTime = 1_700_000_000_000_000_000UL;
        order.Account = 42;
        order.SecurityId = 7;
        order.Side = Side.Buy;
        order.OrdType = OrdType.Limit;
        order.TimeInForce = TimeInForce.Day;
        return order.Finish();
    }

    [Benchmark]
    public long Decode()
    {
        var order = NewOrderSingleDecoder.Wrap(_decodeBuffer.AsSpan(0, _length));
        return (long)order.SeqNum + (long)order.ClOrdId + order.Price.Mantissa + order.OrderQty + (long)order.TransactTime +
            order.Account + order.SecurityId + (int)order.Side + (int)order.OrdType + (int)order.TimeInForce;
    }
}
