namespace TradeX.Sbe.Runtime;

/// <summary>
/// Why a buffer could not be decoded (or a message encoded): a stable <see cref="Code"/>, the schema
/// path of the element (for example <c>MassQuote.quoteEntries</c>), and the absolute buffer offset at
/// which it starts. The non-throwing decode APIs (<c>TryWrap</c>, <c>TryValidate</c>) return it; the
/// throwing ones carry it in <see cref="SbeDecodeException"/> (decoding) or
/// <see cref="SbeEncodeException"/> (encoding). Creating one never allocates: element paths are
/// string literals of the generated code.
/// </summary>
public readonly struct SbeError : IEquatable<SbeError>
{
    /// <summary>Creates an error.</summary>
    /// <param name="code">The reason.</param>
    /// <param name="element">Schema path of the element, e.g. <c>Car.fuelFigures.usageDescription</c>.</param>
    /// <param name="offset">Absolute offset in the buffer where the element starts.</param>
    /// <param name="value">The offending wire value or byte count (see <see cref="ToString"/>).</param>
    /// <param name="limit">The bound it broke (buffer length, expected id, maximum, required length).</param>
    public SbeError(SbeErrorCode code, string element, int offset, long value, long limit)
    {
        Code = code;
        Element = element;
        Offset = offset;
        Value = value;
        Limit = limit;
    }

    /// <summary>The reason; <see cref="SbeErrorCode.None"/> for "no error".</summary>
    public SbeErrorCode Code { get; }

    /// <summary>Schema path of the element.</summary>
    public string Element { get; }

    /// <summary>Absolute offset in the buffer at which the element starts.</summary>
    public int Offset { get; }

    /// <summary>The offending value: bytes needed, wire id, length, count or block length.</summary>
    public long Value { get; }

    /// <summary>The bound that was broken: buffer length, expected id, maximum or required length.</summary>
    public long Limit { get; }

    /// <summary>True when this describes a failure.</summary>
    public bool IsError => Code != SbeErrorCode.None;

    /// <inheritdoc />
    public bool Equals(SbeError other) =>
        Code == other.Code && Element == other.Element && Offset == other.Offset && Value == other.Value && Limit == other.Limit;

    /// <inheritdoc />
    public override bool Equals(object? obj) => obj is SbeError other && Equals(other);

    /// <inheritdoc />
    public override int GetHashCode() => HashCode.Combine(Code, Element, Offset, Value, Limit);

    /// <summary>A one-line explanation naming the element and the offset.</summary>
    public override string ToString() => Code switch
    {
        SbeErrorCode.None => "no error",
        SbeErrorCode.Truncated => $"{Element} at offset {Offset}: needs {Value} byte(s) but the buffer ends at {Limit} ({Code})",
        SbeErrorCode.WrongSchemaId => $"{Element} at offset {Offset}: schemaId {Value}, expected {Limit} ({Code})",
        SbeErrorCode.WrongTemplateId => $"{Element} at offset {Offset}: templateId {Value}, expected {Limit} ({Code})",
        SbeErrorCode.BlockLengthTooSmall => $"{Element} at offset {Offset}: blockLength {Value} is shorter than the {Limit} byte(s) its version requires ({Code})",
        SbeErrorCode.LengthOutOfRange => $"{Element} at offset {Offset}: length {Value} exceeds the maximum {Limit} ({Code})",
        SbeErrorCode.CountOutOfRange => $"{Element} at offset {Offset}: count {Value} is outside the schema's range (limit {Limit}) ({Code})",
        SbeErrorCode.UnknownTemplateId => $"{Element} at offset {Offset}: templateId {Value} is not a message of this schema ({Code})",
        SbeErrorCode.BufferTooSmall => $"{Element} at offset {Offset}: needs {Value} byte(s) but the buffer ends at {Limit} ({Code})",
        SbeErrorCode.ValueOutOfRange => $"{Element} at offset {Offset}: value {Value} does not fit (limit {Limit}) ({Code})",
        SbeErrorCode.OutOfOrder => $"{Element} at offset {Offset}: written out of schema order (element {Value} after element {Limit - 1}) ({Code})",
        SbeErrorCode.IncompleteGroup => $"{Element} at offset {Offset}: {Value} declared entr(y/ies) not written ({Code})",
        _ => $"{Element} at offset {Offset}: value {Value}, limit {Limit} ({Code})",
    };

    /// <summary>Equality.</summary>
    public static bool operator ==(SbeError left, SbeError right) => left.Equals(right);

    /// <summary>Inequality.</summary>
    public static bool operator !=(SbeError left, SbeError right) => !left.Equals(right);
}
