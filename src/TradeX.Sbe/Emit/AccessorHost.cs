namespace TradeX.Sbe.Emit
{
    /// <summary>
    /// Where fixed-position accessors read or write: the span expression, the base offset expression,
    /// the acting-version expression (null where versions do not apply, i.e. composites), and for
    /// composite encoders the type whose fluent setters return it.
    /// </summary>
    internal sealed class AccessorHost
    {
        public AccessorHost(string buffer, string baseOffset, string? version, string? fluentType)
        {
            Buffer = buffer;
            Base = baseOffset;
            Version = version;
            FluentType = fluentType;
        }

        public string Buffer { get; }

        public string Base { get; }

        public string? Version { get; }

        /// <summary>Non-null for composite encoders: setters are methods returning this type.</summary>
        public string? FluentType { get; }

        public string At(int offset) => offset == 0 ? Base : $"{Base} + {offset}";
    }
}
