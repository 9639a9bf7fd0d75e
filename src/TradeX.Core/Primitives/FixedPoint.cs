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

    /// <summary>Parses a decimal text such as "190.25" or "-0.000001" exactly, without floating point.</summary>
    public static bool TryParse(ReadOnlySpan<char> text, out long raw)
    {
        raw = 0;
        text = text.Trim();
        if (text.IsEmpty) return false;
        bool negative = false;
        int i = 0;
        if (text[0] == '-' || text[0] == '+')
        {
            negative = text[0] == '-';
            i = 1;
        }
        long whole = 0;
        long fraction = 0;
        int fractionDigits = 0;
        bool seenDigit = false, seenPoint = false;
        for (; i < text.Length; i++)
        {
            char c = text[i];
            if (c == '_' || c == ',') continue;
            if (c == '.')
            {
                if (seenPoint) return false;
                seenPoint = true;
                continue;
            }
            if (c < '0' || c > '9') return false;
            seenDigit = true;
            int d = c - '0';
            if (!seenPoint)
            {
                if (whole > (long.MaxValue / Scale - d) / 10) return false;
                whole = whole * 10 + d;
            }
            else
            {
                if (fractionDigits == Decimals)
                {
                    if (d != 0) return false; // more precision than the scale holds: refuse, never round
                    continue;
                }
                fraction = fraction * 10 + d;
                fractionDigits++;
            }
        }
        if (!seenDigit) return false;
        for (int k = fractionDigits; k < Decimals; k++) fraction *= 10;
        raw = whole * Scale + fraction;
        if (negative) raw = -raw;
        return true;
    }

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
