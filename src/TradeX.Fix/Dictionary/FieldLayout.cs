namespace TradeX.Fix.Dictionary;

/// <summary>
/// The fields a message body, header, trailer or group instance may hold: which tags belong, which are
/// required, and which are the counts of nested repeating groups. Lookups are array indexed so the
/// validator never allocates or hashes.
/// </summary>
public sealed class FieldLayout
{
    private readonly bool[] _member;
    private readonly GroupDefinition?[] _groupByCountTag;

    internal FieldLayout(int maxTag, IReadOnlyList<int> fields, IReadOnlyList<int> required, IReadOnlyList<GroupDefinition> groups)
    {
        _member = new bool[maxTag + 1];
        _groupByCountTag = new GroupDefinition?[maxTag + 1];
        foreach (int t in fields) _member[t] = true;
        foreach (var g in groups) _groupByCountTag[g.CountTag] = g;
        Fields = fields.ToArray();
        RequiredTags = required.ToArray();
        Groups = groups.ToArray();
    }

    /// <summary>Tags in dictionary order (group members are not listed here, only their count tag).</summary>
    public IReadOnlyList<int> Fields { get; }
    public int[] RequiredTags { get; }
    public IReadOnlyList<GroupDefinition> Groups { get; }

    public bool Contains(int tag) => (uint)tag < (uint)_member.Length && _member[tag];

    public GroupDefinition? GroupFor(int countTag) =>
        (uint)countTag < (uint)_groupByCountTag.Length ? _groupByCountTag[countTag] : null;
}
