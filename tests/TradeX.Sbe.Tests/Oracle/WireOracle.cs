using System.Buffers.Binary;
using TradeX.Sbe.Model;

namespace TradeX.Sbe.Tests.Oracle;

/// <summary>
/// Encodes a <see cref="BlockValue"/> by interpreting the schema model at run time (the same rules
/// as SBE 1.0 §3: header, block at its declared length, groups depth-first after their dimension,
/// var data after its length), with no generated code involved.
/// </summary>
internal static class WireOracle
{
    public static byte[] Encode(MessageSchema schema, MessageDef message, BlockValue value)
    {
        var output = new List<byte>();
        output.AddRange(Dimension(schema, schema.Header!, new Dictionary<string, long>
        {
            ["blockLength"] = message.BlockLength,
            ["templateId"] = message.Id,
            ["schemaId"] = schema.Id,
            ["version"] = schema.Version,
            ["numGroups"] = message.Groups.Count,
            ["numVarDataFields"] = message.Data.Count,
        }));
        WriteBlock(schema, output, value);
        return output.ToArray();
    }

    private static void WriteBlock(MessageSchema schema, List<byte> output, BlockValue value)
    {
        var block = new byte[value.Block.BlockLength];
        foreach ((FieldDef field, byte[] bytes) in value.Fields)
        {
            bytes.CopyTo(block, field.Offset);
        }

        output.AddRange(block);
        foreach (GroupDef group in value.Block.Groups)
        {
            List<BlockValue> entries = value.Groups[group];
            output.AddRange(Dimension(schema, group.Dimension, new Dictionary<string, long>
            {
                ["blockLength"] = group.BlockLength,
                ["numInGroup"] = entries.Count,
                ["numGroups"] = group.Groups.Count,
                ["numVarDataFields"] = group.Data.Count,
            }));
            foreach (BlockValue entry in entries)
            {
                WriteBlock(schema, output, entry);
            }
        }

        foreach (DataDef data in value.Block.Data)
        {
            byte[] bytes = value.Data[data];
            var length = new byte[data.LengthSize];
            WriteUnsigned(length, 0, data.LengthSize, (ulong)bytes.Length, schema.BigEndian);
            output.AddRange(length);
            output.AddRange(bytes);
        }
    }

    /// <summary>A header or dimension composite: named members set, optional members null, the rest zero.</summary>
    private static byte[] Dimension(MessageSchema schema, CompositeType composite, Dictionary<string, long> values)
    {
        var bytes = new byte[composite.Length];
        foreach (CompositeMember member in composite.Members)
        {
            if (member.IsConstant || member.Type is not EncodedType type)
            {
                continue;
            }

            int size = Primitives.Size(type.Primitive);
            if (values.TryGetValue(member.Name, out long value))
            {
                WriteUnsigned(bytes, member.Offset, size, (ulong)value, schema.BigEndian);
            }
            else if (type.Presence == Presence.Optional)
            {
                WriteUnsigned(bytes, member.Offset, size, Bits(type.EffectiveNull), schema.BigEndian);
            }
        }

        return bytes;
    }

    /// <summary>The wire bits of a scalar literal (two's complement integers, IEEE 754 reals).</summary>
    public static ulong Bits(ScalarValue value) => value.Type switch
    {
        PrimitiveType.Float => (uint)BitConverter.SingleToInt32Bits((float)value.Real),
        PrimitiveType.Double => (ulong)BitConverter.DoubleToInt64Bits(value.Real),
        _ => value.Integer < 0 ? unchecked((ulong)(long)value.Integer) : (ulong)value.Integer,
    };

    public static void WriteUnsigned(byte[] target, int offset, int size, ulong value, bool bigEndian)
    {
        for (int i = 0; i < size; i++)
        {
            int shift = 8 * (bigEndian ? size - 1 - i : i);
            target[offset + i] = (byte)(value >> shift);
        }
    }

    public static ulong ReadUnsigned(ReadOnlySpan<byte> source, int size, bool bigEndian) => size switch
    {
        1 => source[0],
        2 => bigEndian ? BinaryPrimitives.ReadUInt16BigEndian(source) : BinaryPrimitives.ReadUInt16LittleEndian(source),
        4 => bigEndian ? BinaryPrimitives.ReadUInt32BigEndian(source) : BinaryPrimitives.ReadUInt32LittleEndian(source),
        _ => bigEndian ? BinaryPrimitives.ReadUInt64BigEndian(source) : BinaryPrimitives.ReadUInt64LittleEndian(source),
    };
}
