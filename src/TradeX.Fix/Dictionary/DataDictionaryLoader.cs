using System.Xml.Linq;
using TradeX.Fix.Protocol;

namespace TradeX.Fix.Dictionary;

/// <summary>
/// Reads QuickFIX-format dictionary XML (&lt;fix&gt; with header, trailer, messages, components, fields).
/// Components are expanded in place; a component's required fields are required only where the
/// component itself is required. Errors name the file and the element.
/// </summary>
public static class DataDictionaryLoader
{
    public static DataDictionary Load(string path)
    {
        if (!File.Exists(path)) throw new FileNotFoundException($"FIX data dictionary not found: {path}", path);
        XDocument doc;
        try { doc = XDocument.Load(path); }
        catch (System.Xml.XmlException e) { throw new InvalidDataException($"{path}: not valid XML: {e.Message}", e); }
        return Parse(doc, path);
    }

    public static DataDictionary Parse(XDocument doc, string source)
    {
        var root = doc.Root ?? throw new InvalidDataException($"{source}: empty document");
        if (root.Name.LocalName != "fix") throw new InvalidDataException($"{source}: root element must be <fix>");
        string beginString = $"{(string?)root.Attribute("type") ?? "FIX"}.{(string?)root.Attribute("major")}.{(string?)root.Attribute("minor")}";

        var byName = new Dictionary<string, FieldDefinition>(StringComparer.Ordinal);
        int maxTag = 0;
        foreach (var f in root.Element("fields")?.Elements("field") ?? [])
        {
            string name = Attr(f, "name", source);
            if (!int.TryParse(Attr(f, "number", source), out int tag) || tag <= 0)
                throw new InvalidDataException($"{source}: field '{name}' has an invalid number");
            string rawType = Attr(f, "type", source);
            var values = f.Elements("value").Select(v => Attr(v, "enum", source));
            byName[name] = new FieldDefinition(tag, name, MapType(rawType), rawType, values);
            maxTag = Math.Max(maxTag, tag);
        }
        var fields = new FieldDefinition?[maxTag + 1];
        foreach (var f in byName.Values) fields[f.Tag] = f;

        var components = (root.Element("components")?.Elements("component") ?? [])
            .ToDictionary(c => Attr(c, "name", source), StringComparer.Ordinal);
        var builder = new LayoutBuilder(byName, components, maxTag, source);

        var header = builder.Build(root.Element("header") ?? throw new InvalidDataException($"{source}: no <header>"));
        var trailer = builder.Build(root.Element("trailer") ?? throw new InvalidDataException($"{source}: no <trailer>"));
        var messages = new List<MessageDefinition>();
        foreach (var m in root.Element("messages")?.Elements("message") ?? [])
        {
            string msgType = Attr(m, "msgtype", source);
            messages.Add(new MessageDefinition(msgType, Attr(m, "name", source),
                (string?)m.Attribute("msgcat") == "admin", builder.Build(m), header, trailer, maxTag));
        }

        // Length → data pairs: RawDataLength → RawData, EncodedTextLen → EncodedText, ...
        var pairs = new List<(int, int)>();
        foreach (var data in byName.Values.Where(f => f.Type == FieldType.Data))
        {
            foreach (var suffix in new[] { "Len", "Length" })
                if (byName.TryGetValue(data.Name + suffix, out var len) && len.RawType == "LENGTH") pairs.Add((len.Tag, data.Tag));
        }
        return new DataDictionary(beginString, fields, header, trailer, messages, new DataFieldMap(pairs), source);
    }

    internal static string Attr(XElement e, string name, string source) =>
        (string?)e.Attribute(name) ?? throw new InvalidDataException($"{source}: <{e.Name.LocalName}> without '{name}' attribute");

    private static FieldType MapType(string raw) => raw switch
    {
        "CHAR" => FieldType.Char,
        "BOOLEAN" => FieldType.Boolean,
        "INT" or "DAYOFMONTH" => FieldType.Int,
        "LENGTH" or "NUMINGROUP" or "SEQNUM" => FieldType.NonNegativeInt,
        "FLOAT" or "PRICE" or "QTY" or "AMT" or "PERCENTAGE" or "PRICEOFFSET" => FieldType.Float,
        "UTCTIMESTAMP" or "TIME" => FieldType.UtcTimestamp,
        "UTCTIMEONLY" => FieldType.UtcTimeOnly,
        "UTCDATEONLY" or "UTCDATE" or "LOCALMKTDATE" or "DATE" => FieldType.Date,
        "MONTHYEAR" => FieldType.MonthYear,
        "MULTIPLEVALUESTRING" or "MULTIPLECHARVALUE" or "MULTIPLESTRINGVALUE" => FieldType.MultipleValueString,
        "DATA" => FieldType.Data,
        _ => FieldType.String,
    };
}
