using System.Collections.Generic;
using TradeX.Sbe.Model;

namespace TradeX.Sbe.Emit
{
    /// <summary>
    /// Emits the schema's static class: identity constants, header reading, and dispatch on
    /// templateId to validate, describe or transcode any message; plus enum and set helpers.
    /// </summary>
    internal sealed class SchemaClassEmitter
    {
        private readonly EmitContext _context;

        public SchemaClassEmitter(EmitContext context)
        {
            _context = context;
        }

        public void Emit(CodeWriter w, List<EnumType> enums, List<SetType> sets, CodeWriter helpers)
        {
            MessageSchema schema = _context.Schema;
            CompositeType header = schema.Header!;
            string error = EmitContext.ErrorType;
            string code = EmitContext.ErrorCode;
            string headerPath = Naming.Literal(header.Name);
            w.Summary($"Schema {CodeWriter.Escape(schema.Package)} (id {schema.Id}, version {schema.Version}, {(schema.BigEndian ? "big" : "little")}-endian): identity and dispatch on templateId over every message. {EnumEmitter.Describe(schema.Description, schema.Package)}");
            w.Line($"[{EmitContext.Runtime}.SbeGeneratedSchema]");
            w.Open($"public static class {_context.SchemaClass}");
            w.Summary("Schema id (in every message header).");
            w.Line($"public const int Id = {BlockLayout.Int(schema.Id)};");
            w.Line();
            w.Summary("Schema version these codecs encode.");
            w.Line($"public const int Version = {BlockLayout.Int(schema.Version)};");
            w.Line();
            w.Summary("The schema's package attribute.");
            w.Line($"public const string Package = {Naming.Literal(schema.Package)};");
            w.Line();
            w.Summary("True for byteOrder=\"bigEndian\".");
            w.Line($"public const bool BigEndian = {(schema.BigEndian ? "true" : "false")};");
            w.Line();
            w.Summary("Length of the message header.");
            w.Line($"public const int HeaderLength = {BlockLayout.Int(header.Length)};");
            w.Line();
            w.Summary("Reads the message header at <paramref name=\"offset\"/>; false when the buffer is too short or the schema id is not this schema's.");
            w.Open($"public static bool TryReadHeader({EmitContext.ReadOnlySpan} buffer, int offset, out {EmitContext.Runtime}.SbeMessageHeader header, out {error} error)");
            w.Line("header = default;");
            w.Open("if (offset < 0)");
            w.Line($"{EmitContext.Throw}.Offset(offset);");
            w.Close();
            w.Line();
            w.Open("if (buffer.Length - offset < HeaderLength)");
            w.Line($"error = new {error}({code}.Truncated, {headerPath}, offset, HeaderLength, buffer.Length);");
            w.Line("return false;");
            w.Close();
            w.Line();
            w.Line($"header = new {EmitContext.Runtime}.SbeMessageHeader({HeaderRead(header, "blockLength")}, {HeaderRead(header, "templateId")}, {HeaderRead(header, "schemaId")}, {HeaderRead(header, "version")});");
            w.Open("if (header.SchemaId != Id)");
            w.Line($"error = new {error}({code}.WrongSchemaId, {Naming.Literal(header.Name + ".schemaId")}, offset + {BlockLayout.Int(header.Find("schemaId")!.Offset)}, header.SchemaId, Id);");
            w.Line("return false;");
            w.Close();
            w.Line();
            w.Line("error = default;");
            w.Line("return true;");
            w.Close();
            w.Line();
            w.Summary("Validates the message at the start of <paramref name=\"buffer\"/>; see TryValidate(buffer, offset, ...).");
            w.Line($"public static bool TryValidate({EmitContext.ReadOnlySpan} buffer, out int length, out {error} error) => TryValidate(buffer, 0, out length, out error);");
            w.Line();
            w.Summary("Checks a whole message of any template of this schema without throwing; <paramref name=\"length\"/> is its length including the header.");
            w.Open($"public static bool TryValidate({EmitContext.ReadOnlySpan} buffer, int offset, out int length, out {error} error)");
            w.Line("length = 0;");
            w.Open($"if (!TryReadHeader(buffer, offset, out {EmitContext.Runtime}.SbeMessageHeader header, out error))");
            w.Line("return false;");
            w.Close();
            w.Line();
            w.Open("switch (header.TemplateId)");
            foreach (MessageDef message in schema.Messages)
            {
                w.Line($"case {BlockLayout.Int(message.Id)}: return {_context.Global(Naming.Pascal(message.Name) + "Decoder")}.TryValidate(buffer, offset, out length, out error);");
            }

            w.Line($"default: error = new {error}({code}.UnknownTemplateId, {Naming.Literal(header.Name + ".templateId")}, offset + {BlockLayout.Int(header.Find("templateId")!.Offset)}, header.TemplateId, 0); return false;");
            w.Close();
            w.Close();
            w.Line();
            w.Summary("A readable dump of any message of this schema (allocates: for logs and tools). Bad input is described, never thrown.");
            w.Open($"public static string Describe({EmitContext.ReadOnlySpan} buffer)");
            w.Open($"if (!TryReadHeader(buffer, 0, out {EmitContext.Runtime}.SbeMessageHeader header, out {error} error))");
            w.Line("return \"!decode error: \" + error.ToString();");
            w.Close();
            w.Line();
            w.Open("switch (header.TemplateId)");
            foreach (MessageDef message in schema.Messages)
            {
                string decoder = _context.Global(Naming.Pascal(message.Name) + "Decoder");
                w.Line($"case {BlockLayout.Int(message.Id)}: return {decoder}.TryWrap(buffer, 0, out {decoder} m{BlockLayout.Int(message.Id)}, out error) ? m{BlockLayout.Int(message.Id)}.ToString() : {Naming.Literal(message.Name)} + \"{{!decode error: \" + error.ToString() + \"}}\";");
            }

            w.Line("default: return \"!decode error: unknown templateId \" + header.TemplateId.ToString(global::System.Globalization.CultureInfo.InvariantCulture);");
            w.Close();
            w.Close();
            w.Line();
            w.Summary("Decodes any message of this schema and re-encodes it at this version; returns the length written. Throws SbeDecodeException for bad input, SbeEncodeException when the destination is too small.");
            w.Open($"public static int Transcode({EmitContext.ReadOnlySpan} source, {EmitContext.Span} destination)");
            w.Open($"if (!TryReadHeader(source, 0, out {EmitContext.Runtime}.SbeMessageHeader header, out {error} error))");
            w.Line($"throw new {EmitContext.Runtime}.SbeDecodeException(error);");
            w.Close();
            w.Line();
            w.Open("switch (header.TemplateId)");
            foreach (MessageDef message in schema.Messages)
            {
                w.Line($"case {BlockLayout.Int(message.Id)}: return {_context.Global(Naming.Pascal(message.Name) + "Encoder")}.Transcode(source, destination);");
            }

            w.Line($"default: throw new {EmitContext.Runtime}.SbeDecodeException(new {error}({code}.UnknownTemplateId, {Naming.Literal(header.Name + ".templateId")}, {BlockLayout.Int(header.Find("templateId")!.Offset)}, header.TemplateId, 0));");
            w.Close();
            w.Close();
            w.Line();
            w.Summary("Identity and dispatch entry points for tools that find schemas by reflection.");
            w.Line($"public static {EmitContext.Runtime}.SbeSchemaDescriptor Descriptor => Holder.Descriptor;");
            w.Line();
            w.Line(helpers.ToString().TrimEnd('\n'));
            w.Line();
            w.Open("private static class Holder");
            w.Line($"internal static readonly {EmitContext.Runtime}.SbeSchemaDescriptor Descriptor = new {EmitContext.Runtime}.SbeSchemaDescriptor(");
            w.Line($"    Package, Id, Version, BigEndian, HeaderLength,");
            w.Line($"    new {EmitContext.Runtime}.SbeMessageDescriptor[]");
            w.Line("    {");
            foreach (MessageDef message in schema.Messages)
            {
                w.Line($"        new {EmitContext.Runtime}.SbeMessageDescriptor({Naming.Literal(message.Name)}, {BlockLayout.Int(message.Id)}, {BlockLayout.Int(message.BlockLength)}, {BlockLayout.Int(message.SinceVersion)}),");
            }

            w.Line("    },");
            w.Line($"    new {EmitContext.Runtime}.SbeValidateFunc(TryValidate),");
            w.Line($"    new {EmitContext.Runtime}.SbeDescribeFunc(Describe),");
            w.Line($"    new {EmitContext.Runtime}.SbeTranscodeFunc(Transcode));");
            w.Close();
            w.Line();
            w.Summary("Character encodings named by the schema, looked up once.");
            w.Open("internal static class Text");
            foreach (KeyValuePair<string, string> encoding in _context.Encodings)
            {
                w.Line($"internal static readonly global::System.Text.Encoding {encoding.Value} = {EmitContext.Runtime}.SbeText.ForName({Naming.Literal(encoding.Key)});");
            }

            w.Close();
            w.Close();
        }

        private string HeaderRead(CompositeType header, string member)
        {
            CompositeMember m = header.Find(member)!;
            return $"(int){_context.Read(((EncodedType)m.Type).Primitive, "buffer", $"offset + {BlockLayout.Int(m.Offset)}")}";
        }
    }
}
