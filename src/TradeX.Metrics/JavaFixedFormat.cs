using System.Globalization;
using System.Text;

namespace TradeX.Metrics;

/// <summary>
/// Formats a double with a fixed number of decimals exactly as Java's <c>String.format("%W.Df")</c>
/// does, because HdrHistogram's text outputs are defined by Java's formatter and tools diff them.
/// Java rounds the shortest decimal representation of the double half-up (so 1.005 prints as 1.01),
/// whereas .NET rounds the exact binary value (1.00); we take the shortest representation from .NET's
/// round-trip formatting and round it half-up ourselves.
/// </summary>
internal static class JavaFixedFormat
{
    public static string Format(double value, int decimals, int width = 0)
    {
        string text = Format(value, decimals);
        return text.Length >= width ? text : text.PadLeft(width);
    }

    public static string Format(double value, int decimals)
    {
        if (double.IsNaN(value))
        {
            return "NaN";
        }
        if (double.IsInfinity(value))
        {
            return value > 0 ? "Infinity" : "-Infinity";
        }
        bool negative = value < 0 || (value == 0 && double.IsNegative(value));
        // Shortest round-trip digits, e.g. "1.005", "1E-05", "1.2345E+20".
        string shortest = Math.Abs(value).ToString("R", CultureInfo.InvariantCulture);
        int exponent = 0;
        int e = shortest.IndexOfAny(['E', 'e']);
        if (e >= 0)
        {
            exponent = int.Parse(shortest.AsSpan(e + 1), NumberStyles.AllowLeadingSign, CultureInfo.InvariantCulture);
            shortest = shortest[..e];
        }
        int point = shortest.IndexOf('.', StringComparison.Ordinal);
        string digits = point < 0 ? shortest : shortest.Remove(point, 1);
        int integerDigits = (point < 0 ? shortest.Length : point) + exponent;

        // Place the digits on a grid: integerDigits before the point (may be <= 0), then round at `decimals`.
        var grid = new StringBuilder();
        if (integerDigits <= 0)
        {
            grid.Append('0', 1 - integerDigits);
            integerDigits = 1;
        }
        grid.Append(digits);
        int wanted = integerDigits + decimals;
        if (grid.Length < wanted)
        {
            grid.Append('0', wanted - grid.Length);
        }
        bool roundUp = grid.Length > wanted && grid[wanted] >= '5';
        grid.Length = wanted;
        if (roundUp)
        {
            int i = wanted - 1;
            while (i >= 0 && grid[i] == '9')
            {
                grid[i] = '0';
                i--;
            }
            if (i >= 0)
            {
                grid[i]++;
            }
            else
            {
                grid.Insert(0, '1');
                integerDigits++;
            }
        }
        string integerPart = grid.ToString(0, integerDigits).TrimStart('0');
        if (integerPart.Length == 0)
        {
            integerPart = "0";
        }
        string result = decimals > 0 ? integerPart + "." + grid.ToString(integerDigits, decimals) : integerPart;
        return negative ? "-" + result : result;
    }
}
