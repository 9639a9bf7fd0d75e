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

        /// <summary>
        /// tx:baseVersion (engine binding): records of a message are written with the header version
        /// max(this, the newest sinceVersion of the message and its fields) instead of the schema version, so
        /// an input whose message did not change keeps byte-identical records when the schema grows.
        /// </summary>
        public int? BaseVersion { get; set; }

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
