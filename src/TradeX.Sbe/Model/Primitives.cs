using System.Collections.Generic;

namespace TradeX.Sbe.Model
{
    /// <summary>
    /// Sizes, C# spellings and the default ranges of SBE primitives. The ranges are the tables of
    /// SBE 1.0 §2.4.3 (integers), §2.6.2 (floats: NaN is null) and §2.7.1 (char: 0x20..0x7e, null 0).
    /// </summary>
    public static class Primitives
    {
        private static readonly Dictionary<string, PrimitiveType> ByName = new Dictionary<string, PrimitiveType>
        {
            ["char"] = PrimitiveType.Char,
            ["int8"] = PrimitiveType.Int8,
            ["uint8"] = PrimitiveType.UInt8,
            ["int16"] = PrimitiveType.Int16,
            ["uint16"] = PrimitiveType.UInt16,
            ["int32"] = PrimitiveType.Int32,
            ["uint32"] = PrimitiveType.UInt32,
            ["int64"] = PrimitiveType.Int64,
            ["uint64"] = PrimitiveType.UInt64,
            ["float"] = PrimitiveType.Float,
            ["double"] = PrimitiveType.Double,
        };

        /// <summary>Parses a schema primitiveType name.</summary>
        public static bool TryParse(string? name, out PrimitiveType type)
        {
            type = PrimitiveType.UInt8;
            return name != null && ByName.TryGetValue(name, out type);
        }

        /// <summary>The schema spelling of a primitive.</summary>
        public static string SchemaName(PrimitiveType type)
        {
            foreach (KeyValuePair<string, PrimitiveType> pair in ByName)
            {
                if (pair.Value == type)
                {
                    return pair.Key;
                }
            }

            return type.ToString();
        }

        /// <summary>Encoded size in bytes.</summary>
        public static int Size(PrimitiveType type)
        {
            switch (type)
            {
                case PrimitiveType.Char:
                case PrimitiveType.Int8:
                case PrimitiveType.UInt8:
                    return 1;
                case PrimitiveType.Int16:
                case PrimitiveType.UInt16:
                    return 2;
                case PrimitiveType.Int32:
                case PrimitiveType.UInt32:
                case PrimitiveType.Float:
                    return 4;
                default:
                    return 8;
            }
        }

        /// <summary>The C# type used for the primitive (char is a byte: SBE chars are octets).</summary>
        public static string CSharpType(PrimitiveType type)
        {
            switch (type)
            {
                case PrimitiveType.Char: return "byte";
                case PrimitiveType.Int8: return "sbyte";
                case PrimitiveType.UInt8: return "byte";
                case PrimitiveType.Int16: return "short";
                case PrimitiveType.UInt16: return "ushort";
                case PrimitiveType.Int32: return "int";
                case PrimitiveType.UInt32: return "uint";
                case PrimitiveType.Int64: return "long";
                case PrimitiveType.UInt64: return "ulong";
                case PrimitiveType.Float: return "float";
                default: return "double";
            }
        }

        /// <summary>The suffix of the runtime Read/Write helper (ReadInt64, WriteUInt8...).</summary>
        public static string AccessorSuffix(PrimitiveType type)
        {
            switch (type)
            {
                case PrimitiveType.Char: return "UInt8";
                case PrimitiveType.Int8: return "Int8";
                case PrimitiveType.UInt8: return "UInt8";
                case PrimitiveType.Int16: return "Int16";
                case PrimitiveType.UInt16: return "UInt16";
                case PrimitiveType.Int32: return "Int32";
                case PrimitiveType.UInt32: return "UInt32";
                case PrimitiveType.Int64: return "Int64";
                case PrimitiveType.UInt64: return "UInt64";
                case PrimitiveType.Float: return "Float";
                default: return "Double";
            }
        }

        /// <summary>True for float and double.</summary>
        public static bool IsReal(PrimitiveType type) => type == PrimitiveType.Float || type == PrimitiveType.Double;

        /// <summary>True for the unsigned integer types and char.</summary>
        public static bool IsUnsigned(PrimitiveType type) =>
            type == PrimitiveType.Char || type == PrimitiveType.UInt8 || type == PrimitiveType.UInt16 ||
            type == PrimitiveType.UInt32 || type == PrimitiveType.UInt64;

        /// <summary>Smallest value the type can hold at all (not the SBE minValue).</summary>
        public static decimal TypeMin(PrimitiveType type)
        {
            switch (type)
            {
                case PrimitiveType.Int8: return sbyte.MinValue;
                case PrimitiveType.Int16: return short.MinValue;
                case PrimitiveType.Int32: return int.MinValue;
                case PrimitiveType.Int64: return long.MinValue;
                default: return 0;
            }
        }

        /// <summary>Largest value the type can hold at all (not the SBE maxValue).</summary>
        public static decimal TypeMax(PrimitiveType type)
        {
            switch (type)
            {
                case PrimitiveType.Char: return byte.MaxValue;
                case PrimitiveType.Int8: return sbyte.MaxValue;
                case PrimitiveType.UInt8: return byte.MaxValue;
                case PrimitiveType.Int16: return short.MaxValue;
                case PrimitiveType.UInt16: return ushort.MaxValue;
                case PrimitiveType.Int32: return int.MaxValue;
                case PrimitiveType.UInt32: return uint.MaxValue;
                case PrimitiveType.Int64: return long.MaxValue;
                default: return ulong.MaxValue;
            }
        }

        /// <summary>The default null value of an integer or char type (§2.4.3, §2.7.1).</summary>
        public static decimal DefaultNull(PrimitiveType type)
        {
            switch (type)
            {
                case PrimitiveType.Char: return 0;
                case PrimitiveType.Int8:
                case PrimitiveType.Int16:
                case PrimitiveType.Int32:
                case PrimitiveType.Int64:
                    return TypeMin(type);
                default:
                    return TypeMax(type);
            }
        }

        /// <summary>The default (SBE) maxValue of an integer or char type.</summary>
        public static decimal DefaultMax(PrimitiveType type)
        {
            switch (type)
            {
                case PrimitiveType.Char: return 0x7e;
                case PrimitiveType.Int8:
                case PrimitiveType.Int16:
                case PrimitiveType.Int32:
                case PrimitiveType.Int64:
                    return TypeMax(type);
                default:
                    return TypeMax(type) - 1;
            }
        }
    }
}
