using System.Collections.Generic;

namespace TradeX.Sbe.Model
{
    /// <summary>An &lt;enum&gt;: one choice among valid values, backed by char or an integer type.</summary>
    public sealed class EnumType : SbeType
    {
        /// <summary>Creates the enum.</summary>
        public EnumType(string name, SourceRef source, EncodedType encoding)
            : base(name, source)
        {
            Encoding = encoding;
        }

        /// <summary>The wire encoding (primitive, null value, optional presence).</summary>
        public EncodedType Encoding { get; }

        /// <summary>The valid values in schema order.</summary>
        public List<EnumValue> Values { get; } = new List<EnumValue>();

        /// <inheritdoc />
        public override int EncodedLength => Primitives.Size(Encoding.Primitive);
    }

    /// <summary>A &lt;validValue&gt;.</summary>
    public sealed class EnumValue
    {
        /// <summary>Creates the value.</summary>
        public EnumValue(string name, ScalarValue value, SourceRef source)
        {
            Name = name;
            Value = value;
            Source = source;
        }

        /// <summary>Schema name.</summary>
        public string Name { get; }

        /// <summary>Wire value.</summary>
        public ScalarValue Value { get; }

        /// <summary>Where it is declared.</summary>
        public SourceRef Source { get; }

        /// <summary>Documentation.</summary>
        public string? Description { get; set; }

        /// <summary>Version that added it.</summary>
        public int SinceVersion { get; set; }

        /// <summary>Version that deprecated it.</summary>
        public int? Deprecated { get; set; }
    }
}
