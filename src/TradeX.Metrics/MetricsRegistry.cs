using System.Text.RegularExpressions;

namespace TradeX.Metrics;

/// <summary>
/// The node's named counters and gauges, for the Prometheus endpoint and ops output. Register once at
/// start-up (names are checked then), keep the returned object, and update it on the hot path.
/// Asking again for the same name and labels returns the same metric.
/// </summary>
public sealed partial class MetricsRegistry
{
    private readonly object _lock = new();
    private readonly List<MetricFamily> _families = [];

    /// <summary>The counter <paramref name="name"/> with <paramref name="labels"/>, created if new.</summary>
    public Counter Counter(string name, string help, params MetricLabel[] labels) =>
        (Counter)GetOrAdd(name, help, MetricType.Counter, labels, () => new Counter());

    /// <summary>The gauge <paramref name="name"/> with <paramref name="labels"/>, created if new.</summary>
    public Gauge Gauge(string name, string help, params MetricLabel[] labels) =>
        (Gauge)GetOrAdd(name, help, MetricType.Gauge, labels, () => new Gauge());

    /// <summary>A gauge read from <paramref name="read"/> at exposition time (e.g. a ring's remaining capacity).</summary>
    public void GaugeCallback(string name, string help, Func<double> read, params MetricLabel[] labels)
    {
        ArgumentNullException.ThrowIfNull(read);
        GetOrAdd(name, help, MetricType.Gauge, labels, () => read);
    }

    internal IReadOnlyList<MetricFamily> Snapshot()
    {
        lock (_lock)
        {
            return _families.Select(f => f with { Samples = [.. f.Samples] }).ToList();
        }
    }

    private object GetOrAdd(string name, string help, MetricType type, MetricLabel[] labels, Func<object> create)
    {
        ArgumentNullException.ThrowIfNull(help);
        if (!MetricName().IsMatch(name ?? string.Empty))
        {
            throw new ArgumentException($"'{name}' is not a valid Prometheus metric name ([a-zA-Z_:][a-zA-Z0-9_:]*)", nameof(name));
        }
        foreach (MetricLabel label in labels)
        {
            if (!LabelName().IsMatch(label.Name ?? string.Empty) || label.Name!.StartsWith("__", StringComparison.Ordinal))
            {
                throw new ArgumentException($"'{label.Name}' is not a valid Prometheus label name ([a-zA-Z_][a-zA-Z0-9_]*, not starting with __)", nameof(labels));
            }
            ArgumentNullException.ThrowIfNull(label.Value, nameof(labels));
        }
        if (labels.Select(l => l.Name).Distinct().Count() != labels.Length)
        {
            throw new ArgumentException($"metric '{name}' has a label name twice", nameof(labels));
        }
        lock (_lock)
        {
            MetricFamily? family = _families.Find(f => f.Name == name);
            if (family is null)
            {
                family = new MetricFamily(name!, help, type, []);
                _families.Add(family);
            }
            else if (family.Type != type)
            {
                throw new ArgumentException($"metric '{name}' is already registered as a {family.Type.ToString().ToLowerInvariant()}", nameof(name));
            }
            MetricSample? existing = family.Samples.Find(s => s.Labels.SequenceEqual(labels));
            if (existing is not null)
            {
                if (existing.Source is Func<double> || create() is Func<double>)
                {
                    throw new ArgumentException($"metric '{name}' with these labels is already registered", nameof(name));
                }
                return existing.Source;
            }
            object metric = create();
            family.Samples.Add(new MetricSample([.. labels], metric));
            return metric;
        }
    }

    [GeneratedRegex("^[a-zA-Z_:][a-zA-Z0-9_:]*$")]
    private static partial Regex MetricName();

    [GeneratedRegex("^[a-zA-Z_][a-zA-Z0-9_]*$")]
    private static partial Regex LabelName();

    internal enum MetricType
    {
        Counter,
        Gauge,
    }

    internal sealed record MetricFamily(string Name, string Help, MetricType Type, List<MetricSample> Samples);

    internal sealed record MetricSample(MetricLabel[] Labels, object Source)
    {
        public double Read() => Source switch
        {
            Counter counter => counter.Value,
            Gauge gauge => gauge.Value,
            Func<double> read => read(),
            _ => double.NaN,
        };
    }
}
