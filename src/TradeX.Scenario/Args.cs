using TradeX.Core;

namespace TradeX.Scenario;

/// <summary>The <c>key=value</c> arguments of one scenario line, and bare flags (<c>on</c>, <c>global</c>).</summary>
internal sealed class Args
{
    private readonly Dictionary<string, string> _values = new(StringComparer.OrdinalIgnoreCase);
    private readonly HashSet<string> _flags = new(StringComparer.OrdinalIgnoreCase);
    private readonly HashSet<string> _used = new(StringComparer.OrdinalIgnoreCase);

    public Args(IEnumerable<string> tokens)
    {
        foreach (string token in tokens)
        {
            int eq = token.IndexOf('=');
            if (eq < 0)
            {
                _flags.Add(token);
                continue;
            }
            string key = token[..eq];
            if (key.Length == 0) throw new ScenarioException($"'{token}' has no key before '='");
            if (!_values.TryAdd(key, token[(eq + 1)..])) throw new ScenarioException($"'{key}' is given twice");
        }
    }

    public bool Has(string key) => _values.ContainsKey(key);

    public bool Flag(string name)
    {
        if (!_flags.Contains(name)) return false;
        _used.Add(name);
        return true;
    }

    public void EnsureAllUsed(string verb)
    {
        var unknown = _values.Keys.Concat(_flags).Where(k => !_used.Contains(k)).ToList();
        if (unknown.Count > 0) throw new ScenarioException($"'{verb}' does not take {string.Join(", ", unknown.Select(k => $"'{k}'"))}");
    }

    public string? OptionalText(string key)
    {
        if (!_values.TryGetValue(key, out string? v)) return null;
        _used.Add(key);
        if (v.Length == 0) throw new ScenarioException($"'{key}' has no value");
        return v;
    }

    public string Text(string key) => OptionalText(key) ?? throw new ScenarioException($"missing '{key}='");

    public long? OptionalLong(string key)
    {
        string? v = OptionalText(key);
        if (v is null) return null;
        return FixedPoint.TryParseWhole(v, out long n, out NumberFault fault)
            ? n
            : throw Refused(key, v, "a whole number", "like 100 or 10_000", fault);
    }

    public long Long(string key) => OptionalLong(key) ?? throw new ScenarioException($"missing '{key}='");

    public int? OptionalInt(string key)
    {
        long? v = OptionalLong(key);
        if (v is null) return null;
        return v is >= int.MinValue and <= int.MaxValue ? (int)v : throw new ScenarioException($"{key}={v} is out of range");
    }

    public int Int(string key) => OptionalInt(key) ?? throw new ScenarioException($"missing '{key}='");

    public ulong? OptionalULong(string key)
    {
        string? v = OptionalText(key);
        if (v is null) return null;
        return FixedPoint.TryParseUnsigned(v, out ulong n, out NumberFault fault)
            ? n
            : throw Refused(key, v, "a non-negative whole number", "like 7 or 1_000_000", fault);
    }

    public ulong ULong(string key) => OptionalULong(key) ?? throw new ScenarioException($"missing '{key}='");

    public bool? OptionalBool(string key)
    {
        string? v = OptionalText(key);
        return v?.ToLowerInvariant() switch
        {
            null => null,
            "yes" or "true" or "y" or "1" => true,
            "no" or "false" or "n" or "0" => false,
            _ => throw new ScenarioException($"{key}='{v}' is not yes or no"),
        };
    }

    public static Price ParsePrice(string key, string text) =>
        FixedPoint.TryParse(text.TrimStart('$'), out long raw, out NumberFault fault) ? new Price(raw) : throw Refused(key, text, "a price", "like 101.25", fault);

    public Price Price(string key) => ParsePrice(key, Text(key));

    public Money? OptionalMoney(string key)
    {
        string? v = OptionalText(key);
        if (v is null) return null;
        string t = v.TrimStart('$');
        long multiplier = 1;
        if (t.EndsWith('k') || t.EndsWith('K')) { multiplier = 1_000; t = t[..^1]; }
        else if (t.EndsWith('m') || t.EndsWith('M')) { multiplier = 1_000_000; t = t[..^1]; }
        if (!FixedPoint.TryParse(t, out long raw, out NumberFault fault)) throw Refused(key, v, "an amount", "like 50000, $2.5M or 100k", fault);
        try
        {
            return new Money(checked(raw * multiplier));
        }
        catch (OverflowException)
        {
            throw new ScenarioException($"{key}='{v}' is too large");
        }
    }

    public Money Money(string key) => OptionalMoney(key) ?? throw new ScenarioException($"missing '{key}='");

    /// <summary>A percentage ("10%", "0.5%") or basis points ("1000bps", "1000").</summary>
    public int? OptionalBasisPoints(string key)
    {
        string? v = OptionalText(key);
        if (v is null) return null;
        const long RawPerBasisPoint = FixedPoint.Scale / 100; // 1% is 100 bps
        if (v.EndsWith('%'))
        {
            if (!FixedPoint.TryParse(v.AsSpan()[..^1], out long raw, out NumberFault fault)) throw Refused(key, v, "a percentage", "like 10% or 0.5%", fault);
            if (raw < 0 || raw % RawPerBasisPoint != 0 || raw / RawPerBasisPoint > int.MaxValue)
                throw new ScenarioException($"{key}='{v}' is not a percentage with at most two decimals");
            return (int)(raw / RawPerBasisPoint);
        }
        string n = v.EndsWith("bps", StringComparison.OrdinalIgnoreCase) ? v[..^3] : v;
        if (!FixedPoint.TryParseUnsigned(n, out ulong bps, out NumberFault bpsFault)) throw Refused(key, v, "basis points or a percentage", "like 1000bps or 10%", bpsFault);
        return bps <= int.MaxValue ? (int)bps : throw new ScenarioException($"{key}='{v}' is out of range");
    }

    public int BasisPoints(string key) => OptionalBasisPoints(key) ?? throw new ScenarioException($"missing '{key}='");

    /// <summary>A number outside the grammar is named by what is wrong with it; text that is no number at all gets an example.</summary>
    private static ScenarioException Refused(string key, string text, string what, string example, NumberFault fault) =>
        new(fault is NumberFault.InvalidCharacter or NumberFault.NoDigits
            ? $"{key}='{text}' is not {what} ({example})"
            : $"{key}='{text}' is not {what}: {FixedPoint.Describe(fault)}");
}
