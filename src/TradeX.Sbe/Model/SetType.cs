using System.Collections.Generic;

namespace TradeX.Sbe.Model
{
    /// <summary>A &lt;set&gt;: a bit set of non-exclusive choices over an unsigned integer (SBE 1.0 §2.13).</summary>
    public sealed class SetType : SbeType
    {
        /// <summary>Creates the set.</summary>
        public SetType(string name, SourceRef source, EncodedType encoding)
            : base(name, source)
        {
            Encoding = encoding;
        }

        /// <summary>The wire encoding.</summary>
        public EncodedType Encoding { get; }

        /// <summary>Choices in schema order.</summary>
        public List<SetChoice> Choices { get; } = new List<SetChoice>();

        /// <inheritdoc />
        public override int EncodedLength => Primitives.Size(Encoding.Primitive);
    }

    /// <summary>A &lt;choice&gt;: a named bit position (0 = least significant).</summary>
    public sealed class SetChoice
    {
        /// <summary>Creates the choice.</summary>
        public SetChoice(string name, int bit, SourceRef source)
        {
            Name = name;
            Bit = bit;
            Source = source;
        }

        /// <summary>Schema name.</summary>
        public string Name { get; }

        /// <summary>Bit position.</summary>
        public int Bit { get; }

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
