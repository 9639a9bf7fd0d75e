namespace TradeX.Sbe.Runtime;

/// <summary>Checks a whole message (header, block, every group and var data) without throwing.</summary>
/// <returns>True when well formed; <paramref name="length"/> is then the message length including the header.</returns>
public delegate bool SbeValidateFunc(ReadOnlySpan<byte> buffer, out int length, out SbeError error);

/// <summary>Renders a message as the generated <c>ToString()</c> dump.</summary>
public delegate string SbeDescribeFunc(ReadOnlySpan<byte> buffer);

/// <summary>Decodes a message with its generated decoder and re-encodes it with the generated encoder.</summary>
/// <returns>The length written to <paramref name="destination"/>.</returns>
public delegate int SbeTranscodeFunc(ReadOnlySpan<byte> source, Span<byte> destination);

/// <summary>
/// What a generated schema offers to tools and generic tests: identity, messages, and its
/// dispatching validate/describe/transcode entry points. Every generated schema class exposes
/// one as <c>Descriptor</c> and carries <see cref="SbeGeneratedSchemaAttribute"/>, so a tool can
/// find all schemas of an assembly by reflection and drive them without knowing their types.
/// </summary>
public sealed class SbeSchemaDescriptor
{
    /// <summary>Creates a descriptor (generated code calls this once per schema).</summary>
    public SbeSchemaDescriptor(
        string package,
        int id,
        int version,
        bool bigEndian,
        int headerLength,
        IReadOnlyList<SbeMessageDescriptor> messages,
        SbeValidateFunc validate,
        SbeDescribeFunc describe,
        SbeTranscodeFunc transcode)
    {
        Package = package;
        Id = id;
        Version = version;
        BigEndian = bigEndian;
        HeaderLength = headerLength;
        Messages = messages;
        Validate = validate;
        Describe = describe;
        Transcode = transcode;
    }

    /// <summary>The schema's package attribute.</summary>
    public string Package { get; }

    /// <summary>The schema id carried in every message header.</summary>
    public int Id { get; }

    /// <summary>The schema version the codecs were generated for.</summary>
    public int Version { get; }

    /// <summary>True for byteOrder="bigEndian".</summary>
    public bool BigEndian { get; }

    /// <summary>Length of the message header in bytes.</summary>
    public int HeaderLength { get; }

    /// <summary>Every message of the schema.</summary>
    public IReadOnlyList<SbeMessageDescriptor> Messages { get; }

    /// <summary>Validates any message of the schema (dispatch on templateId).</summary>
    public SbeValidateFunc Validate { get; }

    /// <summary>Dumps any message of the schema.</summary>
    public SbeDescribeFunc Describe { get; }

    /// <summary>Transcodes any message of the schema to this schema's version.</summary>
    public SbeTranscodeFunc Transcode { get; }
}

/// <summary>Identity of one generated message.</summary>
public sealed class SbeMessageDescriptor
{
    /// <summary>Creates a descriptor.</summary>
    public SbeMessageDescriptor(string name, int templateId, int blockLength, int sinceVersion)
    {
        Name = name;
        TemplateId = templateId;
        BlockLength = blockLength;
        SinceVersion = sinceVersion;
    }

    /// <summary>The message name in the schema.</summary>
    public string Name { get; }

    /// <summary>The message's template id.</summary>
    public int TemplateId { get; }

    /// <summary>The root block length this schema version encodes.</summary>
    public int BlockLength { get; }

    /// <summary>The schema version that added the message.</summary>
    public int SinceVersion { get; }
}

/// <summary>Marks a generated schema class (it has a static <c>Descriptor</c> property).</summary>
[AttributeUsage(AttributeTargets.Class, AllowMultiple = false, Inherited = false)]
public sealed class SbeGeneratedSchemaAttribute : Attribute
{
}
