namespace TradeX.Sbe.Model
{
    /// <summary>The SBE 1.0 primitive types (§2.4, §2.6, §2.7.1).</summary>
    public enum PrimitiveType
    {
        /// <summary>A single US-ASCII character (one byte).</summary>
        Char,
        /// <summary>Signed byte.</summary>
        Int8,
        /// <summary>Unsigned byte.</summary>
        UInt8,
        /// <summary>16-bit signed integer.</summary>
        Int16,
        /// <summary>16-bit unsigned integer.</summary>
        UInt16,
        /// <summary>32-bit signed integer.</summary>
        Int32,
        /// <summary>32-bit unsigned integer.</summary>
        UInt32,
        /// <summary>64-bit signed integer.</summary>
        Int64,
        /// <summary>64-bit unsigned integer.</summary>
        UInt64,
        /// <summary>IEEE 754 binary32.</summary>
        Float,
        /// <summary>IEEE 754 binary64.</summary>
        Double,
    }
}
