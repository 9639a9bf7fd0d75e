namespace TradeX.Fix.Protocol;

/// <summary>
/// Writes UTCTimestamps ("YYYYMMDD-HH:MM:SS" with 0, 3, 6 or 9 digits of the second) keeping the date part
/// of the last day written, since every message of a day shares it: the calendar arithmetic then runs once a
/// day, not per message. One per writer (not thread-safe), owned by a <see cref="FixOutboundMessage"/> or
/// <see cref="FixFrameBuilder"/>.
/// </summary>
internal sealed class UtcTimestampWriter
{
    /// <summary>The longest timestamp written: nanoseconds, "YYYYMMDD-HH:MM:SS.sssssssss".</summary>
    public const int MaxLength = 27;

    private readonly byte[] _date = new byte[9];
    private int _day = -1;

    /// <summary>Bytes a timestamp of <paramref name="precision"/> fraction digits takes.</summary>
    public static int LengthOf(int precision) => precision == 0 ? 17 : 18 + precision;

    public static bool IsValidPrecision(int precision) => precision is 0 or 3 or 6 or 9;

    /// <summary>With milliseconds, FIX 4.4's own form.</summary>
    public int Write(Span<byte> destination, DateTime utc) => Write(destination, utc, 3);

    public int Write(Span<byte> destination, DateTime utc, int precision)
    {
        if (destination.Length < LengthOf(precision)) throw new ArgumentException("destination too small", nameof(destination));
        long ticks = utc.Ticks;
        int day = (int)(ticks / TimeSpan.TicksPerDay);
        if (day != _day)
        {
            FixValues.WriteDate(_date, day);
            _day = day;
        }
        _date.CopyTo(destination);
        return FixValues.WriteTimeOfDay(destination, ticks, precision);
    }
}
