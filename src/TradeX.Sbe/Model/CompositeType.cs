using System.Collections.Generic;

namespace TradeX.Sbe.Model
{
    /// <summary>
    /// A &lt;composite&gt;: fixed-size elements at fixed offsets (simple types, enums, sets, nested
    /// composites and &lt;ref&gt;s). Also the shape of message headers, group dimensions and var data.
    /// </summary>
    public sealed class CompositeType : SbeType
    {
        /// <summary>Creates the composite.</summary>
        public CompositeType(string name, SourceRef source)
            : base(name, source)
        {
        }

        /// <summary>Members in schema order with resolved offsets.</summary>
        public List<CompositeMember> Members { get; } = new List<CompositeMember>();

        /// <summary>Computed size: the end of the last non-constant member.</summary>
        public int Length { get; set; }

        /// <inheritdoc />
        public override int EncodedLength => Length;

        /// <summary>The member with the name, or null.</summary>
        public CompositeMember? Find(string name)
        {
            foreach (CompositeMember member in Members)
            {
                if (member.Name == name)
                {
                    return member;
                }
            }

            return null;
        }
    }

    /// <summary>One element of a composite.</summary>
    public sealed class CompositeMember
    {
        /// <summary>Creates the member.</summary>
        public CompositeMember(string name, SbeType type, SourceRef source)
        {
            Name = name;
            Type = type;
            Source = source;
        }

        /// <summary>Member name (the &lt;ref&gt; or inline element name).</summary>
        public string Name { get; }

        /// <summary>The member's encoding.</summary>
        public SbeType Type { get; }

        /// <summary>Where it is declared.</summary>
        public SourceRef Source { get; }

        /// <summary>Offset inside the composite.</summary>
        public int Offset { get; set; }

        /// <summary>Explicit offset attribute, if given.</summary>
        public int? ExplicitOffset { get; set; }

        /// <summary>Version that added it (documentation: composites cannot be extended compatibly).</summary>
        public int SinceVersion { get; set; }

        /// <summary>Version that deprecated it.</summary>
        public int? Deprecated { get; set; }

        /// <summary>True when the member takes no wire space (a constant simple type).</summary>
        public bool IsConstant => Type is EncodedType encoded && encoded.Presence == Presence.Constant;
    }
}
