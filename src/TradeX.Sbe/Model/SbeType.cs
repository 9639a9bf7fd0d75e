namespace TradeX.Sbe.Model
{
    /// <summary>An encoding from the schema's &lt;types&gt;: simple type, composite, enum or set.</summary>
    public abstract class SbeType
    {
        /// <summary>Creates the type.</summary>
        protected SbeType(string name, SourceRef source)
        {
            Name = name;
            Source = source;
        }

        /// <summary>The schema name.</summary>
        public string Name { get; }

        /// <summary>Where it is declared.</summary>
        public SourceRef Source { get; }

        /// <summary>Documentation from the schema.</summary>
        public string? Description { get; set; }

        /// <summary>Schema version that added it.</summary>
        public int SinceVersion { get; set; }

        /// <summary>Schema version that deprecated it, if any.</summary>
        public int? Deprecated { get; set; }

        /// <summary>The FIX semantic type, if given.</summary>
        public string? SemanticType { get; set; }

        /// <summary>Attributes of the engine-binding namespace (tx:ref), by local name; SBE itself ignores them.</summary>
        public System.Collections.Generic.IReadOnlyDictionary<string, string> Binding { get; set; } = new System.Collections.Generic.Dictionary<string, string>();

        /// <summary>Bytes on the wire (0 for constants).</summary>
        public abstract int EncodedLength { get; }
    }
}
