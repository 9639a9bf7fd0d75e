using System.Globalization;
using System.Xml;

namespace TradeX.Metrics;

/// <summary>
/// Draws latency against percentile as an SVG file a person opens in a browser: the percentile axis
/// is logarithmic in 1/(1−p), so 90 %, 99 %, 99.9 %, ... are evenly spaced and the tail is as visible
/// as the median (HdrHistogram's usual plot). One line per series, labelled axes, a legend. The last
/// point of each line, at the right edge, is the series' maximum.
/// </summary>
public static class PercentilePlotSvg
{
    private static readonly string[] Palette = ["#1f77b4", "#d62728", "#2ca02c", "#ff7f0e", "#9467bd", "#8c564b", "#e377c2", "#17becf"];
    private const double MarginLeft = 80;
    private const double MarginRight = 30;
    private const double MarginTop = 50;
    private const double MarginBottom = 70;

    /// <summary>Writes the plot of <paramref name="series"/> to <paramref name="output"/>.</summary>
    public static void Write(TextWriter output, IReadOnlyList<PlotSeries> series, PercentilePlotOptions? options = null)
    {
        ArgumentNullException.ThrowIfNull(output);
        ArgumentNullException.ThrowIfNull(series);
        options ??= new PercentilePlotOptions();
        if (options.Width < 300 || options.Height < 200 || !(options.ValueUnitScalingRatio > 0))
        {
            throw new ArgumentOutOfRangeException(nameof(options), "the plot needs at least 300×200 pixels and a positive scaling ratio");
        }
        var lines = series.Select(s => Points(s.Histogram, options.ValueUnitScalingRatio)).ToList();
        double xMax = Math.Max(2, Math.Ceiling(lines.SelectMany(l => l).Select(p => p.X).DefaultIfEmpty(0).Max()));
        double yTop = NiceCeiling(lines.SelectMany(l => l).Select(p => p.Y).DefaultIfEmpty(0).Max());
        double yStep = NiceCeiling(yTop / 5);
        yTop = Math.Ceiling(yTop / yStep) * yStep;
        var area = new PlotArea(MarginLeft, MarginTop, options.Width - MarginLeft - MarginRight, options.Height - MarginTop - MarginBottom, xMax, yTop);

        using var xml = XmlWriter.Create(output, new XmlWriterSettings { Indent = true, OmitXmlDeclaration = true, CloseOutput = false });
        const string ns = "http://www.w3.org/2000/svg";
        xml.WriteStartElement("svg", ns);
        xml.WriteAttributeString("width", Num(options.Width));
        xml.WriteAttributeString("height", Num(options.Height));
        xml.WriteAttributeString("viewBox", $"0 0 {Num(options.Width)} {Num(options.Height)}");
        xml.WriteAttributeString("font-family", "sans-serif");
        Rect(xml, 0, 0, options.Width, options.Height, "white", null);
        Text(xml, options.Width / 2.0, 28, options.Title, "middle", 18, "title");

        for (int decade = 0; decade <= (int)xMax; decade++)
        {
            double x = area.X(decade);
            Line(xml, x, area.Top, x, area.Bottom, "#dddddd", 1);
            Text(xml, x, area.Bottom + 20, PercentileLabel(decade), "middle", 12, "x-tick");
        }
        for (double value = 0; value <= yTop + (yStep / 2); value += yStep)
        {
            double y = area.Y(value);
            Line(xml, area.Left, y, area.Right, y, "#dddddd", 1);
            Text(xml, area.Left - 8, y + 4, Num(value), "end", 12, "y-tick");
        }
        Line(xml, area.Left, area.Bottom, area.Right, area.Bottom, "black", 1.5);
        Line(xml, area.Left, area.Top, area.Left, area.Bottom, "black", 1.5);
        Text(xml, area.Left + (area.Width / 2), options.Height - 20, "Percentile", "middle", 14, "x-label");
        xml.WriteStartElement("text", ns);
        xml.WriteAttributeString("class", "y-label");
        xml.WriteAttributeString("transform", $"translate(22,{Num(area.Top + (area.Height / 2))}) rotate(-90)");
        xml.WriteAttributeString("text-anchor", "middle");
        xml.WriteAttributeString("font-size", "14");
        xml.WriteString($"Latency ({options.ValueUnitName})");
        xml.WriteEndElement();

        for (int i = 0; i < lines.Count; i++)
        {
            string color = Palette[i % Palette.Length];
            xml.WriteStartElement("polyline", ns);
            xml.WriteAttributeString("class", "series");
            xml.WriteAttributeString("data-series", series[i].Name);
            xml.WriteAttributeString("fill", "none");
            xml.WriteAttributeString("stroke", color);
            xml.WriteAttributeString("stroke-width", "2");
            xml.WriteAttributeString("points", string.Join(" ", lines[i].Select(p => $"{Num(area.X(Math.Min(p.X, xMax)))},{Num(area.Y(p.Y))}")));
            xml.WriteEndElement();
        }

        double legendY = area.Top + 10;
        Rect(xml, area.Left + 10, legendY, 260, 10 + (20 * series.Count), "white", "#999999");
        for (int i = 0; i < series.Count; i++)
        {
            double y = legendY + 18 + (20 * i);
            Line(xml, area.Left + 20, y - 4, area.Left + 50, y - 4, Palette[i % Palette.Length], 3);
            Text(xml, area.Left + 58, y, series[i].Name, "start", 12, "legend");
        }
        xml.WriteEndElement();
    }

    /// <summary>The plot as an SVG document string.</summary>
    public static string ToSvg(IReadOnlyList<PlotSeries> series, PercentilePlotOptions? options = null)
    {
        using var writer = new StringWriter(CultureInfo.InvariantCulture);
        Write(writer, series, options);
        return writer.ToString();
    }

    private static List<(double X, double Y)> Points(HdrHistogram histogram, double scale)
    {
        var points = new List<(double X, double Y)>();
        foreach (PercentilePoint point in PercentileDistribution.Compute(histogram))
        {
            double x = point.Percentile >= 100.0 ? double.PositiveInfinity : Math.Log10(1.0 / (1.0 - (point.Percentile / 100.0)));
            points.Add((x, point.Value / scale));
        }
        if (points.Count > 0)
        {
            // The 100 % row has no finite x: draw it at the last decade that holds data (the max at the right edge).
            double lastFinite = points.Where(p => !double.IsInfinity(p.X)).Select(p => p.X).DefaultIfEmpty(0).Max();
            points[^1] = (Math.Max(1, Math.Ceiling(lastFinite)), points[^1].Y);
        }
        return points;
    }

    private static string PercentileLabel(int decade) => decade switch
    {
        0 => "0%",
        1 => "90%",
        2 => "99%",
        _ => "99." + new string('9', decade - 2) + "%",
    };

    private static double NiceCeiling(double value)
    {
        if (!(value > 0))
        {
            return 1;
        }
        double magnitude = Math.Pow(10, Math.Floor(Math.Log10(value)));
        foreach (double step in new[] { 1.0, 2.0, 2.5, 5.0, 10.0 })
        {
            if (step * magnitude >= value)
            {
                return step * magnitude;
            }
        }
        return 10 * magnitude;
    }

    private static string Num(double value) => value.ToString("0.##", CultureInfo.InvariantCulture);

    private static void Line(XmlWriter xml, double x1, double y1, double x2, double y2, string stroke, double width) =>
        Element(xml, "line", ("x1", Num(x1)), ("y1", Num(y1)), ("x2", Num(x2)), ("y2", Num(y2)), ("stroke", stroke), ("stroke-width", Num(width)));

    private static void Rect(XmlWriter xml, double x, double y, double width, double height, string fill, string? stroke) =>
        Element(xml, "rect", ("x", Num(x)), ("y", Num(y)), ("width", Num(width)), ("height", Num(height)), ("fill", fill), ("stroke", stroke ?? "none"));

    private static void Element(XmlWriter xml, string name, params (string Name, string Value)[] attributes)
    {
        xml.WriteStartElement(name, "http://www.w3.org/2000/svg");
        foreach ((string attribute, string value) in attributes)
        {
            xml.WriteAttributeString(attribute, value);
        }
        xml.WriteEndElement();
    }

    private static void Text(XmlWriter xml, double x, double y, string text, string anchor, int size, string cssClass)
    {
        xml.WriteStartElement("text", "http://www.w3.org/2000/svg");
        xml.WriteAttributeString("class", cssClass);
        xml.WriteAttributeString("x", Num(x));
        xml.WriteAttributeString("y", Num(y));
        xml.WriteAttributeString("text-anchor", anchor);
        xml.WriteAttributeString("font-size", size.ToString(CultureInfo.InvariantCulture));
        xml.WriteString(text);
        xml.WriteEndElement();
    }

    private readonly record struct PlotArea(double Left, double Top, double Width, double Height, double XMax, double YTop)
    {
        public double Right => Left + Width;

        public double Bottom => Top + Height;

        public double X(double decades) => Left + (Width * decades / XMax);

        public double Y(double value) => Bottom - (Height * Math.Min(value, YTop) / YTop);
    }
}
