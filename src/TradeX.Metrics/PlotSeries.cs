namespace TradeX.Metrics;

/// <summary>One line of a percentile plot: a name for the legend (e.g. "1M orders/s") and its histogram.</summary>
public sealed record PlotSeries(string Name, HdrHistogram Histogram);
