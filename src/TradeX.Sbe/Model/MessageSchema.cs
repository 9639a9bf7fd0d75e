using System.Collections.Generic;

namespace TradeX.Sbe.Model
{
    /// <summary>A parsed, resolved and laid-out &lt;messageSchema&gt;.</summary>
    public sealed class MessageSchema
    {
        /// <summary>Creates the schema.</summary>
        public MessageSchema(string filePath)
        {
            FilePath = filePath;
        }

        /// <summary>The schema file.</summary>
        public string FilePath { get; }

        /// <summary>package attribute.</summary>
        public string Package { get; set; } = string.Empty;

        /// <summary>Schema id.</summary>
        public int Id { get; set; }

        /// <summary>Schema version.</summary>
        public int Version { get; set; }

        /// <summary>semanticVersion attribute.</summary>
        public string? SemanticVersion { get; set; }

        /// <summary>Attributes of the engine-binding namespace on the root (tx:baseVersion), by local name.</summary>
        public IReadOnlyDictionary<string, string> Binding { get; set; } = new Dictionary<string, string>();

        /// <summary>description attribute.</summary>
        public string? Description { get; set; }

        /// <summary>byteOrder="bigEndian".</summary>
        public bool BigEndian { get; set; }

        /// <summary>The message header composite.</summary>
        public CompositeType? Header { get; set; }

        /// <summary>Every named encoding: simple types, composites, enums and sets (including ones nested in composites).</summary>
        public Dictionary<string, SbeType> Types { get; } = new Dictionary<string, SbeType>();

        /// <summary>Types in declaration order (for deterministic output).</summary>
        public List<SbeType> TypeOrder { get; } = new List<SbeType>();

        /// <summary>Messages in schema order.</summary>
        public List<MessageDef> Messages { get; } = new List<MessageDef>();
    }
}
