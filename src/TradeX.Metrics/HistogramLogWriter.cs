using System.Globalization;

namespace TradeX.Metrics;

/// <summary>
/// Writes HdrHistogram's interval log (".hlog"): comment and header lines such as
/// <c>#[StartTime: 1700000000.000 (seconds since epoch), ...]</c>, a CSV legend, then one line per
/// interval: start (s, relative to the start time), length (s), max (ms by default) and the compressed
/// histogram in base64. HistogramLogReader and HistogramLogProcessor read it.
/// </summary>
public sealed class HistogramLogWriter
{
    /// <summary>The log format version written by <see cref="WriteLogFormatVersion"/>.</summary>
    public const string LogFormatVersion = "1.3";

    private readonly TextWriter _output;

    /// <summary>Writes to <paramref name="output"/> (lines end with '\n').</summary>
    public HistogramLogWriter(TextWriter output)
    {
        ArgumentNullException.ThrowIfNull(output);
        _output = output;
    }

    /// <summary>Seconds since the epoch that interval timestamps are relative to (set by <see cref="WriteStartTime"/>).</summary>
    public double BaseTimeSeconds { get; set; }

    /// <summary>Writes a comment line ("#" then the text); newlines in the text are replaced by spaces.</summary>
    public void WriteComment(string comment) => _output.Write($"#{comment.ReplaceLineEndings(" ")}\n");

    /// <summary>Writes <c>#[Histogram log format version 1.3]</c>.</summary>
    public void WriteLogFormatVersion() => _output.Write($"#[Histogram log format version {LogFormatVersion}]\n");

    /// <summary>Writes the <c>#[StartTime: ...]</c> line and makes it the base of later interval timestamps.</summary>
    public void WriteStartTime(DateTimeOffset startTime)
    {
        double seconds = startTime.ToUnixTimeMilliseconds() / 1000.0;
        BaseTimeSeconds = seconds;
        string human = startTime.UtcDateTime.ToString("ddd MMM dd HH:mm:ss 'UTC' yyyy", CultureInfo.InvariantCulture);
        _output.Write($"#[StartTime: {JavaFixedFormat.Format(seconds, 3)} (seconds since epoch), {human}]\n");
    }

    /// <summary>Writes a <c>#[BaseTime: ...]</c> line (seconds since the epoch that timestamps are relative to).</summary>
    public void WriteBaseTime(DateTimeOffset baseTime)
    {
        double seconds = baseTime.ToUnixTimeMilliseconds() / 1000.0;
        BaseTimeSeconds = seconds;
        _output.Write($"#[BaseTime: {JavaFixedFormat.Format(seconds, 3)} (seconds since epoch)]\n");
    }

    /// <summary>Writes the CSV legend line.</summary>
    public void WriteLegend() => _output.Write("\"StartTimestamp\",\"Interval_Length\",\"Interval_Max\",\"Interval_Compressed_Histogram\"\n");

    /// <summary>Writes the version, start time and legend: the usual start of a log.</summary>
    public void WriteHeader(DateTimeOffset startTime, string? comment = null)
    {
        if (comment is not null)
        {
            WriteComment(comment);
        }
        WriteLogFormatVersion();
        WriteStartTime(startTime);
        WriteLegend();
    }

    /// <summary>
    /// Writes one interval: <paramref name="startSeconds"/> and <paramref name="endSeconds"/> relative to
    /// the base time; the max column is the histogram's max divided by <paramref name="maxValueUnitRatio"/>
    /// (1,000,000: nanoseconds shown as milliseconds, HdrHistogram's default). The histogram's tag, if any, is written as "Tag=...".
    /// </summary>
    public void WriteInterval(double startSeconds, double endSeconds, HdrHistogram histogram, double maxValueUnitRatio = 1_000_000.0)
    {
        ArgumentNullException.ThrowIfNull(histogram);
        if (histogram.Tag is { } tag && (tag.Length == 0 || tag.Any(c => c == ',' || char.IsWhiteSpace(c))))
        {
            throw new ArgumentException($"a log tag must be non-empty without commas or whitespace: '{tag}'", nameof(histogram));
        }
        string prefix = histogram.Tag is null ? string.Empty : $"Tag={histogram.Tag},";
        _output.Write($"{prefix}{JavaFixedFormat.Format(startSeconds, 3)},{JavaFixedFormat.Format(endSeconds - startSeconds, 3)},"
            + $"{JavaFixedFormat.Format(histogram.MaxValue / maxValueUnitRatio, 3)},{HistogramEncoding.ToBase64Compressed(histogram)}\n");
    }

    /// <summary>Writes one interval using the histogram's own start and end timestamps (relative to <see cref="BaseTimeSeconds"/>).</summary>
    public void WriteInterval(HdrHistogram histogram, double maxValueUnitRatio = 1_000_000.0)
    {
        ArgumentNullException.ThrowIfNull(histogram);
        WriteInterval((histogram.StartTimeStampMs / 1000.0) - BaseTimeSeconds, (histogram.EndTimeStampMs / 1000.0) - BaseTimeSeconds, histogram, maxValueUnitRatio);
    }
}
