namespace TradeX.Sbe.Runtime;

/// <summary>The four standard message header values (SBE 1.0 §3.2), as read by a schema's TryReadHeader.</summary>
public readonly struct SbeMessageHeader
{
    /// <summary>Creates the header.</summary>
    public SbeMessageHeader(int blockLength, int templateId, int schemaId, int version)
    {
        BlockLength = blockLength;
        TemplateId = templateId;
        SchemaId = schemaId;
        Version = version;
    }

    /// <summary>Root block length of the message.</summary>
    public int BlockLength { get; }

    /// <summary>Template id: which message follows.</summary>
    public int TemplateId { get; }

    /// <summary>Schema id.</summary>
    public int SchemaId { get; }

    /// <summary>Schema version the message was encoded with.</summary>
    public int Version { get; }
}
