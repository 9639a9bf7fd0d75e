using TradeX.Fix.Session;

namespace TradeX.Fix.Tests.Session;

public sealed class SessionScheduleTests
{
    private static DateTime Utc(int day, int hour, int minute = 0) => new(2026, 1, day, hour, minute, 0, DateTimeKind.Utc); // Jan 5 2026 is a Monday

    [Test]
    public void Daily_window_is_in_session_between_start_and_end_only()
    {
        var s = SessionSchedule.Daily(new TimeOnly(8, 0), new TimeOnly(17, 0));
        Assert.That(s.IsInSession(Utc(5, 7, 59)), Is.False);
        Assert.That(s.IsInSession(Utc(5, 8)));
        Assert.That(s.IsInSession(Utc(5, 17)));
        Assert.That(s.IsInSession(Utc(5, 17, 1)), Is.False);
        Assert.That(s.IsSameSession(Utc(5, 9), Utc(5, 16)));
        Assert.That(s.IsSameSession(Utc(5, 9), Utc(6, 9)), Is.False, "next day is a new period: sequence numbers reset");
    }

    [Test]
    public void Window_crossing_midnight_is_one_period()
    {
        var s = SessionSchedule.Daily(new TimeOnly(22, 0), new TimeOnly(6, 0));
        Assert.That(s.IsInSession(Utc(5, 23)));
        Assert.That(s.IsInSession(Utc(6, 5)));
        Assert.That(s.IsInSession(Utc(6, 12)), Is.False);
        Assert.That(s.IsSameSession(Utc(5, 23), Utc(6, 5)));
    }

    [Test]
    public void Equal_start_and_end_is_a_24_hour_period_rolling_at_that_time()
    {
        var s = SessionSchedule.Daily(new TimeOnly(0, 0), new TimeOnly(0, 0));
        Assert.That(s.IsInSession(Utc(5, 13)));
        Assert.That(s.IsSameSession(Utc(5, 1), Utc(5, 23)));
        Assert.That(s.IsSameSession(Utc(5, 23), Utc(6, 1)), Is.False);
    }

    [Test]
    public void Weekly_window_spans_the_days_between_start_and_end_day()
    {
        var s = SessionSchedule.Weekly(DayOfWeek.Sunday, new TimeOnly(22, 0), DayOfWeek.Friday, new TimeOnly(22, 0));
        Assert.That(s.IsInSession(Utc(7, 12)), "Wednesday");
        Assert.That(s.IsInSession(Utc(10, 12)), Is.False, "Saturday");
        Assert.That(s.IsInSession(Utc(4, 23)), "Sunday night");
        Assert.That(s.IsSameSession(Utc(5, 1), Utc(9, 21)), "Monday and Friday of one week");
        Assert.That(s.IsSameSession(Utc(9, 21), Utc(12, 1)), Is.False, "next week");
    }

    [Test]
    public void Time_zone_shifts_the_window()
    {
        var ny = TimeZoneInfo.FindSystemTimeZoneById("America/New_York");
        var s = SessionSchedule.Daily(new TimeOnly(9, 30), new TimeOnly(16, 0), ny);
        Assert.That(s.IsInSession(Utc(5, 15)), "10:00 in New York");
        Assert.That(s.IsInSession(Utc(5, 10)), Is.False, "05:00 in New York");
    }

    [Test]
    public void Non_stop_is_always_in_session_and_never_resets()
    {
        var s = SessionSchedule.NonStopSession;
        Assert.That(s.IsInSession(DateTime.MinValue.AddDays(1)) && s.IsSameSession(Utc(5, 1), Utc(25, 1)));
    }
}
