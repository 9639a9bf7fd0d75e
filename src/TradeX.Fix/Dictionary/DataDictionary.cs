using TradeX.Fix.Protocol;

namespace TradeX.Fix.Dictionary;

/// <summary>
/// A FIX data dictionary in QuickFIX's XML format (e.g. the standard FIX44.xml): the fields with their
/// types and values, the header, trailer and every message with its groups. Load it once with
/// <see cref="DataDictionaryLoader.Load"/> and share it: it is immutable and thread-safe.
/// </summary>
public sealed class DataDictionary
{
    private readonly FieldDefinition?[] _fields;
    private readonly Dictionary<int, MessageDefinition> _messagesByShortType;
    private readonly Dictionary<string, MessageDefinition> _messagesByType;

    internal DataDictionary(string beginString, FieldDefinition?[] fields, FieldLayout header, FieldLayout trailer,
        IEnumerable<MessageDefinition> messages, DataFieldMap dataFields, string source)
    {
        BeginString = beginString;
        _fields = fields;
        Header = header;
        Trailer = trailer;
        DataFields = dataFields;
        Source = source;
        _messagesByType = messages.ToDictionary(m => m.MsgType, StringComparer.Ordinal);
        _messagesByShortType = _messagesByType.Values.Where(m => m.MsgTypeBytes.Length <= 2)
            .ToDictionary(m => ShortKey(m.MsgTypeBytes));
    }

    /// <summary>"FIX.4.4" for FIX44.xml.</summary>
    public string BeginString { get; }
    public string Source { get; }
    public FieldLayout Header { get; }
    public FieldLayout Trailer { get; }
    public DataFieldMap DataFields { get; }
    public int MaxTag => _fields.Length - 1;
    public IEnumerable<MessageDefinition> Messages => _messagesByType.Values;

    public FieldDefinition? Field(int tag) => (uint)tag < (uint)_fields.Length ? _fields[tag] : null;

    public MessageDefinition? Message(ReadOnlySpan<byte> msgType)
    {
        if (msgType.Length is 1 or 2) return _messagesByShortType.GetValueOrDefault(ShortKey(msgType));
        if (msgType.IsEmpty) return null;
        return _messagesByType.GetValueOrDefault(System.Text.Encoding.ASCII.GetString(msgType));
    }

    public MessageDefinition? Message(string msgType) => _messagesByType.GetValueOrDefault(msgType);

    private static int ShortKey(ReadOnlySpan<byte> t) => t.Length == 1 ? t[0] : 0x10000 | (t[0] << 8) | t[1];
}
