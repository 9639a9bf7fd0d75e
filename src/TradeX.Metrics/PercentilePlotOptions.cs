namespace TradeX.Metrics;

/// <summary>Title, units and size of a <see cref="PercentilePlotSvg"/> plot.</summary>
public sealed record PercentilePlotOptions
{
    /// <summary>The title above the plot.</summary>
    public string Title { get; init; } = "Latency by percentile";

    /// <summary>The unit shown on the value axis after scaling.</summary>
    public string ValueUnitName { get; init; } = "µs";

    /// <summary>Recorded values are divided by this before plotting (1000: nanoseconds as microseconds).</summary>
    public double ValueUnitScalingRatio { get; init; } = 1000.0;

    /// <summary>Width of the image in pixels.</summary>
    public int Width { get; init; } = 960;

    /// <summary>Height of the image in pixels.</summary>
    public int Height { get; init; } = 600;
}
