using System.Text;

namespace TradeX.Fix.Dictionary;

/// <summary>One field of a data dictionary: tag, name, value type and, if it has them, the allowed values.</summary>
public sealed class FieldDefinition
{
    private readonly byte[][] _enumValues;
    // Bit set over single-byte values: most enumerated FIX fields are one character.
    private readonly ulong[] _singleByteEnums = new ulong[4];

    public FieldDefinition(int tag, string name, FieldType type, string rawType, IEnumerable<string> enumValues)
    {
        Tag = tag;
        Name = name;
        Type = type;
        RawType = rawType;
        _enumValues = enumValues.Select(Encoding.ASCII.GetBytes).ToArray();
        foreach (var v in _enumValues)
            if (v.Length == 1) _singleByteEnums[v[0] >> 6] |= 1UL << (v[0] & 63);
    }

    public int Tag { get; }
    public string Name { get; }
    public FieldType Type { get; }
    /// <summary>The type name exactly as the dictionary spells it (PRICE, QTY, SEQNUM...).</summary>
    public string RawType { get; }
    public bool HasEnums => _enumValues.Length > 0;
    public IEnumerable<string> EnumValues => _enumValues.Select(Encoding.ASCII.GetString);

    public bool IsAllowedValue(ReadOnlySpan<byte> value)
    {
        if (_enumValues.Length == 0) return true;
        if (Type == FieldType.MultipleValueString)
        {
            foreach (var range in value.Split((byte)' '))
                if (!IsEnum(value[range])) return false;
            return true;
        }
        return IsEnum(value);
    }

    private bool IsEnum(ReadOnlySpan<byte> value)
    {
        if (value.Length == 1) return (_singleByteEnums[value[0] >> 6] & (1UL << (value[0] & 63))) != 0;
        foreach (var e in _enumValues) if (value.SequenceEqual(e)) return true;
        return false;
    }
}
