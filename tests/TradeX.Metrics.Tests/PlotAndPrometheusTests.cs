using System.Xml.Linq;
using TradeX.Metrics;

namespace TradeX.Metrics.Tests;

public sealed class PlotAndPrometheusTests
{
    private static readonly XNamespace Svg = "http://www.w3.org/2000/svg";

    private static HdrHistogram Latencies(int seed, double scale)
    {
        var random = new Random(seed);
        var histogram = new HdrHistogram(1, 3_600_000_000_000L, 3);
        for (int i = 0; i < 100_000; i++)
        {
            histogram.RecordValue((long)(scale * (1 + (random.NextDouble() * random.NextDouble() * 20))));
        }
        return histogram;
    }

    [Test]
    public void The_plot_is_an_svg_with_one_line_per_series_axes_labels_and_a_legend()
    {
        var series = new[] { new PlotSeries("100k/s", Latencies(1, 2000)), new PlotSeries("1M/s <tail & \"quotes\">", Latencies(2, 5000)) };
        string svg = PercentilePlotSvg.ToSvg(series, new PercentilePlotOptions { Title = "Order latency" });
        XDocument doc = XDocument.Parse(svg); // well-formed XML, names escaped
        XElement root = doc.Root!;
        Assert.Multiple(() =>
        {
            Assert.That(root.Name, Is.EqualTo(Svg + "svg"));
            var lines = root.Elements(Svg + "polyline").ToList();
            Assert.That(lines.Select(l => (string?)l.Attribute("data-series")), Is.EqualTo(series.Select(s => s.Name)));
            Assert.That(lines.Select(l => (string?)l.Attribute("stroke")).Distinct().Count(), Is.EqualTo(2), "each series its own colour");
            var texts = root.Elements(Svg + "text").ToList();
            string Class(XElement e) => (string?)e.Attribute("class") ?? string.Empty;
            Assert.That(texts.Where(t => Class(t) == "legend").Select(t => t.Value), Is.EqualTo(series.Select(s => s.Name)));
            Assert.That(texts.Single(t => Class(t) == "title").Value, Is.EqualTo("Order latency"));
            Assert.That(texts.Single(t => Class(t) == "x-label").Value, Is.EqualTo("Percentile"));
            Assert.That(texts.Single(t => Class(t) == "y-label").Value, Is.EqualTo("Latency (µs)"));
            Assert.That(texts.Where(t => Class(t) == "x-tick").Select(t => t.Value), Is.SupersetOf(new[] { "0%", "90%", "99%", "99.9%", "99.99%" }));
        });
    }

    [Test]
    public void Plotted_points_climb_with_the_percentile_and_end_at_the_max()
    {
        var histogram = Latencies(3, 1000);
        string svg = PercentilePlotSvg.ToSvg([new PlotSeries("s", histogram)]);
        XElement line = XDocument.Parse(svg).Root!.Elements(Svg + "polyline").Single();
        var points = ((string)line.Attribute("points")!).Split(' ').Select(p => p.Split(',').Select(double.Parse).ToArray()).ToList();
        Assert.That(points.Count, Is.GreaterThan(20));
        for (int i = 1; i < points.Count; i++)
        {
            Assert.That(points[i][0], Is.GreaterThanOrEqualTo(points[i - 1][0]), "x (percentile) never goes back");
            Assert.That(points[i][1], Is.LessThanOrEqualTo(points[i - 1][1]), "y in SVG grows downwards: latency never decreases");
        }
        double minY = points.Min(p => p[1]);
        Assert.That(points[^1][1], Is.EqualTo(minY), "the last point is the highest latency (the max)");
    }

    [Test]
    public void An_empty_series_still_gives_a_valid_plot()
    {
        string svg = PercentilePlotSvg.ToSvg([new PlotSeries("nothing yet", new HdrHistogram(1_000_000, 3))]);
        Assert.That(() => XDocument.Parse(svg), Throws.Nothing);
    }

    [Test]
    public void Prometheus_text_has_help_type_and_one_line_per_label_set()
    {
        var registry = new MetricsRegistry();
        var busy = registry.Counter("tradex_input_ring_busy_total", "Claims refused because the input ring was full.", new MetricLabel("producer", "gateway"));
        registry.Counter("tradex_input_ring_busy_total", "ignored", new MetricLabel("producer", "venue")).Add(2);
        busy.Increment();
        busy.Increment();
        Assert.That(registry.Counter("tradex_input_ring_busy_total", "x", new MetricLabel("producer", "gateway")), Is.SameAs(busy));
        registry.Gauge("tradex_open_orders", "Open orders.\nAll books, \\ included.").Set(-3);
        registry.GaugeCallback("tradex_ring_remaining", "Free slots.", () => 1.5, new MetricLabel("ring", "in\"put\\\n"));

        Assert.That(PrometheusTextFormat.ToText(registry), Is.EqualTo(
            "# HELP tradex_input_ring_busy_total Claims refused because the input ring was full.\n"
            + "# TYPE tradex_input_ring_busy_total counter\n"
            + "tradex_input_ring_busy_total{producer=\"gateway\"} 2\n"
            + "tradex_input_ring_busy_total{producer=\"venue\"} 2\n"
            + "# HELP tradex_open_orders Open orders.\\nAll books, \\\\ included.\n"
            + "# TYPE tradex_open_orders gauge\n"
            + "tradex_open_orders -3\n"
            + "# HELP tradex_ring_remaining Free slots.\n"
            + "# TYPE tradex_ring_remaining gauge\n"
            + "tradex_ring_remaining{ring=\"in\\\"put\\\\\\n\"} 1.5\n"));
    }

    [TestCase("9starts_with_digit")]
    [TestCase("has-dash")]
    [TestCase("")]
    public void Invalid_metric_names_are_refused(string name)
    {
        Assert.Throws<ArgumentException>(() => new MetricsRegistry().Counter(name, "h"));
    }

    [Test]
    public void Invalid_labels_and_type_clashes_are_refused()
    {
        var registry = new MetricsRegistry();
        registry.Counter("a_total", "h");
        Assert.Throws<ArgumentException>(() => registry.Gauge("a_total", "h"), "a counter cannot become a gauge");
        Assert.Throws<ArgumentException>(() => registry.Counter("b", "h", new MetricLabel("__reserved", "x")));
        Assert.Throws<ArgumentException>(() => registry.Counter("b", "h", new MetricLabel("x", "1"), new MetricLabel("x", "2")));
        Assert.Throws<ArgumentOutOfRangeException>(() => registry.Counter("c_total", "h").Add(-1), "counters only go up");
    }

    [Test]
    public void Counters_and_gauges_allocate_nothing_when_updated()
    {
        var registry = new MetricsRegistry();
        var counter = registry.Counter("c_total", "h");
        var gauge = registry.Gauge("g", "h");
        counter.Increment();
        gauge.Set(1);
        long before = GC.GetAllocatedBytesForCurrentThread();
        for (int i = 0; i < 1_000_000; i++)
        {
            counter.Increment();
            gauge.Add(1);
        }
        Assert.That(GC.GetAllocatedBytesForCurrentThread() - before, Is.Zero);
        Assert.That(counter.Value, Is.EqualTo(1_000_001));
    }
}
