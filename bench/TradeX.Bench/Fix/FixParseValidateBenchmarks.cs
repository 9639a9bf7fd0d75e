using BenchmarkDotNet.Attributes;
using TradeX.Fix.Protocol;
using TradeX.Fix.Validation;

namespace TradeX.Bench.Fix;

/// <summary>
/// Inbound hot path: a NewOrderSingle frame parsed (BodyLength, CheckSum, every field indexed) and
/// validated against FIX44.xml (types, enums, required fields, header and trailer). Target under 500 ns,
/// 0 B allocated. QuickFIX C++ does the same in bench/quickfix (qfbench parse).
/// </summary>
[MemoryDiagnoser]
public class FixParseValidateBenchmarks
{
    private byte[] _frame = null!;
    private FixMessage _message = null!;
    private MessageValidator _validator = null!;

    [GlobalSetup]
    public void Setup()
    {
        var dictionary = FixBenchmarkData.Dictionary();
        _frame = FixBenchmarkData.NewOrderSingle();
        _message = new FixMessage(dictionary.DataFields);
        _validator = new MessageValidator(dictionary);
        if (_message.Parse(_frame) != FixParseStatus.Ok || !_validator.Validate(_message).IsValid)
            throw new InvalidOperationException("benchmark message does not validate");
    }

    [Benchmark(Baseline = true)]
    public FixParseStatus Parse() => _message.Parse(_frame);

    [Benchmark]
    public bool ParseAndValidateNewOrderSingle() => _message.Parse(_frame) == FixParseStatus.Ok && _validator.Validate(_message).IsValid;
}
