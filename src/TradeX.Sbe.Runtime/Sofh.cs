using System.Buffers.Binary;

namespace TradeX.Sbe.Runtime;

/// <summary>
/// The Simple Open Framing Header in front of every message on the wire: a 4-byte message length that
/// counts the header itself, then a 2-byte encoding type, both big-endian (network order) whatever the
/// message's own byte order. TradeX frames carry SBE 1.0 little-endian messages, encoding type 0xEB50: the gateway's order entry and
/// replication between nodes.
/// </summary>
public static class Sofh
{
    public const int HeaderLength = 6;

    /// <summary>The SOFH encoding type of SBE 1.0 little-endian messages.</summary>
    public const ushort SbeLittleEndian = 0xEB50;

    /// <summary>Writes a header announcing a frame of <paramref name="frameLength"/> bytes (header included).</summary>
    public static void Write(Span<byte> destination, int frameLength, ushort encodingType = SbeLittleEndian)
    {
        BinaryPrimitives.WriteUInt32BigEndian(destination, (uint)frameLength);
        BinaryPrimitives.WriteUInt16BigEndian(destination[4..], encodingType);
    }

    /// <summary>Reads a header; false when fewer than <see cref="HeaderLength"/> bytes are available.</summary>
    public static bool TryRead(ReadOnlySpan<byte> source, out uint frameLength, out ushort encodingType)
    {
        if (source.Length < HeaderLength)
        {
            frameLength = 0;
            encodingType = 0;
            return false;
        }
        frameLength = BinaryPrimitives.ReadUInt32BigEndian(source);
        encodingType = BinaryPrimitives.ReadUInt16BigEndian(source[4..]);
        return true;
    }
}
