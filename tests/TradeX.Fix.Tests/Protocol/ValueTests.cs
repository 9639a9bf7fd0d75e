using System.Text;
using FsCheck;
using FsCheck.Fluent;
using TradeX.Fix.Protocol;

namespace TradeX.Fix.Tests.Protocol;

public sealed class ValueTests
{
    [FsCheck.NUnit.Property(MaxTest = 2000)]
    public bool Decimal_written_then_parsed_at_the_same_scale_is_the_same_mantissa(long mantissa, byte scaleSeed)
    {
        int scale = scaleSeed % 9;
        mantissa /= 1000; // keep clear of the overflow guard at the extremes
        Span<byte> buffer = stackalloc byte[48];
        int n = FixValues.WriteDecimal(buffer, mantissa, scale);
        return FixValues.TryParseDecimal(buffer[..n], scale, out long back) && back == mantissa;
    }

    [FsCheck.NUnit.Property(MaxTest = 2000)]
    public bool Integer_written_then_parsed_is_the_same(long value)
    {
        value /= 10;
        Span<byte> buffer = stackalloc byte[24];
        int n = FixValues.WriteInt(buffer, value);
        return FixValues.TryParseInt(buffer[..n], out long back) && back == value
            && Encoding.ASCII.GetString(buffer[..n]) == value.ToString(System.Globalization.CultureInfo.InvariantCulture);
    }

    [FsCheck.NUnit.Property(MaxTest = 5000)]
    public bool Timestamp_formatting_matches_the_BCL_for_any_instant(long seed)
    {
        var utc = new DateTime((long)((ulong)seed % (ulong)DateTime.MaxValue.Ticks), DateTimeKind.Utc);
        var expected = utc.ToString("yyyyMMdd-HH:mm:ss.fff", System.Globalization.CultureInfo.InvariantCulture);
        Span<byte> direct = stackalloc byte[21];
        FixValues.WriteUtcTimestamp(direct, utc);
        Span<byte> cached = stackalloc byte[21];
        Writer.Write(cached, utc); // shared writer: its cached date must follow every change of day
        return Encoding.ASCII.GetString(direct) == expected && Encoding.ASCII.GetString(cached) == expected;
    }

    private static readonly UtcTimestampWriter Writer = new();

    [Test]
    public void Decimal_with_more_significant_places_than_the_scale_is_refused_not_rounded()
    {
        Assert.That(FixValues.TryParseDecimal("1.23456"u8, 4, out _), Is.False);
        Assert.That(FixValues.TryParseDecimal("1.23450"u8, 4, out long v) && v == 12345);
        Assert.That(FixValues.TryParseDecimal("-0.5"u8, 2, out long n) && n == -50);
        Assert.That(FixValues.TryParseDecimal("."u8, 2, out _), Is.False);
        Assert.That(FixValues.TryParseDecimal("1.2.3"u8, 2, out _), Is.False);
    }

    [Test]
    public void Timestamps_round_trip_with_milliseconds_and_reject_impossible_dates()
    {
        var t = new DateTime(2024, 2, 29, 23, 59, 58, 123, DateTimeKind.Utc);
        Span<byte> b = stackalloc byte[21];
        FixValues.WriteUtcTimestamp(b, t);
        Assert.That(Encoding.ASCII.GetString(b), Is.EqualTo("20240229-23:59:58.123"));
        Assert.That(FixValues.TryParseUtcTimestamp(b, out var back) && back == t);
        Assert.That(FixValues.TryParseUtcTimestamp("20230229-00:00:00"u8, out _), Is.False);
        Assert.That(FixValues.TryParseUtcTimestamp("20230101-24:00:00"u8, out _), Is.False);
        Assert.That(FixValues.TryParseUtcTimestamp("20230101-10:00:00.123456789"u8, out _), Is.True);
    }

    [Test]
    public void Checksum_matches_the_plain_byte_sum_for_every_length()
    {
        var random = new Random(42);
        for (int len = 0; len < 300; len++)
        {
            var bytes = new byte[len];
            random.NextBytes(bytes);
            Assert.That(FixChecksum.Compute(bytes), Is.EqualTo(bytes.Sum(b => b) % 256), $"length {len}");
        }
    }
}
