using System.Numerics;
using System.Runtime.CompilerServices;

namespace TradeX.Metrics;

/// <summary>
/// A High Dynamic Range histogram of non-negative integer values (latencies in nanoseconds): every
/// value from <see cref="LowestDiscernibleValue"/> to <see cref="HighestTrackableValue"/> is kept to
/// <see cref="SignificantDigits"/> decimal digits of precision, in a fixed array allocated once.
/// Recording is a few shifts and an increment: no allocation, no lock. One thread records; read it
/// (percentiles, encodings, merges) after that thread has stopped, or from the same thread.
/// The layout and every number it reports follow HdrHistogram's definitions, so its encodings
/// interoperate with HdrHistogram's own tools.
/// </summary>
public sealed class HdrHistogram
{
    private readonly long[] _counts;
    private readonly int _unitMagnitude;
    private readonly int _subBucketHalfCountMagnitude;
    private readonly int _subBucketHalfCount;
    private readonly long _subBucketMask;
    private readonly int _leadingZeroCountBase;
    private long _totalCount;
    private long _maxValue;
    private long _minNonZeroValue = long.MaxValue;
    private long _outOfRangeCount;

    /// <summary>
    /// Creates a histogram covering 1 to <paramref name="highestTrackableValue"/> with
    /// <paramref name="significantDigits"/> digits of precision.
    /// </summary>
    public HdrHistogram(long highestTrackableValue, int significantDigits)
        : this(1, highestTrackableValue, significantDigits)
    {
    }

    /// <summary>
    /// Creates a histogram. <paramref name="lowestDiscernibleValue"/> (at least 1) is the smallest
    /// value told apart from 0; <paramref name="highestTrackableValue"/> (at least twice that) is the
    /// largest value guaranteed to be recorded; <paramref name="significantDigits"/> (0 to 5; 2 to 5 in
    /// practice) is the precision kept across the whole range. Memory grows with 10^digits × log2(range).
    /// </summary>
    public HdrHistogram(long lowestDiscernibleValue, long highestTrackableValue, int significantDigits)
    {
        if (lowestDiscernibleValue < 1)
        {
            throw new ArgumentOutOfRangeException(nameof(lowestDiscernibleValue), lowestDiscernibleValue, "the lowest discernible value must be at least 1");
        }
        if (lowestDiscernibleValue > long.MaxValue / 2 || highestTrackableValue < 2 * lowestDiscernibleValue)
        {
            throw new ArgumentOutOfRangeException(nameof(highestTrackableValue), highestTrackableValue, "the highest trackable value must be at least twice the lowest discernible value");
        }
        if (significantDigits < 0 || significantDigits > 5)
        {
            throw new ArgumentOutOfRangeException(nameof(significantDigits), significantDigits, "significant digits must be between 0 and 5");
        }
        LowestDiscernibleValue = lowestDiscernibleValue;
        HighestTrackableValue = highestTrackableValue;
        SignificantDigits = significantDigits;

        // Values below 2 × 10^digits are kept exactly (one sub-bucket per unit): that is what gives
        // `digits` of precision to every larger value, whose buckets have the same number of sub-buckets.
        long largestValueWithSingleUnitResolution = 2 * (long)Math.Pow(10, significantDigits);
        int subBucketCountMagnitude = (int)Math.Ceiling(Math.Log2(largestValueWithSingleUnitResolution));
        _subBucketHalfCountMagnitude = Math.Max(subBucketCountMagnitude, 1) - 1;
        _unitMagnitude = BitOperations.Log2((ulong)lowestDiscernibleValue);
        if (_unitMagnitude + _subBucketHalfCountMagnitude > 61)
        {
            throw new ArgumentOutOfRangeException(nameof(lowestDiscernibleValue), lowestDiscernibleValue, "the lowest discernible value is too large for this precision");
        }
        SubBucketCount = 1 << (_subBucketHalfCountMagnitude + 1);
        _subBucketHalfCount = SubBucketCount / 2;
        _subBucketMask = ((long)SubBucketCount - 1) << _unitMagnitude;
        _leadingZeroCountBase = 64 - _unitMagnitude - _subBucketHalfCountMagnitude - 1;
        BucketCount = BucketsNeededFor(highestTrackableValue);
        _counts = new long[(BucketCount + 1) * _subBucketHalfCount];
        MaxRecordableValue = HighestEquivalentValue(ValueFromIndex(_counts.Length - 1));
    }

    /// <summary>The smallest value told apart from 0.</summary>
    public long LowestDiscernibleValue { get; }

    /// <summary>The largest value guaranteed to be recorded (as configured).</summary>
    public long HighestTrackableValue { get; }

    /// <summary>The largest value that is actually recorded (the top of the last bucket, at least <see cref="HighestTrackableValue"/>).</summary>
    public long MaxRecordableValue { get; }

    /// <summary>Decimal digits of precision kept for every value.</summary>
    public int SignificantDigits { get; }

    /// <summary>Number of power-of-two buckets (printed in the .hgrm footer).</summary>
    public int BucketCount { get; }

    /// <summary>Sub-buckets per bucket (printed in the .hgrm footer).</summary>
    public int SubBucketCount { get; }

    /// <summary>Number of values recorded.</summary>
    public long TotalCount => _totalCount;

    /// <summary>
    /// Number of values refused because they were negative or above <see cref="MaxRecordableValue"/>.
    /// They are not in any percentile: report this next to them (no silent limit).
    /// </summary>
    public long OutOfRangeCount => _outOfRangeCount;

    /// <summary>Start of the interval this histogram covers, in milliseconds since the Unix epoch (for logs); 0 when unset.</summary>
    public long StartTimeStampMs { get; set; }

    /// <summary>End of the interval this histogram covers, in milliseconds since the Unix epoch (for logs); 0 when unset.</summary>
    public long EndTimeStampMs { get; set; }

    /// <summary>An optional tag written with the histogram in logs (no commas or whitespace).</summary>
    public string? Tag { get; set; }

    internal int CountsLength => _counts.Length;

    /// <summary>Records one occurrence of <paramref name="value"/>. False (and counted in <see cref="OutOfRangeCount"/>) when out of range.</summary>
    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    public bool RecordValue(long value) => RecordValueWithCount(value, 1);

    /// <summary>Records <paramref name="count"/> occurrences of <paramref name="value"/>. False when out of range or the count is negative.</summary>
    public bool RecordValueWithCount(long value, long count)
    {
        int index = value < 0 ? -1 : CountsIndexFor(value);
        if ((uint)index >= (uint)_counts.Length || count < 0)
        {
            _outOfRangeCount++;
            return false;
        }
        _counts[index] += count;
        _totalCount += count;
        if (value > _maxValue)
        {
            _maxValue = value;
        }
        if (value != 0 && value < _minNonZeroValue)
        {
            _minNonZeroValue = value;
        }
        return true;
    }

    /// <summary>
    /// Records <paramref name="value"/> and corrects for coordinated omission: when a measurement
    /// took longer than <paramref name="expectedInterval"/> (the time between requests in an
    /// open-loop load), the requests that would have been sent meanwhile were delayed too, so the values
    /// value − interval, value − 2·interval, ... down to the interval are recorded as well.
    /// Use this when the load generator waited for the slow response; an interval of 0 or less records plainly.
    /// </summary>
    public bool RecordValueWithExpectedInterval(long value, long expectedInterval)
    {
        if (!RecordValue(value))
        {
            return false;
        }
        if (expectedInterval <= 0)
        {
            return true;
        }
        for (long missing = value - expectedInterval; missing >= expectedInterval; missing -= expectedInterval)
        {
            RecordValue(missing);
        }
        return true;
    }

    /// <summary>A new histogram holding this one's values corrected for coordinated omission after the fact (see <see cref="RecordValueWithExpectedInterval"/>).</summary>
    public HdrHistogram CopyCorrectedForCoordinatedOmission(long expectedInterval)
    {
        var copy = CreateEmptyCopy();
        for (int i = 0; i < _counts.Length; i++)
        {
            long count = _counts[i];
            if (count == 0)
            {
                continue;
            }
            long value = ValueFromIndex(i);
            copy.RecordValueWithCount(value, count);
            if (expectedInterval > 0)
            {
                for (long missing = value - expectedInterval; missing >= expectedInterval; missing -= expectedInterval)
                {
                    copy.RecordValueWithCount(missing, count);
                }
            }
        }
        return copy;
    }

    /// <summary>An empty histogram with the same range and precision.</summary>
    public HdrHistogram CreateEmptyCopy() => new(LowestDiscernibleValue, HighestTrackableValue, SignificantDigits);

    /// <summary>A deep copy (counts, timestamps and tag).</summary>
    public HdrHistogram Copy()
    {
        var copy = CreateEmptyCopy();
        copy.Add(this);
        copy.StartTimeStampMs = StartTimeStampMs;
        copy.EndTimeStampMs = EndTimeStampMs;
        copy.Tag = Tag;
        copy._outOfRangeCount = _outOfRangeCount;
        return copy;
    }

    /// <summary>
    /// Adds every value of <paramref name="other"/> (merge, e.g. one histogram per thread or per interval).
    /// Histograms of different precision or range merge value by value. Returns false and changes
    /// nothing when some value of <paramref name="other"/> is above this histogram's range.
    /// </summary>
    public bool Add(HdrHistogram other)
    {
        ArgumentNullException.ThrowIfNull(other);
        if (other.TotalCount == 0)
        {
            return true;
        }
        if (other.MaxValue > MaxRecordableValue)
        {
            return false;
        }
        bool sameLayout = other._unitMagnitude == _unitMagnitude && other._subBucketHalfCountMagnitude == _subBucketHalfCountMagnitude;
        for (int i = 0; i < other._counts.Length; i++)
        {
            long count = other._counts[i];
            if (count == 0)
            {
                continue;
            }
            if (sameLayout)
            {
                _counts[i] += count;
                _totalCount += count;
                long value = ValueFromIndex(i);
                _maxValue = Math.Max(_maxValue, value);
                if (value != 0)
                {
                    _minNonZeroValue = Math.Min(_minNonZeroValue, value);
                }
            }
            else
            {
                RecordValueWithCount(other.ValueFromIndex(i), count);
            }
        }
        return true;
    }

    /// <summary>Forgets every value (and the out-of-range count); the range and precision stay.</summary>
    public void Reset()
    {
        Array.Clear(_counts);
        _totalCount = 0;
        _maxValue = 0;
        _minNonZeroValue = long.MaxValue;
        _outOfRangeCount = 0;
    }

    /// <summary>The largest value recorded (to the precision of the histogram: the top of its bucket); 0 when empty.</summary>
    public long MaxValue => _maxValue == 0 ? 0 : HighestEquivalentValue(_maxValue);

    /// <summary>The smallest value recorded (the bottom of its bucket); 0 when empty or when 0 was recorded.</summary>
    public long MinValue => _totalCount == 0 || _counts[0] > 0 ? 0 : LowestEquivalentValue(_minNonZeroValue);

    /// <summary>The mean of the recorded values (each taken at the middle of its bucket); 0 when empty.</summary>
    public double Mean
    {
        get
        {
            if (_totalCount == 0)
            {
                return 0;
            }
            double total = 0;
            for (int i = 0; i < _counts.Length; i++)
            {
                if (_counts[i] != 0)
                {
                    total += MedianEquivalentValue(ValueFromIndex(i)) * (double)_counts[i];
                }
            }
            return total / _totalCount;
        }
    }

    /// <summary>The standard deviation of the recorded values (each taken at the middle of its bucket); 0 when empty.</summary>
    public double StdDeviation
    {
        get
        {
            if (_totalCount == 0)
            {
                return 0;
            }
            double mean = Mean;
            double total = 0;
            for (int i = 0; i < _counts.Length; i++)
            {
                if (_counts[i] != 0)
                {
                    double deviation = MedianEquivalentValue(ValueFromIndex(i)) - mean;
                    total += deviation * deviation * _counts[i];
                }
            }
            return Math.Sqrt(total / _totalCount);
        }
    }

    /// <summary>
    /// The value at <paramref name="percentile"/> (0 to 100): the smallest recorded value v such that at
    /// least ceil(percentile/100 × count) values are ≤ v, reported as the top of v's bucket (the bottom
    /// at percentile 0). So it is never below the exact answer and exceeds it by at most one part in
    /// 10^digits. 0 when empty.
    /// </summary>
    public long ValueAtPercentile(double percentile)
    {
        if (_totalCount == 0)
        {
            return 0;
        }
        // One ulp down before rounding up, so that 10 % of 10 values is rank 1, not 2, despite 0.1 not being exact in binary.
        double requested = Math.Clamp(Math.BitDecrement(percentile), 0.0, 100.0);
        long countAtPercentile = Math.Max(1, (long)Math.Ceiling(requested / 100.0 * _totalCount));
        long running = 0;
        for (int i = 0; i < _counts.Length; i++)
        {
            running += _counts[i];
            if (running >= countAtPercentile)
            {
                long value = ValueFromIndex(i);
                return percentile == 0.0 ? LowestEquivalentValue(value) : HighestEquivalentValue(value);
            }
        }
        return 0;
    }

    /// <summary>How many recorded values fall in the same bucket as <paramref name="value"/>.</summary>
    public long CountAtValue(long value)
    {
        int index = value < 0 ? -1 : CountsIndexFor(value);
        return (uint)index < (uint)_counts.Length ? _counts[index] : 0;
    }

    /// <summary>The distinct recorded buckets in ascending order: (value at the bottom of the bucket, count).</summary>
    public IEnumerable<(long Value, long Count)> RecordedValues()
    {
        for (int i = 0; i < _counts.Length; i++)
        {
            if (_counts[i] != 0)
            {
                yield return (ValueFromIndex(i), _counts[i]);
            }
        }
    }

    /// <summary>The smallest value that falls in the same bucket as <paramref name="value"/>.</summary>
    public long LowestEquivalentValue(long value)
    {
        int bucketIndex = BucketIndexOf(value);
        int subBucketIndex = SubBucketIndexOf(value, bucketIndex);
        return ValueFrom(bucketIndex, subBucketIndex);
    }

    /// <summary>The largest value that falls in the same bucket as <paramref name="value"/>.</summary>
    public long HighestEquivalentValue(long value) => NextNonEquivalentValue(value) - 1;

    /// <summary>The middle of the bucket <paramref name="value"/> falls in (used for the mean).</summary>
    public long MedianEquivalentValue(long value) => LowestEquivalentValue(value) + (SizeOfEquivalentValueRange(value) >> 1);

    /// <summary>The first value above the bucket <paramref name="value"/> falls in.</summary>
    public long NextNonEquivalentValue(long value) => LowestEquivalentValue(value) + SizeOfEquivalentValueRange(value);

    /// <summary>The width of the bucket <paramref name="value"/> falls in (1 below 2 × 10^digits × lowest).</summary>
    public long SizeOfEquivalentValueRange(long value)
    {
        int bucketIndex = BucketIndexOf(value);
        int subBucketIndex = SubBucketIndexOf(value, bucketIndex);
        int adjustedBucket = subBucketIndex >= SubBucketCount ? bucketIndex + 1 : bucketIndex;
        return 1L << (_unitMagnitude + adjustedBucket);
    }

    internal long CountAtIndex(int index) => _counts[index];

    internal void SetCountAtIndex(int index, long count)
    {
        _counts[index] = count;
        _totalCount += count;
        if (count != 0)
        {
            long value = ValueFromIndex(index);
            _maxValue = Math.Max(_maxValue, value);
            if (value != 0)
            {
                _minNonZeroValue = Math.Min(_minNonZeroValue, value);
            }
        }
    }

    /// <summary>Index into the counts array for <paramref name="value"/> (may be past the end for out-of-range values).</summary>
    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    internal int CountsIndexFor(long value)
    {
        int bucketIndex = BucketIndexOf(value);
        int subBucketIndex = SubBucketIndexOf(value, bucketIndex);
        // Bucket 0 uses all its sub-buckets; every later bucket only its upper half (the lower half
        // would repeat values the previous bucket already covers at finer resolution).
        long index = ((long)(bucketIndex + 1) << _subBucketHalfCountMagnitude) + (subBucketIndex - _subBucketHalfCount);
        return index > int.MaxValue ? int.MaxValue : (int)index;
    }

    internal long ValueFromIndex(int index)
    {
        int bucketIndex = (index >> _subBucketHalfCountMagnitude) - 1;
        int subBucketIndex = (index & (_subBucketHalfCount - 1)) + _subBucketHalfCount;
        if (bucketIndex < 0)
        {
            subBucketIndex -= _subBucketHalfCount;
            bucketIndex = 0;
        }
        return ValueFrom(bucketIndex, subBucketIndex);
    }

    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    private int BucketIndexOf(long value) =>
        _leadingZeroCountBase - BitOperations.LeadingZeroCount((ulong)(value | _subBucketMask));

    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    private int SubBucketIndexOf(long value, int bucketIndex) => (int)(value >>> (bucketIndex + _unitMagnitude));

    private long ValueFrom(int bucketIndex, int subBucketIndex) => (long)subBucketIndex << (bucketIndex + _unitMagnitude);

    private int BucketsNeededFor(long value)
    {
        long smallestUntrackableValue = (long)SubBucketCount << _unitMagnitude;
        int bucketsNeeded = 1;
        while (smallestUntrackableValue <= value)
        {
            if (smallestUntrackableValue > long.MaxValue / 2)
            {
                return bucketsNeeded + 1;
            }
            smallestUntrackableValue <<= 1;
            bucketsNeeded++;
        }
        return bucketsNeeded;
    }
}
