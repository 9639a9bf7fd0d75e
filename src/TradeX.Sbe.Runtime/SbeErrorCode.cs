namespace TradeX.Sbe.Runtime;

/// <summary>
/// Stable numeric reasons for a decode or encode failure. The numbers never change meaning:
/// gateways put them in rejects and tests assert on them.
/// </summary>
public enum SbeErrorCode : ushort
{
    /// <summary>No error.</summary>
    None = 0,

    /// <summary>The buffer ends before the element (header, block, group entry, length or data).</summary>
    Truncated = 1,

    /// <summary>The header's schemaId is not the schema the decoder was generated from.</summary>
    WrongSchemaId = 2,

    /// <summary>The header's templateId is not the message the decoder was asked to read.</summary>
    WrongTemplateId = 3,

    /// <summary>A wire blockLength is shorter than the fields its version says are present.</summary>
    BlockLengthTooSmall = 4,

    /// <summary>A variable-length data length is above the schema's maximum.</summary>
    LengthOutOfRange = 5,

    /// <summary>A repeating group's numInGroup is outside the schema's range.</summary>
    CountOutOfRange = 6,

    /// <summary>The header's templateId names no message of the schema.</summary>
    UnknownTemplateId = 7,

    /// <summary>Encoding: the destination buffer has no room for the element.</summary>
    BufferTooSmall = 20,

    /// <summary>Encoding: a value does not fit its wire type (too long, or an enum's Unknown).</summary>
    ValueOutOfRange = 21,

    /// <summary>Encoding: a group or var data element was written after a later one.</summary>
    OutOfOrder = 22,

    /// <summary>Encoding: a group was closed with fewer entries than its declared count, or given too many.</summary>
    IncompleteGroup = 23,
}
