using System.Text;

namespace TradeX.Fix.Dictionary;

/// <summary>One message type of a data dictionary: MsgType, name, admin or application, and its body layout.</summary>
public sealed class MessageDefinition
{
    internal const byte HeaderField = 1, TrailerField = 2, BodyField = 3;

    internal MessageDefinition(string msgType, string name, bool isAdmin, FieldLayout body, FieldLayout header, FieldLayout trailer, int maxTag)
    {
        // Which part of the message each tag belongs to, in one lookup for the validator's hot loop: the header
        // and the trailer with their groups' fields (a tag of both the header and this body is the header's),
        // then this message's body (its top level: group members are met inside their group).
        Sections = HeaderAndTrailer(header, trailer, maxTag);
        for (int tag = 0; tag <= maxTag; tag++)
            if (Sections[tag] == 0 && body.Contains(tag)) Sections[tag] = BodyField;
        MsgType = msgType;
        MsgTypeBytes = Encoding.ASCII.GetBytes(msgType);
        Name = name;
        IsAdmin = isAdmin;
        Body = body;
    }

    /// <summary>
    /// By tag: <see cref="HeaderField"/> for the header's fields, <see cref="TrailerField"/> for the trailer's (their
    /// groups' fields included; a tag of both is the header's), 0 for the rest. The same for every message type.
    /// </summary>
    internal static byte[] HeaderAndTrailer(FieldLayout header, FieldLayout trailer, int maxTag)
    {
        var sections = new byte[maxTag + 1];
        Mark(sections, trailer, TrailerField);
        Mark(sections, header, HeaderField);
        return sections;
    }

    private static void Mark(byte[] sections, FieldLayout layout, byte section)
    {
        foreach (int tag in layout.Fields) sections[tag] = section;
        foreach (var group in layout.Groups) Mark(sections, group.Instance, section);
    }

    public string MsgType { get; }
    public byte[] MsgTypeBytes { get; }
    public string Name { get; }
    public bool IsAdmin { get; }
    public FieldLayout Body { get; }

    /// <summary>By tag: <see cref="HeaderField"/>, <see cref="TrailerField"/>, <see cref="BodyField"/> or 0 (not in this message).</summary>
    internal byte[] Sections { get; }
}
