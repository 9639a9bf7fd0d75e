using System.Globalization;
using System.Text;

namespace TradeX.Metrics;

/// <summary>
/// Writes a <see cref="MetricsRegistry"/> in Prometheus' text exposition format 0.0.4: per metric a
/// <c># HELP</c> and <c># TYPE</c> line, then one <c>name{label="value"} number</c> line per label set.
/// Serve it with <see cref="ContentType"/>.
/// </summary>
public static class PrometheusTextFormat
{
    /// <summary>The HTTP Content-Type of this format.</summary>
    public const string ContentType = "text/plain; version=0.0.4; charset=utf-8";

    /// <summary>Writes every metric of <paramref name="registry"/> (lines end with '\n').</summary>
    public static void Write(TextWriter output, MetricsRegistry registry)
    {
        ArgumentNullException.ThrowIfNull(output);
        ArgumentNullException.ThrowIfNull(registry);
        foreach (MetricsRegistry.MetricFamily family in registry.Snapshot())
        {
            output.Write($"# HELP {family.Name} {EscapeHelp(family.Help)}\n");
            output.Write($"# TYPE {family.Name} {(family.Type == MetricsRegistry.MetricType.Counter ? "counter" : "gauge")}\n");
            foreach (MetricsRegistry.MetricSample sample in family.Samples)
            {
                output.Write(family.Name);
                if (sample.Labels.Length > 0)
                {
                    output.Write('{');
                    output.Write(string.Join(",", sample.Labels.Select(l => $"{l.Name}=\"{EscapeLabelValue(l.Value)}\"")));
                    output.Write('}');
                }
                output.Write($" {FormatValue(sample.Read())}\n");
            }
        }
    }

    /// <summary>The exposition as a string.</summary>
    public static string ToText(MetricsRegistry registry)
    {
        using var writer = new StringWriter(CultureInfo.InvariantCulture);
        Write(writer, registry);
        return writer.ToString();
    }

    // HELP text escapes backslash and line feed; label values also escape the double quote.
    private static string EscapeHelp(string text) => Escape(text, escapeQuote: false);

    private static string EscapeLabelValue(string text) => Escape(text, escapeQuote: true);

    private static string Escape(string text, bool escapeQuote)
    {
        var builder = new StringBuilder(text.Length);
        foreach (char c in text)
        {
            switch (c)
            {
                case '\\': builder.Append(@"\\"); break;
                case '\n': builder.Append(@"\n"); break;
                case '"' when escapeQuote: builder.Append("\\\""); break;
                default: builder.Append(c); break;
            }
        }
        return builder.ToString();
    }

    private static string FormatValue(double value) => value switch
    {
        double.PositiveInfinity => "+Inf",
        double.NegativeInfinity => "-Inf",
        _ when double.IsNaN(value) => "NaN",
        _ => value.ToString("R", CultureInfo.InvariantCulture),
    };
}
