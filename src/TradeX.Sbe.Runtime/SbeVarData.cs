namespace TradeX.Sbe.Runtime;

/// <summary>
/// Reads the length prefix of a variable-length data element (SBE 1.0 §2.7.3/§2.8.2) with every
/// bound checked: the prefix, the schema maximum and the data itself must lie inside the buffer.
/// Shared by all generated decoders so the checks exist once.
/// </summary>
public static class SbeVarData
{
    /// <summary>
    /// Reads the length at <paramref name="position"/> and proves the data fits.
    /// </summary>
    /// <param name="buffer">The whole message buffer.</param>
    /// <param name="position">Absolute offset of the length prefix.</param>
    /// <param name="lengthSize">Size of the length prefix in bytes: 1, 2 or 4.</param>
    /// <param name="bigEndian">Byte order of the schema.</param>
    /// <param name="maxLength">Largest length the schema allows.</param>
    /// <param name="element">Schema path, for the error.</param>
    /// <param name="dataOffset">Absolute offset of the first data byte.</param>
    /// <param name="length">Number of data bytes.</param>
    /// <param name="error">Set when false is returned.</param>
    /// <returns>True when the prefix and the data are inside the buffer and within the maximum.</returns>
    public static bool TryRead(
        ReadOnlySpan<byte> buffer,
        int position,
        int lengthSize,
        bool bigEndian,
        uint maxLength,
        string element,
        out int dataOffset,
        out int length,
        out SbeError error)
    {
        dataOffset = 0;
        length = 0;
        if ((uint)position > (uint)buffer.Length || buffer.Length - position < lengthSize)
        {
            error = new SbeError(SbeErrorCode.Truncated, element, position, lengthSize, buffer.Length);
            return false;
        }

        uint raw = lengthSize switch
        {
            1 => SbeLittleEndian.ReadUInt8(buffer, position),
            2 => bigEndian ? SbeBigEndian.ReadUInt16(buffer, position) : SbeLittleEndian.ReadUInt16(buffer, position),
            _ => bigEndian ? SbeBigEndian.ReadUInt32(buffer, position) : SbeLittleEndian.ReadUInt32(buffer, position),
        };
        if (raw > maxLength)
        {
            error = new SbeError(SbeErrorCode.LengthOutOfRange, element, position, raw, maxLength);
            return false;
        }

        int start = position + lengthSize;
        if ((ulong)raw > (ulong)(buffer.Length - start))
        {
            error = new SbeError(SbeErrorCode.Truncated, element, position, lengthSize + (long)raw, buffer.Length);
            return false;
        }

        dataOffset = start;
        length = (int)raw;
        error = default;
        return true;
    }

    /// <summary>Like <see cref="TryRead"/> but throws <see cref="SbeDecodeException"/>; returns the data offset.</summary>
    public static int Read(ReadOnlySpan<byte> buffer, int position, int lengthSize, bool bigEndian, uint maxLength, string element, out int length)
    {
        if (!TryRead(buffer, position, lengthSize, bigEndian, maxLength, element, out int dataOffset, out length, out SbeError error))
        {
            SbeThrow.Decode(error);
        }

        return dataOffset;
    }

    /// <summary>
    /// Writes a length prefix and the data at <paramref name="position"/>, checking capacity and
    /// the schema maximum first. Returns the position after the data.
    /// </summary>
    public static int Write(Span<byte> buffer, int position, int lengthSize, bool bigEndian, uint maxLength, string element, ReadOnlySpan<byte> data)
    {
        if ((uint)data.Length > maxLength)
        {
            SbeThrow.Encode(SbeErrorCode.ValueOutOfRange, element, position, data.Length, maxLength);
        }

        long needed = (long)lengthSize + data.Length;
        if ((uint)position > (uint)buffer.Length || buffer.Length - position < needed)
        {
            SbeThrow.BufferTooSmall(element, position, needed, buffer.Length);
        }

        WriteLength(buffer, position, lengthSize, bigEndian, (uint)data.Length);
        data.CopyTo(buffer.Slice(position + lengthSize));
        return position + (int)needed;
    }

    /// <summary>
    /// Encodes <paramref name="text"/> with <paramref name="encoding"/> straight into the buffer after
    /// a length prefix, without an intermediate array. Returns the position after the data.
    /// </summary>
    public static int WriteText(Span<byte> buffer, int position, int lengthSize, bool bigEndian, uint maxLength, string element, ReadOnlySpan<char> text, System.Text.Encoding encoding)
    {
        int byteCount = encoding.GetByteCount(text);
        if ((uint)byteCount > maxLength)
        {
            SbeThrow.Encode(SbeErrorCode.ValueOutOfRange, element, position, byteCount, maxLength);
        }

        long needed = (long)lengthSize + byteCount;
        if ((uint)position > (uint)buffer.Length || buffer.Length - position < needed)
        {
            SbeThrow.BufferTooSmall(element, position, needed, buffer.Length);
        }

        WriteLength(buffer, position, lengthSize, bigEndian, (uint)byteCount);
        encoding.GetBytes(text, buffer.Slice(position + lengthSize, byteCount));
        return position + (int)needed;
    }

    private static void WriteLength(Span<byte> buffer, int position, int lengthSize, bool bigEndian, uint length)
    {
        switch (lengthSize)
        {
            case 1:
                SbeLittleEndian.WriteUInt8(buffer, position, (byte)length);
                break;
            case 2:
                if (bigEndian)
                {
                    SbeBigEndian.WriteUInt16(buffer, position, (ushort)length);
                }
                else
                {
                    SbeLittleEndian.WriteUInt16(buffer, position, (ushort)length);
                }

                break;
            default:
                if (bigEndian)
                {
                    SbeBigEndian.WriteUInt32(buffer, position, length);
                }
                else
                {
                    SbeLittleEndian.WriteUInt32(buffer, position, length);
                }

                break;
        }
    }
}
