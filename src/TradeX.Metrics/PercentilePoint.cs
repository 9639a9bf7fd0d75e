namespace TradeX.Metrics;

/// <summary>One row of a percentile distribution: the value at a percentile and how many values are at or below it.</summary>
/// <param name="Value">The value (top of its bucket), in the histogram's unit.</param>
/// <param name="Percentile">The percentile level, 0 to 100.</param>
/// <param name="TotalCountToValue">How many recorded values are at or below <paramref name="Value"/>.</param>
public readonly record struct PercentilePoint(long Value, double Percentile, long TotalCountToValue);
