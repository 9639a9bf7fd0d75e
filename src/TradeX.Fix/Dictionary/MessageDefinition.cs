using System.Text;

namespace TradeX.Fix.Dictionary;

/// <summary>One message type of a data dictionary: MsgType, name, admin or application, and its body layout.</summary>
public sealed class MessageDefinition
{
    internal MessageDefinition(string msgType, string name, bool isAdmin, FieldLayout body)
    {
        MsgType = msgType;
        MsgTypeBytes = Encoding.ASCII.GetBytes(msgType);
        Name = name;
        IsAdmin = isAdmin;
        Body = body;
    }

    public string MsgType { get; }
    public byte[] MsgTypeBytes { get; }
    public string Name { get; }
    public bool IsAdmin { get; }
    public FieldLayout Body { get; }
}
