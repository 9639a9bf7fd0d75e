using System;
using System.Globalization;

namespace TradeX.Sbe.Model
{
    /// <summary>
    /// A literal of a primitive type taken from a schema (a nullValue, minValue, constant or enum
    /// value). Integers are held exactly in a decimal (it spans int64 and uint64); reals in a double.
    /// </summary>
    public sealed class ScalarValue
    {
        private ScalarValue(PrimitiveType type, decimal integer, double real)
        {
            Type = type;
            Integer = integer;
            Real = real;
        }

        /// <summary>The primitive the literal belongs to.</summary>
        public PrimitiveType Type { get; }

        /// <summary>The value for integer and char types.</summary>
        public decimal Integer { get; }

        /// <summary>The value for float and double.</summary>
        public double Real { get; }

        /// <summary>Makes an integer (or char) literal; false when it does not fit the type.</summary>
        public static bool TryInteger(PrimitiveType type, decimal value, out ScalarValue? result)
        {
            result = null;
            if (Primitives.IsReal(type))
            {
                result = new ScalarValue(type, 0, (double)value);
                return true;
            }

            if (value < Primitives.TypeMin(type) || value > Primitives.TypeMax(type) || decimal.Truncate(value) != value)
            {
                return false;
            }

            result = new ScalarValue(type, value, 0);
            return true;
        }

        /// <summary>Makes a real literal.</summary>
        public static ScalarValue FromReal(PrimitiveType type, double value) => new ScalarValue(type, 0, value);

        /// <summary>
        /// Parses schema text for the type: a number, or for char a single character
        /// (a numeric code is accepted too when the text is longer than one character).
        /// </summary>
        public static bool TryParse(PrimitiveType type, string text, out ScalarValue? result)
        {
            result = null;
            if (type == PrimitiveType.Char)
            {
                if (text.Length == 1)
                {
                    return TryInteger(type, text[0], out result);
                }

                string trimmed = text.Trim();
                if (trimmed.Length == 1)
                {
                    return TryInteger(type, trimmed[0], out result);
                }

                return decimal.TryParse(trimmed, NumberStyles.Integer, CultureInfo.InvariantCulture, out decimal code) && TryInteger(type, code, out result);
            }

            string value = text.Trim();
            if (Primitives.IsReal(type))
            {
                if (string.Equals(value, "NaN", StringComparison.OrdinalIgnoreCase))
                {
                    result = FromReal(type, double.NaN);
                    return true;
                }

                if (double.TryParse(value, NumberStyles.Float, CultureInfo.InvariantCulture, out double real))
                {
                    result = FromReal(type, real);
                    return true;
                }

                return false;
            }

            if (value.StartsWith("0x", StringComparison.OrdinalIgnoreCase) &&
                ulong.TryParse(value.Substring(2), NumberStyles.HexNumber, CultureInfo.InvariantCulture, out ulong hex))
            {
                return TryInteger(type, hex, out result);
            }

            return decimal.TryParse(value, NumberStyles.Integer, CultureInfo.InvariantCulture, out decimal integer) && TryInteger(type, integer, out result);
        }

        /// <summary>The literal as C# source of the type's C# spelling (e.g. <c>(byte)255</c>, <c>long.MinValue</c>).</summary>
        public string ToCSharp()
        {
            switch (Type)
            {
                case PrimitiveType.Float:
                    return RealLiteral((float)Real, "float", "f");
                case PrimitiveType.Double:
                    return RealLiteral(Real, "double", "d");
                case PrimitiveType.Int64:
                    return Integer == long.MinValue ? "long.MinValue" : Integer.ToString(CultureInfo.InvariantCulture) + "L";
                case PrimitiveType.UInt64:
                    return Integer.ToString(CultureInfo.InvariantCulture) + "UL";
                case PrimitiveType.Int32:
                    return Integer == int.MinValue ? "int.MinValue" : Integer.ToString(CultureInfo.InvariantCulture);
                case PrimitiveType.UInt32:
                    return Integer.ToString(CultureInfo.InvariantCulture) + "U";
                default:
                    return "(" + Primitives.CSharpType(Type) + ")(" + Integer.ToString(CultureInfo.InvariantCulture) + ")";
            }
        }

        /// <summary>The literal in schema/dump notation (plain decimal, real round-trip form).</summary>
        public override string ToString() =>
            Primitives.IsReal(Type) ? Real.ToString("R", CultureInfo.InvariantCulture) : Integer.ToString(CultureInfo.InvariantCulture);

        private static string RealLiteral(double value, string type, string suffix)
        {
            if (double.IsNaN(value))
            {
                return type + ".NaN";
            }

            if (double.IsPositiveInfinity(value))
            {
                return type + ".PositiveInfinity";
            }

            if (double.IsNegativeInfinity(value))
            {
                return type + ".NegativeInfinity";
            }

            string text = suffix == "f"
                ? ((float)value).ToString("R", CultureInfo.InvariantCulture)
                : value.ToString("R", CultureInfo.InvariantCulture);
            return text + suffix;
        }
    }
}
