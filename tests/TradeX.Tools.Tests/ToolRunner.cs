using System.Text.Json;

namespace TradeX.Tools.Tests;

/// <summary>Runs the replay tool in-process, as the command line would, capturing its output and exit code.</summary>
public sealed record ToolRun(int Exit, string Out, string Err)
{
    /// <summary>Capacities of the engines the tests journal with (EngineOptions.Small): the tool must replay with the same.</summary>
    public static readonly string[] SmallEngine = ["--max-open-orders", "16384", "--max-positions", "16384"];

    public static ToolRun Of(params string[] args)
    {
        var stdout = new StringWriter();
        var stderr = new StringWriter();
        int exit = ReplayCli.Run(args, stdout, stderr, interactive: false);
        return new ToolRun(exit, stdout.ToString(), stderr.ToString());
    }

    /// <summary>The tool with the test engine's capacities appended.</summary>
    public static ToolRun Small(params string[] args) => Of([.. args, .. SmallEngine]);

    public string[] Lines => Out.Split('\n', StringSplitOptions.RemoveEmptyEntries).Select(l => l.TrimEnd('\r')).ToArray();

    public List<JsonElement> JsonLines => Lines.Select(l => JsonDocument.Parse(l).RootElement.Clone()).ToList();

    public JsonElement Json => JsonDocument.Parse(Out).RootElement.Clone();
}

public static class JsonFields
{
    /// <summary>Every field of <paramref name="expected"/> is in <paramref name="json"/> with the same text.</summary>
    public static void AssertSame(JsonElement json, List<Field> expected, string what)
    {
        foreach (var f in expected)
        {
            var actual = json.GetProperty(f.Name);
            string text = actual.ValueKind switch
            {
                JsonValueKind.True => "true",
                JsonValueKind.False => "false",
                JsonValueKind.String => actual.GetString()!,
                _ => actual.GetRawText(),
            };
            Assert.That(text, Is.EqualTo(f.Text), $"{what}: {f.Name}");
        }
    }
}
