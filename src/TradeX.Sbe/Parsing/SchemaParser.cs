using System;
using System.Collections.Generic;
using System.Xml;
using System.Xml.Linq;
using TradeX.Sbe.Model;

namespace TradeX.Sbe.Parsing
{
    /// <summary>The outcome of parsing one schema file.</summary>
    public sealed class SchemaParseResult
    {
        /// <summary>Creates the result.</summary>
        public SchemaParseResult(bool isSchema, MessageSchema? schema, IReadOnlyList<SchemaDiagnostic> diagnostics)
        {
            IsSchema = isSchema;
            Schema = schema;
            Diagnostics = diagnostics;
        }

        /// <summary>False when the file's root is not a messageSchema (it is then ignored).</summary>
        public bool IsSchema { get; }

        /// <summary>The schema; only usable when <see cref="Diagnostics"/> is empty.</summary>
        public MessageSchema? Schema { get; }

        /// <summary>Every schema error found.</summary>
        public IReadOnlyList<SchemaDiagnostic> Diagnostics { get; }
    }

    /// <summary>
    /// Reads an SBE 1.0 message schema (any namespace prefix: sbe:, ns2: or none) into the model,
    /// expanding xi:include and checking the rules of SBE 1.0 §4.8 plus the structural rules of §3.
    /// </summary>
    public static class SchemaParser
    {
        /// <summary>Parses <paramref name="text"/> read from <paramref name="filePath"/>.</summary>
        /// <param name="filePath">Path of the schema; used for includes and in messages.</param>
        /// <param name="text">The XML.</param>
        /// <param name="resolveInclude">Returns the text of a file by normalised path, or null.</param>
        public static SchemaParseResult Parse(string filePath, string text, Func<string, string?> resolveInclude)
        {
            string path = PathText.Normalize(filePath);
            var context = new ParseContext(path);
            XDocument document;
            try
            {
                document = XDocument.Parse(text, LoadOptions.SetLineInfo);
            }
            catch (XmlException ex)
            {
                bool looksLikeSchema = text.IndexOf("messageSchema", StringComparison.Ordinal) >= 0;
                var source = new SourceRef(path, ex.LineNumber, ex.LinePosition, "<messageSchema>");
                context.Error(DiagnosticIds.InvalidXml, source, "not well-formed XML: " + ex.Message);
                return new SchemaParseResult(looksLikeSchema, null, looksLikeSchema ? context.Diagnostics : new List<SchemaDiagnostic>());
            }

            XElement root = document.Root!;
            if (root.Name.LocalName != "messageSchema")
            {
                return new SchemaParseResult(false, null, context.Diagnostics);
            }

            root.AddAnnotation(new SchemaFile(path));
            new XIncludeExpander(resolveInclude, context).Expand(root, path, new HashSet<string> { path });

            var schema = new MessageSchema(path)
            {
                Package = context.Attr(root, "package")?.Trim() ?? string.Empty,
                Id = context.IntAttr(root, "id") ?? 0,
                Version = context.IntAttr(root, "version") ?? 0,
                SemanticVersion = context.Attr(root, "semanticVersion"),
                Description = context.Attr(root, "description"),
                Binding = context.BindingAttrs(root),
            };
            context.SchemaVersion = schema.Version;
            string byteOrder = context.Attr(root, "byteOrder")?.Trim() ?? "littleEndian";
            if (byteOrder == "bigEndian")
            {
                schema.BigEndian = true;
            }
            else if (byteOrder != "littleEndian")
            {
                context.Error(DiagnosticIds.InvalidAttribute, root, $"byteOrder=\"{byteOrder}\" is not littleEndian or bigEndian");
            }

            foreach (XElement child in root.Elements())
            {
                string local = child.Name.LocalName;
                if (local != "types" && local != "message")
                {
                    context.Error(DiagnosticIds.InvalidStructure, child, $"<{local}> is not allowed in <messageSchema> (expected types or message)");
                }
            }

            var types = new TypeResolver(context, schema);
            types.Index(root);
            types.ResolveAll();

            string headerName = context.Attr(root, "headerType")?.Trim() ?? "messageHeader";
            schema.Header = CheckHeader(context, root, types, headerName, schema);

            var messages = new MessageParser(context, types);
            var names = new Dictionary<string, MessageDef>();
            var ids = new Dictionary<int, MessageDef>();
            foreach (XElement element in ParseContext.Children(root, "message"))
            {
                MessageDef? message = messages.ParseMessage(element);
                if (message == null)
                {
                    continue;
                }

                if (names.TryGetValue(message.Name, out MessageDef? sameName))
                {
                    context.Error(DiagnosticIds.DuplicateName, element, $"message name '{message.Name}' is already used at line {sameName.Source.Line}");
                    continue;
                }

                if (ids.TryGetValue(message.Id, out MessageDef? sameId))
                {
                    context.Error(DiagnosticIds.DuplicateId, element, $"template id {message.Id} is already used by message '{sameId.Name}'");
                    continue;
                }

                names[message.Name] = message;
                ids[message.Id] = message;
                schema.Messages.Add(message);
                CheckFitsHeader(context, element, schema.Header, "templateId", message.Id, "template id");
                CheckFitsHeader(context, element, schema.Header, "blockLength", message.BlockLength, "block length");
            }

            return new SchemaParseResult(true, schema, context.Diagnostics);
        }

        private static CompositeType? CheckHeader(ParseContext context, XElement root, TypeResolver types, string headerName, MessageSchema schema)
        {
            var header = types.Find(headerName, root) as CompositeType;
            if (header == null)
            {
                context.Error(DiagnosticIds.InvalidEncodingShape, root, $"the message header composite '{headerName}' is missing from <types>");
                return null;
            }

            foreach (string member in new[] { "blockLength", "templateId", "schemaId", "version" })
            {
                if (!MessageParser.IsUnsignedScalar(header.Find(member)))
                {
                    context.Error(DiagnosticIds.InvalidEncodingShape, header.Source, $"the message header must have an unsigned integer member '{member}'");
                    return null;
                }
            }

            CheckFitsHeader(context, root, header, "schemaId", schema.Id, "schema id");
            CheckFitsHeader(context, root, header, "version", schema.Version, "schema version");
            return header;
        }

        private static void CheckFitsHeader(ParseContext context, XElement element, CompositeType? header, string member, long value, string what)
        {
            if (header?.Find(member)?.Type is EncodedType type && value > Primitives.TypeMax(type.Primitive))
            {
                context.Error(member == "blockLength" ? DiagnosticIds.BlockLength : DiagnosticIds.InvalidValue, element, $"{what} {value} does not fit the header's {member} ({Primitives.SchemaName(type.Primitive)})");
            }
        }
    }
}
