namespace TradeX.Metrics;

/// <summary>A Prometheus label: a name (<c>[a-zA-Z_][a-zA-Z0-9_]*</c>) and any value.</summary>
public readonly record struct MetricLabel(string Name, string Value);
