using TradeX.Sbe.Model;

namespace TradeX.Sbe.Tests.Oracle;

/// <summary>
/// A message (or group entry) as the test oracle holds it: raw wire bytes per fixed field, entries
/// per group, bytes per var data element. Built from the schema model, independently of the
/// generated codecs, so the two can be checked against each other.
/// </summary>
internal sealed class BlockValue
{
    public BlockValue(BlockDef block)
    {
        Block = block;
    }

    public BlockDef Block { get; }

    /// <summary>Wire bytes of every non-constant field (its full encoded length, padding zero).</summary>
    public Dictionary<FieldDef, byte[]> Fields { get; } = new();

    public Dictionary<GroupDef, List<BlockValue>> Groups { get; } = new();

    public Dictionary<DataDef, byte[]> Data { get; } = new();

    public override string ToString()
    {
        var parts = new List<string>();
        foreach (FieldDef field in Block.Fields)
        {
            if (Fields.TryGetValue(field, out byte[]? bytes))
            {
                parts.Add($"{field.Name}={Convert.ToHexString(bytes)}");
            }
        }

        foreach (GroupDef group in Block.Groups)
        {
            parts.Add($"{group.Name}=[{string.Join(", ", Groups[group])}]");
        }

        foreach (DataDef data in Block.Data)
        {
            parts.Add($"{data.Name}={Convert.ToHexString(Data[data])}");
        }

        return "{" + string.Join(", ", parts) + "}";
    }
}
