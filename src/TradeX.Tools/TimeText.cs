using System.Globalization;
using TradeX.Scenario;

namespace TradeX.Tools;

/// <summary>Times on the command line: ISO-8601 UTC with up to nine fractional digits, or Unix nanoseconds.</summary>
public static class TimeText
{
    /// <summary>
    /// Parses <c>2026-01-05T09:30:00Z</c>, <c>2026-01-05T09:30:00.123456789Z</c> (the Z may be left out;
    /// times are UTC), <c>2026-01-05</c>, or an integer count of Unix nanoseconds.
    /// </summary>
    public static bool TryParse(string text, out long nanos)
    {
        nanos = 0;
        text = text.Trim();
        if (text.Length > 0 && text.All(char.IsAsciiDigit)) return long.TryParse(text, NumberStyles.None, CultureInfo.InvariantCulture, out nanos);
        if (text.EndsWith('Z') || text.EndsWith('z')) text = text[..^1];
        long fraction = 0;
        int dot = text.IndexOf('.');
        if (dot >= 0)
        {
            string digits = text[(dot + 1)..];
            if (digits.Length is 0 or > 9 || !digits.All(char.IsAsciiDigit)) return false;
            fraction = long.Parse(digits.PadRight(9, '0'), CultureInfo.InvariantCulture);
            text = text[..dot];
        }
        string[] formats = ["yyyy-MM-dd'T'HH:mm:ss", "yyyy-MM-dd'T'HH:mm", "yyyy-MM-dd HH:mm:ss", "yyyy-MM-dd"];
        if (!DateTime.TryParseExact(text, formats, CultureInfo.InvariantCulture, DateTimeStyles.AdjustToUniversal | DateTimeStyles.AssumeUniversal, out DateTime time))
        {
            return false;
        }
        if (dot >= 0 && text.Length == 10) return false;
        nanos = ((time - DateTime.UnixEpoch).Ticks * 100) + fraction;
        return true;
    }

    /// <summary>Unix nanoseconds as ISO-8601 UTC with nine fractional digits (as the event JSON writes them).</summary>
    public static string Format(long nanos) => EventJson.TimeText(nanos);
}
