using System.Collections.Generic;
using System.Globalization;
using TradeX.Sbe.Model;

namespace TradeX.Sbe.Emit
{
    /// <summary>
    /// Emits the decoder and encoder flyweights of a &lt;composite&gt;: readonly ref structs over a
    /// span at an offset. Inside a message they are created by the message's flyweight, which has
    /// already checked the bounds; <c>Wrap</c> checks them for standalone use.
    /// </summary>
    internal sealed class CompositeEmitter
    {
        private readonly EmitContext _context;
        private readonly FixedAccessorEmitter _accessors;

        public CompositeEmitter(EmitContext context, FixedAccessorEmitter accessors)
        {
            _context = context;
            _accessors = accessors;
        }

        public static IEnumerable<FixedMember> Members(CompositeType composite)
        {
            foreach (CompositeMember member in composite.Members)
            {
                // The varData member of a var data composite has no fixed position to read.
                if (member.Type is EncodedType encoded && encoded.Length == 0)
                {
                    continue;
                }

                yield return FixedMember.FromMember(member, composite.Name);
            }
        }

        public void Emit(CodeWriter w, CompositeType composite)
        {
            string name = Naming.Pascal(composite.Name);
            string length = composite.Length.ToString(CultureInfo.InvariantCulture);
            var members = new List<FixedMember>(Members(composite));
            FixedMember? first = members.Find(m => !m.IsConstant);
            bool nullable = first != null && first.IsOptional && (first.Type is EnumType || (first.Type is EncodedType e && e.Length == 1));

            string decoder = name + "Decoder";
            w.Summary($"Reads composite {composite.Name} in place. {EnumEmitter.Describe(composite.Description, composite.Name)}{EnumEmitter.Versions(composite.SinceVersion, composite.Deprecated)}");
            w.Open($"public readonly ref struct {decoder}");
            w.Summary("Encoded size in bytes.");
            w.Line($"public const int SbeEncodedLength = {length};");
            w.Line();
            w.Line($"private readonly {EmitContext.ReadOnlySpan} _buffer;");
            w.Line("private readonly int _offset;");
            w.Line();
            w.Open($"internal {decoder}({EmitContext.ReadOnlySpan} buffer, int offset)");
            w.Line("_buffer = buffer;");
            w.Line("_offset = offset;");
            w.Close();
            w.Line();
            w.Summary("Every member at its null value: what an absent composite reads as.");
            w.Line($"internal static {EmitContext.ReadOnlySpan} SbeNullImage => {ImageBuilder.ToExpression(ImageBuilder.Composite(composite, _context.Schema.BigEndian, allNull: true))};");
            w.Line();
            w.Summary("Wraps the composite at <paramref name=\"offset\"/>; throws SbeDecodeException when it does not fit.");
            w.Open($"public static {decoder} Wrap({EmitContext.ReadOnlySpan} buffer, int offset)");
            w.Open("if (offset < 0)");
            w.Line($"{EmitContext.Throw}.Offset(offset);");
            w.Close();
            w.Line();
            w.Open("if (buffer.Length - offset < SbeEncodedLength)");
            w.Line($"{EmitContext.Throw}.Truncated({Naming.Literal(composite.Name)}, offset, SbeEncodedLength, buffer.Length);");
            w.Close();
            w.Line();
            w.Line($"return new {decoder}(buffer, offset);");
            w.Close();
            w.Line();
            var host = new AccessorHost("_buffer", "_offset", null, null);
            foreach (FixedMember member in members)
            {
                _accessors.EmitDecoder(w, member, host);
            }

            if (nullable)
            {
                w.Summary($"True when the composite is null: its first member, {first!.SchemaName}, holds its null value (SBE 1.0 §4.4.4.4).");
                w.Line($"public bool IsNull => !Has{first.Name};");
                w.Line();
            }

            w.Summary("Appends {member=value, ...}.");
            w.Open($"public void AppendTo({EmitContext.StringBuilder} builder)");
            w.Line("builder.Append('{');");
            if (members.Count > 0)
            {
                w.Line("bool first = true;");
            }

            foreach (FixedMember member in members)
            {
                _accessors.EmitAppend(w, member, host);
            }

            w.Line("builder.Append('}');");
            w.Close();
            w.Line();
            w.Summary("A readable dump (allocates: for logs and tools).");
            w.Open("public override string ToString()");
            w.Line($"var builder = new {EmitContext.StringBuilder}();");
            w.Line("AppendTo(builder);");
            w.Line("return builder.ToString();");
            w.Close();
            w.Close();
            w.Line();

            string encoder = name + "Encoder";
            w.Summary($"Writes composite {composite.Name} in place. Setters return the encoder so they chain.");
            w.Open($"public readonly ref struct {encoder}");
            w.Summary("Encoded size in bytes.");
            w.Line($"public const int SbeEncodedLength = {length};");
            w.Line();
            w.Line($"private readonly {EmitContext.Span} _buffer;");
            w.Line("private readonly int _offset;");
            w.Line();
            w.Open($"internal {encoder}({EmitContext.Span} buffer, int offset)");
            w.Line("_buffer = buffer;");
            w.Line("_offset = offset;");
            w.Close();
            w.Line();
            w.Summary("Wraps the composite at <paramref name=\"offset\"/>; throws SbeEncodeException when it does not fit.");
            w.Open($"public static {encoder} Wrap({EmitContext.Span} buffer, int offset)");
            w.Open("if (offset < 0)");
            w.Line($"{EmitContext.Throw}.Offset(offset);");
            w.Close();
            w.Line();
            w.Open("if (buffer.Length - offset < SbeEncodedLength)");
            w.Line($"{EmitContext.Throw}.BufferTooSmall({Naming.Literal(composite.Name)}, offset, SbeEncodedLength, buffer.Length);");
            w.Close();
            w.Line();
            w.Line($"return new {encoder}(buffer, offset);");
            w.Close();
            w.Line();
            var encoderHost = new AccessorHost("_buffer", "_offset", null, encoder);
            foreach (FixedMember member in members)
            {
                _accessors.EmitEncoder(w, member, encoderHost);
            }

            if (nullable && first!.Type is EncodedType firstType)
            {
                w.Summary($"Makes the composite null by writing the null value of {first.SchemaName}.");
                w.Line($"public {encoder} SetNull() => Set{first.Name}({_context.Global(decoder)}.{first.Name}NullValue);");
                w.Line();
            }

            w.Summary($"Copies every member from a decoder of {composite.Name}.");
            w.Open($"public {encoder} CopyFrom({_context.Global(decoder)} source)");
            foreach (FixedMember member in members)
            {
                _accessors.EmitCopy(w, member, encoderHost);
            }

            w.Line("return this;");
            w.Close();
            w.Close();
        }
    }
}
