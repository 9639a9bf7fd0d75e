using System.Globalization;
using System.Text;
using System.Text.Json;
using TradeX.Core;
using TradeX.Scenario;

namespace TradeX.Tools;

public enum OutputFormat
{
    Text,
    Json,
    Csv,
}

/// <summary>Text, JSON-lines and CSV (RFC 4180) renderings shared by the commands.</summary>
public static class Output
{
    private static readonly JsonWriterOptions JsonOptions = new() { Indented = false };

    /// <summary>One JSON object on one line.</summary>
    public static string JsonLine(Action<Utf8JsonWriter> body)
    {
        var buffer = new MemoryStream();
        using (var w = new Utf8JsonWriter(buffer, JsonOptions))
        {
            w.WriteStartObject();
            body(w);
            w.WriteEndObject();
        }
        return Encoding.UTF8.GetString(buffer.GetBuffer(), 0, (int)buffer.Length);
    }

    public static void Write(Utf8JsonWriter w, Field field)
    {
        switch (field.Value)
        {
            case long l: w.WriteNumber(field.Name, l); break;
            case ulong u: w.WriteNumber(field.Name, u); break;
            case int i: w.WriteNumber(field.Name, i); break;
            case decimal d: w.WriteNumber(field.Name, d); break;
            case bool b: w.WriteBoolean(field.Name, b); break;
            default: w.WriteString(field.Name, field.Text); break;
        }
    }

    /// <summary>The fields of an event (from its JSON form), without seq, time and the kind.</summary>
    public static List<Field> EventFields(in EngineEvent e)
    {
        var fields = new List<Field>();
        using var document = JsonDocument.Parse(EventJson.Format(in e));
        foreach (JsonProperty p in document.RootElement.EnumerateObject())
        {
            if (p.Name is "seq" or "time" or "event") continue;
            object value = p.Value.ValueKind switch
            {
                JsonValueKind.Number when p.Value.TryGetInt64(out long l) => l,
                JsonValueKind.Number when p.Value.TryGetUInt64(out ulong u) => u,
                JsonValueKind.Number => p.Value.GetDecimal(),
                JsonValueKind.True => true,
                JsonValueKind.False => false,
                _ => p.Value.GetString() ?? "",
            };
            fields.Add(new Field(p.Name, value));
        }
        return fields;
    }

    public static string KeyValues(IEnumerable<Field> fields) => string.Join(' ', fields.Select(f => $"{f.Name}={Quote(f.Text)}"));

    private static string Quote(string text) => text.Length == 0 || text.Any(c => c is ' ' or '"' or '=') ? "\"" + text.Replace("\"", "\\\"", StringComparison.Ordinal) + "\"" : text;

    /// <summary>One CSV field (RFC 4180: quoted when it holds a comma, a quote or a line break; quotes doubled).</summary>
    public static string Csv(string value) =>
        value.IndexOfAny([',', '"', '\r', '\n']) >= 0 ? "\"" + value.Replace("\"", "\"\"", StringComparison.Ordinal) + "\"" : value;

    public static string Hash(ulong hash) => $"0x{hash:x16}";

    public static string Number(long value) => value.ToString(CultureInfo.InvariantCulture);
}
