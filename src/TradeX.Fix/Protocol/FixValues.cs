using System.Runtime.CompilerServices;

namespace TradeX.Fix.Protocol;

/// <summary>
/// Parsing and format checks of FIX 4.4 value types straight over the bytes, without allocating.
/// Fixed-point decimals are <c>long</c> mantissas at a caller-chosen scale: prices and quantities never
/// pass through floating point.
/// </summary>
public static class FixValues
{
    public static bool TryParseInt(ReadOnlySpan<byte> s, out long value)
    {
        value = 0;
        if (s.IsEmpty) return false;
        int i = 0;
        bool negative = false;
        if (s[0] == (byte)'-') { negative = true; i = 1; if (s.Length == 1) return false; }
        if (s.Length - i > 18) return false;
        long v = 0;
        for (; i < s.Length; i++)
        {
            uint d = (uint)(s[i] - '0');
            if (d > 9) return false;
            v = v * 10 + d;
        }
        value = negative ? -v : v;
        return true;
    }

    public static bool TryParseInt(ReadOnlySpan<byte> s, out int value)
    {
        if (TryParseInt(s, out long v) && v is >= int.MinValue and <= int.MaxValue) { value = (int)v; return true; }
        value = 0;
        return false;
    }

    /// <summary>
    /// Parses a FIX float ("-12.3400") into a mantissa at <paramref name="scale"/> decimals
    /// (scale 4: "12.34" gives 123400). Fails on more significant decimals than the scale holds,
    /// rather than rounding a price silently.
    /// </summary>
    public static bool TryParseDecimal(ReadOnlySpan<byte> s, int scale, out long mantissa)
    {
        mantissa = 0;
        if (s.IsEmpty || (uint)scale > 18) return false;
        int i = 0;
        bool negative = false;
        if (s[0] == (byte)'-') { negative = true; i = 1; }
        long v = 0;
        int digits = 0, fraction = -1;
        for (; i < s.Length; i++)
        {
            byte c = s[i];
            if (c == (byte)'.')
            {
                if (fraction >= 0) return false;
                fraction = 0;
                continue;
            }
            uint d = (uint)(c - '0');
            if (d > 9) return false;
            digits++;
            if (fraction >= 0)
            {
                if (fraction == scale) { if (d != 0) return false; continue; }
                fraction++;
            }
            if (v > (long.MaxValue - 9) / 10) return false;
            v = v * 10 + d;
        }
        if (digits == 0) return false;
        int missing = scale - (fraction < 0 ? 0 : fraction);
        for (; missing > 0; missing--)
        {
            if (v > long.MaxValue / 10) return false;
            v *= 10;
        }
        mantissa = negative ? -v : v;
        return true;
    }

    public static bool IsInt(ReadOnlySpan<byte> s, bool allowNegative)
    {
        if (s.IsEmpty) return false;
        int i = 0;
        if (s[0] == (byte)'-') { if (!allowNegative || s.Length == 1) return false; i = 1; }
        for (; i < s.Length; i++) if ((uint)(s[i] - '0') > 9) return false;
        return true;
    }

    public static bool IsFloat(ReadOnlySpan<byte> s)
    {
        if (s.IsEmpty) return false;
        int i = s[0] == (byte)'-' ? 1 : 0;
        bool dot = false, digit = false;
        for (; i < s.Length; i++)
        {
            byte c = s[i];
            if (c == (byte)'.') { if (dot) return false; dot = true; }
            else if ((uint)(c - '0') > 9) return false;
            else digit = true;
        }
        return digit;
    }

    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    private static bool Digits(ReadOnlySpan<byte> s, int at, int count, out int value)
    {
        value = 0;
        for (int i = at; i < at + count; i++)
        {
            uint d = (uint)(s[i] - '0');
            if (d > 9) return false;
            value = value * 10 + (int)d;
        }
        return true;
    }

    /// <summary>YYYYMMDD with a real month and day.</summary>
    public static bool IsDate(ReadOnlySpan<byte> s) => s.Length == 8 && TryParseDate(s, out _, out _, out _);

    private static bool TryParseDate(ReadOnlySpan<byte> s, out int year, out int month, out int day)
    {
        month = day = 0;
        if (!Digits(s, 0, 4, out year) || !Digits(s, 4, 2, out month) || !Digits(s, 6, 2, out day)) return false;
        if (year < 1 || month is < 1 or > 12 || day < 1) return false;
        if (day <= 28) return true;
        return day <= DateTime.DaysInMonth(year, month);
    }

    /// <summary>HH:MM:SS with optional fraction of 1..9 digits; leap second 60 is allowed as FIX says.</summary>
    private static bool TryParseTime(ReadOnlySpan<byte> s, out int hour, out int minute, out int second, out long fractionTicks)
    {
        hour = minute = second = 0;
        fractionTicks = 0;
        if (s.Length < 8 || s[2] != (byte)':' || s[5] != (byte)':') return false;
        if (!Digits(s, 0, 2, out hour) || !Digits(s, 3, 2, out minute) || !Digits(s, 6, 2, out second)) return false;
        if (hour > 23 || minute > 59 || second > 60) return false;
        if (s.Length == 8) return true;
        if (s[8] != (byte)'.' || s.Length == 9 || s.Length > 18) return false;
        long ticks = 0;
        int n = 0;
        for (int i = 9; i < s.Length; i++, n++)
        {
            uint d = (uint)(s[i] - '0');
            if (d > 9) return false;
            if (n < 7) ticks = ticks * 10 + d;
        }
        for (; n < 7; n++) ticks *= 10;
        fractionTicks = ticks;
        return true;
    }

    public static bool IsTimeOnly(ReadOnlySpan<byte> s) => TryParseTime(s, out _, out _, out _, out _);

    /// <summary>UTCTimestamp: YYYYMMDD-HH:MM:SS[.fraction].</summary>
    public static bool TryParseUtcTimestamp(ReadOnlySpan<byte> s, out DateTime utc)
    {
        utc = default;
        if (s.Length < 17 || s[8] != (byte)'-') return false;
        if (!TryParseDate(s[..8], out int y, out int mo, out int d)) return false;
        if (!TryParseTime(s[9..], out int h, out int mi, out int sec, out long frac)) return false;
        if (sec == 60) sec = 59; // a leap second is valid FIX; DateTime cannot hold it
        utc = new DateTime(y, mo, d, h, mi, sec, DateTimeKind.Utc).AddTicks(frac);
        return true;
    }

    /// <summary>UTCTimestamp format check only (the validator's hot path): no DateTime is built.</summary>
    public static bool IsUtcTimestamp(ReadOnlySpan<byte> s) =>
        s.Length >= 17 && s[8] == (byte)'-' && TryParseDate(s[..8], out _, out _, out _) && TryParseTime(s[9..], out _, out _, out _, out _);

    /// <summary>MonthYear: YYYYMM, YYYYMMDD or YYYYMMwN (week 1..5).</summary>
    public static bool IsMonthYear(ReadOnlySpan<byte> s)
    {
        if (s.Length is not (6 or 8)) return false;
        if (!Digits(s, 0, 4, out _) || !Digits(s, 4, 2, out int month) || month is < 1 or > 12) return false;
        if (s.Length == 6) return true;
        if (s[6] == (byte)'w') return s[7] is >= (byte)'1' and <= (byte)'5';
        return Digits(s, 6, 2, out int day) && day is >= 1 and <= 31;
    }

    /// <summary>"00" to "99": two digits per division when formatting numbers.</summary>
    private static ReadOnlySpan<byte> DigitPairs =>
        "00010203040506070809101112131415161718192021222324252627282930313233343536373839404142434445464748495051525354555657585960616263646566676869707172737475767778798081828384858687888990919293949596979899"u8;

    /// <summary>Writes a non-negative or negative integer; returns the bytes written.</summary>
    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    public static int WriteInt(Span<byte> destination, long value)
    {
        if ((ulong)value < 10) { destination[0] = (byte)('0' + value); return 1; }
        if (value < 0)
        {
            destination[0] = (byte)'-';
            return 1 + WriteDigits(destination[1..], (ulong)(-(value + 1)) + 1, 0);
        }
        return WriteDigits(destination, (ulong)value, 0);
    }

    /// <summary>Writes <paramref name="v"/> in at least <paramref name="minDigits"/> digits (zero padded).</summary>
    private static int WriteDigits(Span<byte> destination, ulong v, int minDigits)
    {
        int digits = Math.Max(CountDigits(v), minDigits);
        if (destination.Length < digits) throw new ArgumentException("destination too small", nameof(destination));
        int i = digits;
        var pairs = DigitPairs;
        while (i >= 2)
        {
            ulong q = v / 100;
            int r = (int)(v - q * 100) * 2;
            destination[--i] = pairs[r + 1];
            destination[--i] = pairs[r];
            v = q;
        }
        if (i == 1) destination[0] = (byte)('0' + v % 10);
        return digits;
    }

    /// <summary>Two digits of 0..99 at <paramref name="at"/>.</summary>
    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    internal static void WritePair(Span<byte> d, int at, int value)
    {
        var pairs = DigitPairs;
        d[at] = pairs[value * 2];
        d[at + 1] = pairs[value * 2 + 1];
    }

    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    public static int CountDigits(ulong v)
    {
        int n = 1;
        while (v >= 10) { v /= 10; n++; }
        return n;
    }

    /// <summary>
    /// Writes a fixed-point decimal (mantissa 123400 at scale 4 → "12.34"): trailing fraction zeros
    /// are dropped so the wire form is canonical.
    /// </summary>
    public static int WriteDecimal(Span<byte> destination, long mantissa, int scale)
    {
        if (scale <= 0) return WriteInt(destination, mantissa);
        if (scale > 18) throw new ArgumentOutOfRangeException(nameof(scale), "scale is at most 18");
        int pos = 0;
        ulong v;
        if (mantissa < 0) { destination[pos++] = (byte)'-'; v = (ulong)(-(mantissa + 1)) + 1; }
        else v = (ulong)mantissa;
        ulong pow = PowersOf10[scale];
        ulong whole = v / pow, frac = v - whole * pow;
        pos += WriteDigits(destination[pos..], whole, 1);
        if (frac == 0) return pos;
        destination[pos++] = (byte)'.';
        pos += WriteDigits(destination[pos..], frac, scale);
        // Canonical form: no trailing fraction zeros (there is a non-zero digit, so this stops).
        while (destination[pos - 1] == (byte)'0') pos--;
        return pos;
    }

    private static readonly ulong[] PowersOf10 =
    [
        1, 10, 100, 1_000, 10_000, 100_000, 1_000_000, 10_000_000, 100_000_000, 1_000_000_000, 10_000_000_000,
        100_000_000_000, 1_000_000_000_000, 10_000_000_000_000, 100_000_000_000_000, 1_000_000_000_000_000,
        10_000_000_000_000_000, 100_000_000_000_000_000, 1_000_000_000_000_000_000,
    ];

    /// <summary>Writes UTCTimestamp with milliseconds, "YYYYMMDD-HH:MM:SS.sss" (21 bytes).</summary>
    public static int WriteUtcTimestamp(Span<byte> d, DateTime utc)
    {
        if (d.Length < 21) throw new ArgumentException("destination too small", nameof(d));
        long ticks = utc.Ticks;
        WriteDate(d, (int)(ticks / TimeSpan.TicksPerDay));
        WriteTimeOfDay(d, ticks);
        return 21;
    }

    /// <summary>"YYYYMMDD-" for a day number (days since 0001-01-01): the part a cache can keep for a day.</summary>
    internal static void WriteDate(Span<byte> d, int dayNumber)
    {
        CivilFromDays(dayNumber, out int year, out int month, out int day);
        WritePair(d, 0, year / 100);
        WritePair(d, 2, year % 100);
        WritePair(d, 4, month);
        WritePair(d, 6, day);
        d[8] = (byte)'-';
    }

    /// <summary>
    /// "HH:MM:SS" at offset 9, then "." and <paramref name="precision"/> digits of the second (0, 3, 6 or 9;
    /// ticks hold 7, so the 8th and 9th are zeros). Returns the length of the whole timestamp from offset 0.
    /// </summary>
    internal static int WriteTimeOfDay(Span<byte> d, long ticks, int precision = 3)
    {
        long ofDay = ticks % TimeSpan.TicksPerDay;
        int seconds = (int)(ofDay / TimeSpan.TicksPerSecond);
        int fraction = (int)(ofDay - seconds * TimeSpan.TicksPerSecond);
        int minutes = seconds / 60, s = seconds - minutes * 60;
        int h = minutes / 60, mi = minutes - h * 60;
        WritePair(d, 9, h);
        d[11] = (byte)':';
        WritePair(d, 12, mi);
        d[14] = (byte)':';
        WritePair(d, 15, s);
        switch (precision)
        {
            case 0:
                return 17;
            case 3:
                {
                    int f = fraction / (int)TimeSpan.TicksPerMillisecond;
                    d[17] = (byte)'.';
                    d[18] = (byte)('0' + f / 100);
                    WritePair(d, 19, f % 100);
                    return 21;
                }
            case 6:
                d[17] = (byte)'.';
                WriteDigits(d[18..], (ulong)(fraction / 10), 6);
                return 24;
            case 9:
                d[17] = (byte)'.';
                WriteDigits(d[18..], (ulong)fraction, 7);
                d[25] = (byte)'0';
                d[26] = (byte)'0';
                return 27;
            default:
                throw new ArgumentOutOfRangeException(nameof(precision), precision, "timestamp precision is 0, 3, 6 or 9 digits");
        }
    }

    /// <summary>
    /// Days since 0001-01-01 to a proleptic Gregorian date, by the era arithmetic of the civil calendar
    /// (no table, no DateTime properties: those recompute the date for each of year, month and day).
    /// </summary>
    private static void CivilFromDays(int daysSinceYear1, out int year, out int month, out int day)
    {
        // Shift to days since 0000-03-01 so leap days fall at the end of each year.
        int z = daysSinceYear1 + 306;
        int era = z / 146097;
        int doe = z - era * 146097;
        int yoe = (doe - doe / 1460 + doe / 36524 - doe / 146096) / 365;
        int doy = doe - (365 * yoe + yoe / 4 - yoe / 100);
        int mp = (5 * doy + 2) / 153;
        day = doy - (153 * mp + 2) / 5 + 1;
        month = mp < 10 ? mp + 3 : mp - 9;
        year = yoe + era * 400 + (month <= 2 ? 1 : 0);
    }
}
