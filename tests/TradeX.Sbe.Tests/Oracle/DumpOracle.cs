using System.Globalization;
using System.Text;
using TradeX.Sbe.Model;
using TradeX.Sbe.Runtime;

namespace TradeX.Sbe.Tests.Oracle;

/// <summary>
/// Renders what a generated decoder's ToString() must print for a <see cref="BlockValue"/>, by
/// interpreting the wire bytes with the schema model (byte order, presence, null values, enum and
/// set names). It shares only the text-escaping helpers of SbeFormat with the generated code.
/// </summary>
internal static class DumpOracle
{
    public static string Render(MessageSchema schema, MessageDef message, BlockValue value) =>
        message.Name + "{" + Body(schema, value) + "}";

    private static string Body(MessageSchema schema, BlockValue value)
    {
        var items = new List<string>();
        foreach (FieldDef field in value.Block.Fields)
        {
            items.Add(field.Name + "=" + Field(schema, field, value.Fields.GetValueOrDefault(field)));
        }

        foreach (GroupDef group in value.Block.Groups)
        {
            items.Add(group.Name + "=[" + string.Join(", ", value.Groups[group].Select(e => "{" + Body(schema, e) + "}")) + "]");
        }

        foreach (DataDef data in value.Block.Data)
        {
            var builder = new StringBuilder();
            if (data.IsText)
            {
                SbeFormat.AppendQuoted(builder, value.Data[data], SbeText.ForName(data.CharacterEncoding));
            }
            else
            {
                SbeFormat.AppendHex(builder, value.Data[data]);
            }

            items.Add(data.Name + "=" + builder);
        }

        return string.Join(", ", items);
    }

    private static string Field(MessageSchema schema, FieldDef field, byte[]? bytes)
    {
        if (field.Presence == Presence.Constant)
        {
            return Constant(field.Type, field.ConstantEnum, field.ConstantEnumValue);
        }

        return Value(schema, field.Type, field.Presence == Presence.Optional, bytes!, 0);
    }

    private static string Constant(SbeType type, EnumType? enumType, EnumValue? enumValue)
    {
        var builder = new StringBuilder();
        switch (type)
        {
            case EnumType:
                return enumValue!.Name;
            case EncodedType e when enumValue != null:
                ScalarValue.TryInteger(e.Primitive, enumValue.Value.Integer, out ScalarValue? scalar);
                AppendScalar(builder, scalar!);
                return builder.ToString();
            case EncodedType e when e.IsCharArray:
                SbeFormat.AppendQuoted(builder, e.ConstantText!);
                return builder.ToString();
            case EncodedType e:
                AppendScalar(builder, e.ConstantScalar!);
                return builder.ToString();
            default:
                throw new InvalidOperationException("constant of type " + type.Name);
        }
    }

    private static string Value(MessageSchema schema, SbeType type, bool optional, byte[] bytes, int offset)
    {
        var builder = new StringBuilder();
        bool big = schema.BigEndian;
        switch (type)
        {
            case EncodedType e when e.IsCharArray:
                SbeFormat.AppendFixedQuoted(builder, bytes.AsSpan(offset, e.Length), SbeText.ForName(e.CharacterEncoding));
                break;
            case EncodedType e when e.IsArray:
                int size = Primitives.Size(e.Primitive);
                builder.Append('[');
                for (int i = 0; i < e.Length; i++)
                {
                    if (i > 0)
                    {
                        builder.Append(", ");
                    }

                    AppendScalar(builder, Read(e.Primitive, bytes.AsSpan(offset + (i * size)), big));
                }

                builder.Append(']');
                break;
            case EncodedType e:
                ScalarValue scalar = Read(e.Primitive, bytes.AsSpan(offset), big);
                if (optional && IsNull(scalar, e.EffectiveNull))
                {
                    builder.Append("null");
                }
                else
                {
                    AppendScalar(builder, scalar);
                }

                break;
            case EnumType en:
                ScalarValue raw = Read(en.Encoding.Primitive, bytes.AsSpan(offset), big);
                EnumValue? listed = en.Values.FirstOrDefault(v => v.Value.Integer == raw.Integer);
                if (listed != null)
                {
                    builder.Append(listed.Name);
                }
                else if (raw.Integer == en.Encoding.EffectiveNull.Integer)
                {
                    builder.Append("null");
                }
                else
                {
                    builder.Append("Unknown(").Append(raw.Integer.ToString(CultureInfo.InvariantCulture)).Append(')');
                }

                break;
            case SetType set:
                ulong bits = WireOracle.ReadUnsigned(bytes.AsSpan(offset), Primitives.Size(set.Encoding.Primitive), big);
                var names = new List<string>();
                ulong known = 0;
                foreach (SetChoice choice in set.Choices)
                {
                    known |= 1UL << choice.Bit;
                }

                foreach (SetChoice choice in set.Choices)
                {
                    if ((bits & (1UL << choice.Bit)) != 0)
                    {
                        names.Add(choice.Name);
                    }
                }

                for (int bit = 0; bit < 64; bit++)
                {
                    if ((bits & ~known & (1UL << bit)) != 0)
                    {
                        names.Add("bit" + bit.ToString(CultureInfo.InvariantCulture));
                    }
                }

                builder.Append('{').Append(string.Join(", ", names)).Append('}');
                break;
            case CompositeType composite:
                var members = new List<string>();
                foreach (CompositeMember member in composite.Members)
                {
                    if (member.Type is EncodedType { Length: 0 })
                    {
                        continue;
                    }

                    if (member.IsConstant)
                    {
                        var encoded = (EncodedType)member.Type;
                        members.Add(member.Name + "=" + Constant(encoded, null, null));
                        continue;
                    }

                    bool memberOptional = member.Type switch
                    {
                        EncodedType e => e.Presence == Presence.Optional,
                        EnumType en => en.Encoding.Presence == Presence.Optional,
                        _ => false,
                    };
                    members.Add(member.Name + "=" + Value(schema, member.Type, memberOptional, bytes, offset + member.Offset));
                }

                builder.Append('{').Append(string.Join(", ", members)).Append('}');
                break;
        }

        return builder.ToString();
    }

    private static bool IsNull(ScalarValue value, ScalarValue nullValue)
    {
        if (Primitives.IsReal(value.Type))
        {
            return double.IsNaN(nullValue.Real) ? double.IsNaN(value.Real) : value.Real == nullValue.Real;
        }

        return value.Integer == nullValue.Integer;
    }

    private static ScalarValue Read(PrimitiveType type, ReadOnlySpan<byte> bytes, bool bigEndian)
    {
        int size = Primitives.Size(type);
        ulong bits = WireOracle.ReadUnsigned(bytes, size, bigEndian);
        switch (type)
        {
            case PrimitiveType.Float:
                return ScalarValue.FromReal(type, BitConverter.Int32BitsToSingle((int)(uint)bits));
            case PrimitiveType.Double:
                return ScalarValue.FromReal(type, BitConverter.Int64BitsToDouble((long)bits));
            case PrimitiveType.Int8:
                return Integer(type, (sbyte)bits);
            case PrimitiveType.Int16:
                return Integer(type, (short)bits);
            case PrimitiveType.Int32:
                return Integer(type, (int)bits);
            case PrimitiveType.Int64:
                return Integer(type, (long)bits);
            default:
                return Integer(type, bits);
        }
    }

    private static ScalarValue Integer(PrimitiveType type, decimal value)
    {
        ScalarValue.TryInteger(type, value, out ScalarValue? scalar);
        return scalar!;
    }

    private static void AppendScalar(StringBuilder builder, ScalarValue value)
    {
        switch (value.Type)
        {
            case PrimitiveType.Char:
                SbeFormat.AppendChar(builder, (byte)value.Integer);
                break;
            case PrimitiveType.Float:
                SbeFormat.AppendFloat(builder, (float)value.Real);
                break;
            case PrimitiveType.Double:
                SbeFormat.AppendDouble(builder, value.Real);
                break;
            default:
                builder.Append(value.Integer.ToString(CultureInfo.InvariantCulture));
                break;
        }
    }
}
