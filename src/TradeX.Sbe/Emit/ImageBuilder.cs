using System;
using System.Collections.Generic;
using System.Globalization;
using System.Text;
using TradeX.Sbe.Model;

namespace TradeX.Sbe.Emit
{
    /// <summary>
    /// Builds the byte images generated code copies with one memcpy: the default block an encoder
    /// starts from (optional values null, required values zero, padding zero) and the null image a
    /// decoder reads when a composite or group entry is absent (every value null).
    /// </summary>
    internal static class ImageBuilder
    {
        public static byte[] Block(IEnumerable<FieldDef> fields, int length, bool bigEndian, bool allNull)
        {
            var image = new byte[length];
            foreach (FieldDef field in fields)
            {
                if (field.Presence == Presence.Constant)
                {
                    continue;
                }

                Fill(image, field.Offset, field.Type, field.Presence == Presence.Optional || allNull, bigEndian, allNull);
            }

            return image;
        }

        public static byte[] Composite(CompositeType composite, bool bigEndian, bool allNull)
        {
            var image = new byte[composite.Length];
            FillComposite(image, 0, composite, bigEndian, allNull);
            return image;
        }

        /// <summary>C# for a static ReadOnlySpan&lt;byte&gt; over constant data (no allocation at run time).</summary>
        public static string ToExpression(byte[] image)
        {
            if (image.Length == 0)
            {
                return "global::System.ReadOnlySpan<byte>.Empty";
            }

            var builder = new StringBuilder("new byte[] { ");
            for (int i = 0; i < image.Length; i++)
            {
                if (i > 0)
                {
                    builder.Append(", ");
                }

                builder.Append("0x").Append(image[i].ToString("x2", CultureInfo.InvariantCulture));
            }

            return builder.Append(" }").ToString();
        }

        public static bool IsAllZero(byte[] image)
        {
            foreach (byte b in image)
            {
                if (b != 0)
                {
                    return false;
                }
            }

            return true;
        }

        private static void Fill(byte[] image, int offset, SbeType type, bool useNull, bool bigEndian, bool allNull)
        {
            switch (type)
            {
                case EncodedType encoded:
                    if (!useNull || encoded.Presence == Presence.Constant)
                    {
                        return;
                    }

                    int size = Primitives.Size(encoded.Primitive);
                    byte[] bytes = ScalarBytes(encoded.EffectiveNull, bigEndian);
                    for (int i = 0; i < encoded.Length; i++)
                    {
                        Array.Copy(bytes, 0, image, offset + (i * size), size);
                    }

                    break;
                case EnumType enumType:
                    if (useNull)
                    {
                        byte[] nullBytes = ScalarBytes(enumType.Encoding.EffectiveNull, bigEndian);
                        Array.Copy(nullBytes, 0, image, offset, nullBytes.Length);
                    }

                    break;
                case CompositeType composite:
                    FillComposite(image, offset, composite, bigEndian, allNull);
                    break;
            }
        }

        private static void FillComposite(byte[] image, int offset, CompositeType composite, bool bigEndian, bool allNull)
        {
            foreach (CompositeMember member in composite.Members)
            {
                if (member.IsConstant)
                {
                    continue;
                }

                bool optional = member.Type is EncodedType e ? e.Presence == Presence.Optional
                    : member.Type is EnumType en && en.Encoding.Presence == Presence.Optional;
                Fill(image, offset + member.Offset, member.Type, optional || allNull, bigEndian, allNull);
            }
        }

        public static byte[] ScalarBytes(ScalarValue value, bool bigEndian)
        {
            int size = Primitives.Size(value.Type);
            ulong bits;
            if (value.Type == PrimitiveType.Float)
            {
                bits = (uint)BitConverter.ToInt32(BitConverter.GetBytes((float)value.Real), 0);
            }
            else if (value.Type == PrimitiveType.Double)
            {
                bits = (ulong)BitConverter.DoubleToInt64Bits(value.Real);
            }
            else if (value.Integer < 0)
            {
                bits = unchecked((ulong)(long)value.Integer);
            }
            else
            {
                bits = (ulong)value.Integer;
            }

            var bytes = new byte[size];
            for (int i = 0; i < size; i++)
            {
                int shift = 8 * (bigEndian ? size - 1 - i : i);
                bytes[i] = (byte)(bits >> shift);
            }

            return bytes;
        }
    }
}
