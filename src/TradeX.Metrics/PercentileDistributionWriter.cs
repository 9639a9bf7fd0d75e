namespace TradeX.Metrics;

/// <summary>
/// Writes a histogram as HdrHistogram's percentile-distribution text (the <c>.hgrm</c> file that
/// <c>outputPercentileDistribution</c> and HistogramLogProcessor print, and that the online
/// HdrHistogram plotter reads): a table of value, percentile, cumulative count and 1/(1−percentile),
/// then mean, standard deviation, max, count and the bucket layout. Byte-for-byte the same as Java's.
/// </summary>
public static class PercentileDistributionWriter
{
    /// <summary>
    /// Writes <paramref name="histogram"/>. Values are divided by <paramref name="outputValueUnitScalingRatio"/>
    /// (1000 turns nanoseconds into microseconds) and printed with as many decimals as the histogram's significant digits.
    /// </summary>
    public static void Write(TextWriter output, HdrHistogram histogram, double outputValueUnitScalingRatio = 1000.0, int ticksPerHalfDistance = PercentileDistribution.DefaultTicksPerHalfDistance)
    {
        ArgumentNullException.ThrowIfNull(output);
        ArgumentNullException.ThrowIfNull(histogram);
        if (!(outputValueUnitScalingRatio > 0) || double.IsInfinity(outputValueUnitScalingRatio))
        {
            throw new ArgumentOutOfRangeException(nameof(outputValueUnitScalingRatio), outputValueUnitScalingRatio, "the scaling ratio must be a positive number");
        }
        int digits = histogram.SignificantDigits;
        output.Write($"{"Value",12} {"Percentile",14} {"TotalCount",10} {"1/(1-Percentile)",14}\n\n");
        foreach (PercentilePoint point in PercentileDistribution.Compute(histogram, ticksPerHalfDistance))
        {
            string value = JavaFixedFormat.Format(point.Value / outputValueUnitScalingRatio, digits, 12);
            string percentile = JavaFixedFormat.Format(point.Percentile / 100.0, 12, 2);
            string count = point.TotalCountToValue.ToString(System.Globalization.CultureInfo.InvariantCulture).PadLeft(10);
            if (point.Percentile != 100.0)
            {
                string inverse = JavaFixedFormat.Format(1.0 / (1.0 - (point.Percentile / 100.0)), 2, 14);
                output.Write($"{value} {percentile} {count} {inverse}\n");
            }
            else
            {
                output.Write($"{value} {percentile} {count}\n");
            }
        }
        string mean = JavaFixedFormat.Format(histogram.Mean / outputValueUnitScalingRatio, digits, 12);
        string deviation = JavaFixedFormat.Format(histogram.StdDeviation / outputValueUnitScalingRatio, digits, 12);
        string max = JavaFixedFormat.Format(histogram.MaxValue / outputValueUnitScalingRatio, digits, 12);
        output.Write($"#[Mean    = {mean}, StdDeviation   = {deviation}]\n");
        output.Write($"#[Max     = {max}, Total count    = {histogram.TotalCount,12}]\n");
        output.Write($"#[Buckets = {histogram.BucketCount,12}, SubBuckets     = {histogram.SubBucketCount,12}]\n");
    }

    /// <summary>The distribution as a string (see <see cref="Write"/>).</summary>
    public static string ToText(HdrHistogram histogram, double outputValueUnitScalingRatio = 1000.0)
    {
        using var writer = new StringWriter(System.Globalization.CultureInfo.InvariantCulture);
        Write(writer, histogram, outputValueUnitScalingRatio);
        return writer.ToString();
    }
}
