using TradeX.Core;
using TradeX.Journal;

namespace TradeX.Tools.Commands;

/// <summary>stats: inputs by kind, rates over engine time, sizes, first and last sequence and time. Reads the journal only (no replay).</summary>
public static class StatsCommand
{
    public static int Run(ToolContext context, string directory, OutputFormat format, double bucketSeconds)
    {
        if (bucketSeconds <= 0) throw new ToolException(ExitCodes.BadArguments, "--bucket must be a positive number of seconds");
        var session = JournalSession.Open(context, directory);
        long bucketNanos = (long)(bucketSeconds * 1e9);
        var byKind = new SortedDictionary<byte, (long Count, long Bytes)>();
        var buckets = new SortedDictionary<long, long>();
        long records = 0, recordBytes = 0, firstSequence = 0, lastSequence = 0;
        long firstTime = 0, lastTime = 0, firstInputTime = 0, lastInputTime = 0, backwards = 0, previousInputTime = long.MinValue;
        using (var cursor = session.Reader.ReadAll())
        {
            context.Progress("stats", session.Reader.TotalBytes, progress =>
            {
                while (cursor.MoveNext())
                {
                    ref readonly EngineInput input = ref cursor.Current;
                    if (records++ == 0)
                    {
                        firstSequence = input.Sequence;
                        firstTime = cursor.EngineTime;
                        firstInputTime = input.Time;
                    }
                    lastSequence = input.Sequence;
                    lastTime = cursor.EngineTime;
                    lastInputTime = input.Time;
                    if (input.Time < previousInputTime) backwards++;
                    previousInputTime = input.Time;
                    byKind.TryGetValue((byte)input.Kind, out var k);
                    byKind[(byte)input.Kind] = (k.Count + 1, k.Bytes + cursor.RecordLength);
                    recordBytes += cursor.RecordLength;
                    long bucket = Math.DivRem(cursor.EngineTime, bucketNanos, out long rem) - (rem < 0 ? 1 : 0);
                    buckets.TryGetValue(bucket, out long n);
                    buckets[bucket] = n + 1;
                    if ((records & 0xFFF) == 0) progress(cursor.Position);
                }
            });
            session.NoteTail(cursor);
        }
        long segmentBytes = session.Reader.TotalBytes;
        var snapshots = JournalFiles.Snapshots(directory);
        long snapshotBytes = snapshots.Sum(s => new FileInfo(s.Path).Length);
        double span = records > 1 ? (lastTime - firstTime) / 1e9 : 0;
        double average = span > 0 ? records / span : 0;
        double peak = buckets.Count == 0 ? 0 : buckets.Values.Max() / bucketSeconds;

        if (format == OutputFormat.Json)
        {
            context.Out.WriteLine(Output.JsonLine(j =>
            {
                j.WriteString("directory", Path.GetFullPath(directory));
                j.WriteNumber("segments", session.Reader.Segments.Count);
                j.WriteNumber("segmentBytes", segmentBytes);
                j.WriteNumber("records", records);
                j.WriteNumber("recordBytes", recordBytes);
                j.WriteNumber("snapshots", snapshots.Count);
                j.WriteNumber("snapshotBytes", snapshotBytes);
                if (records > 0)
                {
                    j.WriteNumber("firstSequence", firstSequence);
                    j.WriteNumber("lastSequence", lastSequence);
                    j.WriteString("firstEngineTime", TimeText.Format(firstTime));
                    j.WriteString("lastEngineTime", TimeText.Format(lastTime));
                    j.WriteString("firstInputTime", TimeText.Format(firstInputTime));
                    j.WriteString("lastInputTime", TimeText.Format(lastInputTime));
                }
                j.WriteNumber("inputTimesBackwards", backwards);
                j.WriteStartArray("byKind");
                foreach (var (kind, v) in byKind)
                {
                    j.WriteStartObject();
                    j.WriteString("kind", KindName(kind));
                    j.WriteNumber("code", kind);
                    j.WriteNumber("count", v.Count);
                    j.WriteNumber("bytes", v.Bytes);
                    j.WriteEndObject();
                }
                j.WriteEndArray();
                j.WriteNumber("bucketSeconds", bucketSeconds);
                j.WriteNumber("averagePerSecond", Math.Round(average, 3));
                j.WriteNumber("peakPerSecond", Math.Round(peak, 3));
                j.WriteStartArray("rates");
                foreach (var (bucket, n) in buckets)
                {
                    j.WriteStartObject();
                    j.WriteString("start", TimeText.Format(bucket * bucketNanos));
                    j.WriteNumber("inputs", n);
                    j.WriteNumber("perSecond", Math.Round(n / bucketSeconds, 3));
                    j.WriteEndObject();
                }
                j.WriteEndArray();
                j.WriteBoolean("tornTail", session.TornTail is not null);
            }));
            return ExitCodes.Ok;
        }

        var o = context.Out;
        o.WriteLine($"journal: {Path.GetFullPath(directory)}");
        o.WriteLine($"size: {session.Reader.Segments.Count} segments, {segmentBytes} bytes; {records} records, {recordBytes} bytes of records" +
            (records > 0 ? $" ({(double)recordBytes / records:F1} bytes each)" : ""));
        o.WriteLine($"snapshots: {snapshots.Count}, {snapshotBytes} bytes");
        if (records > 0)
        {
            o.WriteLine($"sequences: {firstSequence} .. {lastSequence}");
            o.WriteLine($"engine time: {TimeText.Format(firstTime)} .. {TimeText.Format(lastTime)} ({span:F3} s)");
            o.WriteLine($"input times: first {TimeText.Format(firstInputTime)}, last {TimeText.Format(lastInputTime)}; {backwards} ran backwards");
        }
        o.WriteLine("inputs by kind:");
        foreach (var (kind, v) in byKind)
        {
            o.WriteLine($"  {KindName(kind),-18} {v.Count,12} {100.0 * v.Count / records,7:F2}% {v.Bytes,14} bytes");
        }
        o.WriteLine($"rate: {average:F1} inputs/s on average, {peak:F1}/s in the busiest {bucketSeconds:G} s bucket");
        o.WriteLine($"rates per {bucketSeconds:G} s of engine time:");
        foreach (var (bucket, n) in buckets)
        {
            o.WriteLine($"  {TimeText.Format(bucket * bucketNanos)} {n,12} {n / bucketSeconds,14:F1}/s");
        }
        return ExitCodes.Ok;
    }

    private static string KindName(byte kind) => Enum.IsDefined((InputKind)kind) ? ((InputKind)kind).ToString() : kind.ToString(System.Globalization.CultureInfo.InvariantCulture);
}
