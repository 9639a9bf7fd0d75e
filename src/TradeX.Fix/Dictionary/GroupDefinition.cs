namespace TradeX.Fix.Dictionary;

/// <summary>
/// A repeating group: its NumInGroup count tag, the delimiter tag that must open every instance,
/// and the layout of one instance (which may nest further groups).
/// </summary>
public sealed class GroupDefinition
{
    internal GroupDefinition(int countTag, int delimiterTag, bool required)
    {
        CountTag = countTag;
        DelimiterTag = delimiterTag;
        Required = required;
    }

    public int CountTag { get; }
    public int DelimiterTag { get; }
    public bool Required { get; }
    public FieldLayout Instance { get; internal set; } = null!;
}
