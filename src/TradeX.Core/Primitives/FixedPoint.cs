namespace TradeX.Core;

/// <summary>
/// The one place where the engine's fixed-point scale is defined. Prices and money are
/// <see cref="long"/> counts of 10^-6 currency units ("micros"): $190.25 is 190_250_000.
/// Quantities are whole units (shares, contracts). Because price and money share the scale,
/// price × quantity is money with no rescaling, and the SBE price composite uses the constant
/// exponent -6 so its mantissa is the raw value on the wire.
/// </summary>
/// <remarks>
/// Range: money up to ±9.2 trillion currency units. Every product of a price and a quantity is
/// computed with an overflow check (<see cref="Money.TryNotional"/>); an order whose notional
/// cannot be represented is rejected, never wrapped.
/// </remarks>
public static class FixedPoint
{
    public const int Decimals = 6;
    public const long Scale = 1_000_000;

    /// <summary>Parses a decimal text such as "190.25", "-0.000001" or "1,500,000" exactly, without floating point.</summary>
    public static bool TryParse(ReadOnlySpan<char> text, out long raw) => TryParse(text, out raw, out _);

    /// <summary>
    /// Parses a decimal in the number grammar: an optional sign, whole digits (grouped by threes with
    /// '_' or ',' if at all), and an optional '.' with up to <see cref="Decimals"/> fraction digits.
    /// Use it wherever a person writes a price or an amount (configuration, scenarios, tools), and
    /// report <paramref name="fault"/> through <see cref="Describe"/>: a misplaced separator is refused,
    /// never skipped, because "1,5" skipped reads as 15.
    /// </summary>
    public static bool TryParse(ReadOnlySpan<char> text, out long raw, out NumberFault fault)
    {
        raw = 0;
        fault = Scan(text, allowSign: true, allowFraction: true, out bool negative, out ulong whole, out long fraction);
        if (fault != NumberFault.None) return false;
        ulong limit = negative ? 1UL << 63 : long.MaxValue; // long.MinValue is one further from zero than long.MaxValue
        if (whole > limit / Scale || whole * Scale + (ulong)fraction > limit)
        {
            fault = NumberFault.TooLarge;
            return false;
        }
        raw = Signed(whole * Scale + (ulong)fraction, negative);
        return true;
    }

    /// <summary>
    /// Parses a whole number (a quantity, a count, an id) in the same grammar as <see cref="TryParse(ReadOnlySpan{char}, out long, out NumberFault)"/>,
    /// without a fraction, so that every number a person writes reads one way.
    /// </summary>
    public static bool TryParseWhole(ReadOnlySpan<char> text, out long value, out NumberFault fault)
    {
        value = 0;
        fault = Scan(text, allowSign: true, allowFraction: false, out bool negative, out ulong whole, out _);
        if (fault != NumberFault.None) return false;
        if (whole > (negative ? 1UL << 63 : long.MaxValue))
        {
            fault = NumberFault.TooLarge;
            return false;
        }
        value = Signed(whole, negative);
        return true;
    }

    /// <summary>Parses an unsigned whole number (a client order id) in the same grammar, without a sign or a fraction.</summary>
    public static bool TryParseUnsigned(ReadOnlySpan<char> text, out ulong value, out NumberFault fault)
    {
        fault = Scan(text, allowSign: false, allowFraction: false, out _, out value, out _);
        if (fault == NumberFault.None) return true;
        value = 0;
        return false;
    }

    /// <summary>What was wrong, as the end of a sentence such as "cash='1,5' is not an amount: ...".</summary>
    public static string Describe(NumberFault fault) => fault switch
    {
        NumberFault.None => "it is a number",
        NumberFault.NoDigits => "it has no digits",
        NumberFault.InvalidCharacter => "a number has only digits, a leading sign, one '.' and '_' or ',' between groups of three digits",
        NumberFault.NoDigitBeforePoint => "a '.' needs a digit before it (like 0.5)",
        NumberFault.NoDigitAfterPoint => "a '.' needs a digit after it (like 5.0)",
        NumberFault.SecondPoint => "a number has at most one '.'",
        NumberFault.CommaGrouping => "a ',' may only separate groups of three digits (like 1,500,000)",
        NumberFault.UnderscoreGrouping => "a '_' may only separate groups of three digits (like 1_500_000)",
        NumberFault.MixedSeparators => "a number groups its digits with ',' or with '_', not both",
        NumberFault.GroupedLeadingZero => "grouped digits cannot start with 0 (a thousandth is 0.001)",
        NumberFault.SeparatorInFraction => "the digits after the '.' are never grouped",
        NumberFault.Fraction => "it must be a whole number (no '.')",
        NumberFault.Sign => "it cannot have a sign",
        NumberFault.TooPrecise => $"it has more than {Decimals} decimals, and the engine refuses rather than rounds",
        NumberFault.TooLarge => "it is out of range",
        _ => fault.ToString(),
    };

    private static long Signed(ulong magnitude, bool negative) => unchecked(negative ? (long)(0UL - magnitude) : (long)magnitude);

    /// <summary>
    /// Reads the one number grammar: the sign, the whole digits into <paramref name="whole"/> (checking
    /// the grouping), and the fraction into <paramref name="fraction"/> already scaled to micros. A shape
    /// fault wins over a range or precision fault, so the message names the typo, not its consequence.
    /// </summary>
    private static NumberFault Scan(ReadOnlySpan<char> text, bool allowSign, bool allowFraction, out bool negative, out ulong whole, out long fraction)
    {
        negative = false;
        whole = 0;
        fraction = 0;
        text = text.Trim();
        int i = 0;
        if (!text.IsEmpty && text[0] is '-' or '+')
        {
            if (!allowSign) return NumberFault.Sign;
            negative = text[0] == '-';
            i = 1;
        }
        int start = i;
        char separator = '\0';
        int group = 0; // digits since the start or the last separator
        bool tooLarge = false;
        for (; i < text.Length; i++)
        {
            char c = text[i];
            if (char.IsAsciiDigit(c))
            {
                uint d = (uint)(c - '0');
                if (whole > (ulong.MaxValue - d) / 10) tooLarge = true;
                else whole = whole * 10 + d;
                group++;
                continue;
            }
            if (c is not ('_' or ',')) break;
            bool first = separator == '\0';
            if (!first && c != separator) return NumberFault.MixedSeparators;
            if (group == 0 || (first ? group > 3 : group != 3)) return GroupingFault(c);
            separator = c;
            group = 0;
        }
        if (i == start)
        {
            if (i == text.Length) return NumberFault.NoDigits;
            return text[i] == '.' ? NumberFault.NoDigitBeforePoint : NumberFault.InvalidCharacter;
        }
        if (separator != '\0')
        {
            if (group != 3) return GroupingFault(separator);
            // Well grouped, but "0,001" would read as one where a European reader meant a thousandth.
            if (text[start] == '0') return NumberFault.GroupedLeadingZero;
        }
        bool tooPrecise = false;
        if (i < text.Length)
        {
            if (text[i] != '.') return NumberFault.InvalidCharacter;
            if (!allowFraction) return NumberFault.Fraction;
            int digits = 0;
            for (i++; i < text.Length; i++)
            {
                char c = text[i];
                if (!char.IsAsciiDigit(c))
                {
                    return c switch
                    {
                        '_' or ',' => NumberFault.SeparatorInFraction,
                        '.' => NumberFault.SecondPoint,
                        _ => NumberFault.InvalidCharacter,
                    };
                }
                if (digits < Decimals) fraction = fraction * 10 + (c - '0');
                else if (c != '0') tooPrecise = true; // more precision than the scale holds: refuse, never round
                digits++;
            }
            if (digits == 0) return NumberFault.NoDigitAfterPoint;
            for (int k = digits; k < Decimals; k++) fraction *= 10;
        }
        if (tooLarge) return NumberFault.TooLarge;
        return tooPrecise ? NumberFault.TooPrecise : NumberFault.None;
    }

    private static NumberFault GroupingFault(char separator) =>
        separator == ',' ? NumberFault.CommaGrouping : NumberFault.UnderscoreGrouping;

    /// <summary>Formats a raw fixed-point value as a minimal decimal ("190.25", "-3", "0.000001").</summary>
    public static string Format(long raw)
    {
        Span<char> buffer = stackalloc char[32];
        int n = Format(raw, buffer);
        return new string(buffer[..n]);
    }

    /// <summary>Formats into a caller's buffer (32 chars is always enough); returns the length.</summary>
    public static int Format(long raw, Span<char> destination)
    {
        // long.MinValue has no positive counterpart; widen to Int128 so every value prints exactly.
        Int128 value = raw;
        int pos = 0;
        if (value < 0)
        {
            destination[pos++] = '-';
            value = -value;
        }
        Int128 whole = value / Scale;
        long fraction = (long)(value % Scale);
        Span<char> digits = stackalloc char[24];
        int dn = 0;
        do
        {
            digits[dn++] = (char)('0' + (int)(whole % 10));
            whole /= 10;
        } while (whole > 0);
        while (dn > 0) destination[pos++] = digits[--dn];
        if (fraction != 0)
        {
            destination[pos++] = '.';
            long divisor = Scale / 10;
            while (fraction != 0)
            {
                destination[pos++] = (char)('0' + (int)(fraction / divisor));
                fraction %= divisor;
                divisor /= 10;
            }
        }
        return pos;
    }
}

/// <summary>
/// Why a text is not a number in the grammar of <see cref="FixedPoint.TryParse(ReadOnlySpan{char}, out long, out NumberFault)"/>;
/// <see cref="FixedPoint.Describe"/> gives the text. Never renumber; add new faults at the end.
/// </summary>
public enum NumberFault : byte
{
    None = 0,
    NoDigits = 1,
    InvalidCharacter = 2,
    NoDigitBeforePoint = 3,
    NoDigitAfterPoint = 4,
    SecondPoint = 5,
    CommaGrouping = 6,
    UnderscoreGrouping = 7,
    MixedSeparators = 8,
    GroupedLeadingZero = 9,
    SeparatorInFraction = 10,
    Fraction = 11,
    Sign = 12,
    TooPrecise = 13,
    TooLarge = 14,
}
