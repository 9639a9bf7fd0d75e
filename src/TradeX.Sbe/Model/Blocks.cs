using System.Collections.Generic;

namespace TradeX.Sbe.Model
{
    /// <summary>
    /// What messages and repeating-group entries have in common (SBE 1.0 §3.5): a fixed block of
    /// fields, then nested groups, then variable-length data, each in schema order.
    /// </summary>
    public abstract class BlockDef
    {
        /// <summary>Creates the block.</summary>
        protected BlockDef(string name, int id, SourceRef source)
        {
            Name = name;
            Id = id;
            Source = source;
        }

        /// <summary>Schema name.</summary>
        public string Name { get; }

        /// <summary>Template id (messages) or group id.</summary>
        public int Id { get; }

        /// <summary>Where it is declared.</summary>
        public SourceRef Source { get; }

        /// <summary>Documentation.</summary>
        public string? Description { get; set; }

        /// <summary>Version that added it.</summary>
        public int SinceVersion { get; set; }

        /// <summary>Version that deprecated it.</summary>
        public int? Deprecated { get; set; }

        /// <summary>semanticType attribute.</summary>
        public string? SemanticType { get; set; }

        /// <summary>blockLength attribute, if given.</summary>
        public int? ExplicitBlockLength { get; set; }

        /// <summary>The block length this schema encodes (explicit or the end of the last field).</summary>
        public int BlockLength { get; set; }

        /// <summary>Fixed-length fields.</summary>
        public List<FieldDef> Fields { get; } = new List<FieldDef>();

        /// <summary>Repeating groups.</summary>
        public List<GroupDef> Groups { get; } = new List<GroupDef>();

        /// <summary>Variable-length data.</summary>
        public List<DataDef> Data { get; } = new List<DataDef>();

        /// <summary>Path used in error messages and dumps: Message.group.group.</summary>
        public string Path { get; set; } = string.Empty;

        /// <summary>Number of groups plus data: the elements after the fixed block.</summary>
        public int ElementCount => Groups.Count + Data.Count;
    }

    /// <summary>A &lt;message&gt;.</summary>
    public sealed class MessageDef : BlockDef
    {
        /// <summary>Creates the message.</summary>
        public MessageDef(string name, int id, SourceRef source)
            : base(name, id, source)
        {
        }

        /// <summary>Attributes of the engine-binding namespace (tx:show), by local name; SBE itself ignores them.</summary>
        public IReadOnlyDictionary<string, string> Binding { get; set; } = new Dictionary<string, string>();

        /// <summary>Deepest group nesting (0 when the message has no groups).</summary>
        public int MaxDepth { get; set; }
    }

    /// <summary>A &lt;group&gt;.</summary>
    public sealed class GroupDef : BlockDef
    {
        /// <summary>Creates the group.</summary>
        public GroupDef(string name, int id, SourceRef source, CompositeType dimension)
            : base(name, id, source)
        {
            Dimension = dimension;
        }

        /// <summary>The dimension composite (groupSizeEncoding by default).</summary>
        public CompositeType Dimension { get; }

        /// <summary>Nesting depth: 1 for groups at the message root.</summary>
        public int Depth { get; set; }

        /// <summary>Index among the parent's elements (groups then data).</summary>
        public int ElementIndex { get; set; }

        /// <summary>The enclosing group, or null at the message root.</summary>
        public GroupDef? Parent { get; set; }

        /// <summary>Smallest numInGroup allowed.</summary>
        public long MinCount { get; set; }

        /// <summary>Largest numInGroup allowed.</summary>
        public long MaxCount { get; set; }
    }

    /// <summary>A &lt;field&gt;.</summary>
    public sealed class FieldDef
    {
        /// <summary>Creates the field.</summary>
        public FieldDef(string name, int id, SbeType type, SourceRef source)
        {
            Name = name;
            Id = id;
            Type = type;
            Source = source;
        }

        /// <summary>Schema name.</summary>
        public string Name { get; }

        /// <summary>Field id (FIX tag).</summary>
        public int Id { get; }

        /// <summary>The encoding.</summary>
        public SbeType Type { get; }

        /// <summary>Where it is declared.</summary>
        public SourceRef Source { get; }

        /// <summary>Effective presence (field attribute, else the encoding's).</summary>
        public Presence Presence { get; set; }

        /// <summary>Offset in the block.</summary>
        public int Offset { get; set; }

        /// <summary>Explicit offset attribute.</summary>
        public int? ExplicitOffset { get; set; }

        /// <summary>Version that added it.</summary>
        public int SinceVersion { get; set; }

        /// <summary>Version that deprecated it.</summary>
        public int? Deprecated { get; set; }

        /// <summary>Documentation.</summary>
        public string? Description { get; set; }

        /// <summary>semanticType.</summary>
        public string? SemanticType { get; set; }

        /// <summary>For constant fields given by valueRef: the enum value.</summary>
        public EnumValue? ConstantEnumValue { get; set; }

        /// <summary>For constant fields given by valueRef: the enum.</summary>
        public EnumType? ConstantEnum { get; set; }

        /// <summary>Bytes on the wire (0 for constants).</summary>
        public int EncodedLength => Presence == Presence.Constant ? 0 : Type.EncodedLength;

        /// <summary>Attributes of the engine-binding namespace (tx:member), by local name; SBE itself ignores them.</summary>
        public IReadOnlyDictionary<string, string> Binding { get; set; } = new Dictionary<string, string>();
    }

    /// <summary>A &lt;data&gt; element: length-prefixed variable-length data.</summary>
    public sealed class DataDef
    {
        /// <summary>Creates the element.</summary>
        public DataDef(string name, int id, CompositeType type, SourceRef source)
        {
            Name = name;
            Id = id;
            Type = type;
            Source = source;
        }

        /// <summary>Schema name.</summary>
        public string Name { get; }

        /// <summary>Field id.</summary>
        public int Id { get; }

        /// <summary>The length + varData composite.</summary>
        public CompositeType Type { get; }

        /// <summary>Where it is declared.</summary>
        public SourceRef Source { get; }

        /// <summary>Documentation.</summary>
        public string? Description { get; set; }

        /// <summary>Version that added it.</summary>
        public int SinceVersion { get; set; }

        /// <summary>Version that deprecated it.</summary>
        public int? Deprecated { get; set; }

        /// <summary>Index among the block's elements (groups then data).</summary>
        public int ElementIndex { get; set; }

        /// <summary>Size of the length prefix: 1, 2 or 4.</summary>
        public int LengthSize { get; set; }

        /// <summary>Largest length allowed.</summary>
        public long MaxLength { get; set; }

        /// <summary>The character encoding, or null for raw bytes.</summary>
        public string? CharacterEncoding { get; set; }

        /// <summary>True when the data is text.</summary>
        public bool IsText { get; set; }
    }
}
