namespace TradeX.Metrics;

/// <summary>
/// The percentile levels HdrHistogram reports: ticks that halve the remaining distance to 100 %
/// (0, 10, ..., 50, 55, ..., 75, 77.5, ...), <c>ticksPerHalfDistance</c> of them per halving, walked
/// over the recorded values, plus a final 100 % row. Feeds the .hgrm writer and the SVG plot.
/// </summary>
public static class PercentileDistribution
{
    /// <summary>HdrHistogram's default: five reporting ticks per half distance.</summary>
    public const int DefaultTicksPerHalfDistance = 5;

    /// <summary>The rows of <paramref name="histogram"/>'s percentile distribution (empty for an empty histogram).</summary>
    public static List<PercentilePoint> Compute(HdrHistogram histogram, int ticksPerHalfDistance = DefaultTicksPerHalfDistance)
    {
        ArgumentNullException.ThrowIfNull(histogram);
        ArgumentOutOfRangeException.ThrowIfLessThan(ticksPerHalfDistance, 1);
        var points = new List<PercentilePoint>();
        long total = histogram.TotalCount;
        if (total == 0)
        {
            return points;
        }
        double level = 0.0;
        long running = 0;
        for (int index = 0; index < histogram.CountsLength; index++)
        {
            long count = histogram.CountAtIndex(index);
            if (count == 0)
            {
                continue;
            }
            running += count;
            long value = histogram.HighestEquivalentValue(histogram.ValueFromIndex(index));
            double reached = 100.0 * running / total;
            if (running == total)
            {
                // On the last recorded value: one pending level (if reached), then the closing 100 % row.
                if (reached >= level)
                {
                    points.Add(new PercentilePoint(value, level, running));
                }
                points.Add(new PercentilePoint(value, 100.0, running));
                break;
            }
            while (reached >= level)
            {
                points.Add(new PercentilePoint(value, level, running));
                level = NextLevel(level, ticksPerHalfDistance);
            }
        }
        return points;
    }

    private static double NextLevel(double level, int ticksPerHalfDistance)
    {
        // Halvings of the distance to 100 % so far; each doubles the number of ticks.
        long halvings = (long)(Math.Log(100.0 / (100.0 - level)) / Math.Log(2));
        long reportingTicks = ticksPerHalfDistance * (long)Math.Pow(2, halvings + 1);
        return level + (100.0 / reportingTicks);
    }
}
