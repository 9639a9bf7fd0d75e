using FsCheck;
using FsCheck.Fluent;
using TradeX.Sbe.Model;

namespace TradeX.Sbe.Tests.Oracle;

/// <summary>
/// FsCheck generators of random messages for any message of any schema, built from the schema
/// model: random wire bytes for every field (often a valid enum value, the null value of optional
/// fields, printable text in char arrays), 0-3 entries per group, random var data within the
/// schema's maximum. Padding stays zero, as every conforming encoder writes it.
/// </summary>
internal static class ValueGenerators
{
    private static readonly Gen<byte> AnyByte = Gen.Choose(0, 255).Select(i => (byte)i);
    private static readonly Gen<byte> Printable = Gen.Choose(0x20, 0x7e).Select(i => (byte)i);

    public static Gen<BlockValue> Message(MessageSchema schema, MessageDef message) => Block(schema, message, 0);

    private static Gen<BlockValue> Block(MessageSchema schema, BlockDef block, int depth)
    {
        var parts = new List<Gen<Action<BlockValue>>>();
        foreach (FieldDef field in block.Fields)
        {
            if (field.Presence == Presence.Constant)
            {
                continue;
            }

            parts.Add(FieldBytes(schema, field.Type, field.EncodedLength, field.Presence == Presence.Optional)
                .Select(bytes => (Action<BlockValue>)(v => v.Fields[field] = bytes)));
        }

        foreach (GroupDef group in block.Groups)
        {
            int most = (int)Math.Min(group.MaxCount, depth == 0 ? 3 : 2);
            int least = (int)Math.Min(group.MinCount, most);
            parts.Add(Gen.Choose(least, most)
                .SelectMany(count => Gen.ArrayOf(Block(schema, group, depth + 1), count))
                .Select(entries => (Action<BlockValue>)(v => v.Groups[group] = entries.ToList())));
        }

        foreach (DataDef data in block.Data)
        {
            int most = (int)Math.Min(data.MaxLength, 24);
            Gen<byte[]> bytes = Gen.Choose(0, most).SelectMany(length => Gen.Frequency(
                (2, Gen.ArrayOf(data.IsText ? Printable : AnyByte, length)),
                (1, Gen.ArrayOf(AnyByte, length))));
            parts.Add(bytes.Select(b => (Action<BlockValue>)(v => v.Data[data] = b)));
        }

        return Gen.CollectToArray(parts).Select(actions =>
        {
            var value = new BlockValue(block);
            foreach (Action<BlockValue> action in actions)
            {
                action(value);
            }

            return value;
        });
    }

    /// <summary>Bytes for one value of <paramref name="type"/>, <paramref name="length"/> long.</summary>
    private static Gen<byte[]> FieldBytes(MessageSchema schema, SbeType type, int length, bool optional)
    {
        switch (type)
        {
            case EncodedType e when e.IsCharArray:
                return Gen.Frequency(
                    (1, Gen.ArrayOf(AnyByte, length)),
                    (2, Gen.Choose(0, length).SelectMany(n => Gen.ArrayOf(Printable, n)).Select(text => Padded(text, length))));
            case EncodedType e when e.IsArray:
                return Gen.ArrayOf(AnyByte, length);
            case EncodedType e when optional:
                byte[] nullBytes = Bytes(WireOracle.Bits(e.EffectiveNull), length, schema.BigEndian);
                return Gen.Frequency((1, Gen.Constant(nullBytes)), (3, Gen.ArrayOf(AnyByte, length)));
            case EncodedType:
            case SetType:
                return Gen.ArrayOf(AnyByte, length);
            case EnumType en:
                var choices = new List<(int, Gen<byte[]>)>
                {
                    (1, Gen.ArrayOf(AnyByte, length)),
                    (3, Gen.Elements(en.Values.Select(v => Bytes(WireOracle.Bits(v.Value), length, schema.BigEndian)).ToArray())),
                };
                if (optional)
                {
                    choices.Add((1, Gen.Constant(Bytes(WireOracle.Bits(en.Encoding.EffectiveNull), length, schema.BigEndian))));
                }

                return Gen.Frequency(choices.ToArray());
            case CompositeType composite:
                var members = new List<Gen<(int Offset, byte[] Bytes)>>();
                foreach (CompositeMember member in composite.Members)
                {
                    if (member.IsConstant || member.Type is EncodedType { Length: 0 })
                    {
                        continue;
                    }

                    bool memberOptional = member.Type switch
                    {
                        EncodedType me => me.Presence == Presence.Optional,
                        EnumType men => men.Encoding.Presence == Presence.Optional,
                        _ => false,
                    };
                    int offset = member.Offset;
                    members.Add(FieldBytes(schema, member.Type, member.Type.EncodedLength, memberOptional).Select(b => (offset, b)));
                }

                return Gen.CollectToArray(members).Select(parts =>
                {
                    var bytes = new byte[length];
                    foreach ((int offset, byte[] part) in parts)
                    {
                        part.CopyTo(bytes, offset);
                    }

                    return bytes;
                });
            default:
                throw new InvalidOperationException("no generator for " + type.Name);
        }
    }

    private static byte[] Padded(byte[] text, int length)
    {
        var bytes = new byte[length];
        text.CopyTo(bytes, 0);
        return bytes;
    }

    private static byte[] Bytes(ulong bits, int length, bool bigEndian)
    {
        var bytes = new byte[length];
        WireOracle.WriteUnsigned(bytes, 0, length, bits, bigEndian);
        return bytes;
    }
}
