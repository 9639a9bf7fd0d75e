namespace TradeX.Fix.Session;

/// <summary>
/// When a session may be connected: daily between StartTime and EndTime, weekly from StartDay StartTime
/// to EndDay EndTime, or non-stop. Times are in <see cref="TimeZone"/> (UTC by default). A window that
/// ends before it starts crosses midnight (or the weekend); equal start and end make a 24-hour
/// (or 7-day) period that rolls over at that instant. Sequence numbers reset when a new period begins.
/// </summary>
public sealed class SessionSchedule
{
    private SessionSchedule(bool nonStop, TimeOnly start, TimeOnly end, DayOfWeek? startDay, DayOfWeek? endDay, TimeZoneInfo zone)
    {
        NonStop = nonStop;
        StartTime = start;
        EndTime = end;
        StartDay = startDay;
        EndDay = endDay;
        TimeZone = zone;
    }

    public static SessionSchedule NonStopSession { get; } = new(true, default, default, null, null, TimeZoneInfo.Utc);

    public static SessionSchedule Daily(TimeOnly start, TimeOnly end, TimeZoneInfo? zone = null) =>
        new(false, start, end, null, null, zone ?? TimeZoneInfo.Utc);

    public static SessionSchedule Weekly(DayOfWeek startDay, TimeOnly start, DayOfWeek endDay, TimeOnly end, TimeZoneInfo? zone = null) =>
        new(false, start, end, startDay, endDay, zone ?? TimeZoneInfo.Utc);

    public bool NonStop { get; }
    public TimeOnly StartTime { get; }
    public TimeOnly EndTime { get; }
    public DayOfWeek? StartDay { get; }
    public DayOfWeek? EndDay { get; }
    public TimeZoneInfo TimeZone { get; }

    private bool IsWeekly => StartDay is not null;

    private TimeSpan Period => IsWeekly ? TimeSpan.FromDays(7) : TimeSpan.FromDays(1);

    private TimeSpan Duration
    {
        get
        {
            var startOffset = (IsWeekly ? TimeSpan.FromDays((int)StartDay!.Value) : TimeSpan.Zero) + StartTime.ToTimeSpan();
            var endOffset = (IsWeekly ? TimeSpan.FromDays((int)EndDay!.Value) : TimeSpan.Zero) + EndTime.ToTimeSpan();
            var d = endOffset - startOffset;
            if (d <= TimeSpan.Zero) d += Period;
            return d;
        }
    }

    /// <summary>Start (in UTC) of the most recent period that began at or before <paramref name="utc"/>.</summary>
    public DateTime PeriodStart(DateTime utc)
    {
        if (NonStop) return DateTime.MinValue;
        var local = TimeZoneInfo.ConvertTimeFromUtc(DateTime.SpecifyKind(utc, DateTimeKind.Utc), TimeZone);
        var start = local.Date + StartTime.ToTimeSpan();
        if (IsWeekly) start = start.AddDays(-(((int)local.DayOfWeek - (int)StartDay!.Value + 7) % 7));
        if (start > local) start -= Period;
        return TimeZoneInfo.ConvertTimeToUtc(DateTime.SpecifyKind(start, DateTimeKind.Unspecified), TimeZone);
    }

    public bool IsInSession(DateTime utc)
    {
        if (NonStop) return true;
        var start = PeriodStart(utc);
        return utc - start <= Duration;
    }

    /// <summary>True when both instants fall in the same session period (so the sequence numbers carry over).</summary>
    public bool IsSameSession(DateTime utcA, DateTime utcB)
    {
        if (NonStop) return true;
        if (!IsInSession(utcA) || !IsInSession(utcB)) return false;
        return PeriodStart(utcA) == PeriodStart(utcB);
    }

    public override string ToString() => NonStop ? "non-stop" :
        IsWeekly ? $"{StartDay} {StartTime:HH:mm:ss} - {EndDay} {EndTime:HH:mm:ss} {TimeZone.Id}" : $"{StartTime:HH:mm:ss} - {EndTime:HH:mm:ss} {TimeZone.Id}";
}
