namespace TradeX.Fix.Protocol;

/// <summary>
/// Writes UTCTimestamps ("YYYYMMDD-HH:MM:SS.sss") keeping the date part of the last day written, since
/// every message of a day shares it: the calendar arithmetic then runs once a day, not per message.
/// One per writer (not thread-safe), owned by a <see cref="FixOutboundMessage"/> or <see cref="FixFrameBuilder"/>.
/// </summary>
internal sealed class UtcTimestampWriter
{
    private readonly byte[] _date = new byte[9];
    private int _day = -1;

    public int Write(Span<byte> destination, DateTime utc)
    {
        if (destination.Length < 21) throw new ArgumentException("destination too small", nameof(destination));
        long ticks = utc.Ticks;
        int day = (int)(ticks / TimeSpan.TicksPerDay);
        if (day != _day)
        {
            FixValues.WriteDate(_date, day);
            _day = day;
        }
        _date.CopyTo(destination);
        FixValues.WriteTimeOfDay(destination, ticks);
        return 21;
    }
}
