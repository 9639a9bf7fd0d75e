using System.Collections.Generic;
using TradeX.Sbe.Model;
using TradeX.Sbe.Parsing;

namespace TradeX.Sbe.Emit
{
    /// <summary>What every part of the emitter needs to know about the schema being generated.</summary>
    internal sealed class EmitContext
    {
        public const string Runtime = "global::TradeX.Sbe.Runtime";
        public const string ReadOnlySpan = "global::System.ReadOnlySpan<byte>";
        public const string Span = "global::System.Span<byte>";
        public const string StringBuilder = "global::System.Text.StringBuilder";
        public const string UnscopedRef = "[global::System.Diagnostics.CodeAnalysis.UnscopedRef]";
        public const string Inline = "[global::System.Runtime.CompilerServices.MethodImpl(global::System.Runtime.CompilerServices.MethodImplOptions.AggressiveInlining)]";
        public const string Format = Runtime + ".SbeFormat";
        public const string Throw = Runtime + ".SbeThrow";
        public const string ErrorType = Runtime + ".SbeError";
        public const string ErrorCode = Runtime + ".SbeErrorCode";

        private readonly Dictionary<string, string> _encodings = new Dictionary<string, string>();

        public EmitContext(MessageSchema schema, string ns)
        {
            Schema = schema;
            Namespace = ns;
            int dot = ns.LastIndexOf('.');
            SchemaClass = Naming.Pascal(dot >= 0 ? ns.Substring(dot + 1) : ns) + "Schema";
            Bytes = Runtime + (schema.BigEndian ? ".SbeBigEndian" : ".SbeLittleEndian");
        }

        public MessageSchema Schema { get; }

        public string Namespace { get; }

        /// <summary>The static class with schema constants and dispatch.</summary>
        public string SchemaClass { get; }

        /// <summary>The runtime byte-order helper class for this schema.</summary>
        public string Bytes { get; }

        public List<SchemaDiagnostic> Diagnostics { get; } = new List<SchemaDiagnostic>();

        public string Global(string typeName) => "global::" + Namespace + "." + typeName;

        public string SchemaClassRef => Global(SchemaClass);

        /// <summary>An expression for the cached Encoding of a characterEncoding name.</summary>
        public string EncodingRef(string? characterEncoding)
        {
            string key = characterEncoding ?? string.Empty;
            if (!_encodings.TryGetValue(key, out string? field))
            {
                field = "Encoding" + _encodings.Count;
                _encodings[key] = field;
            }

            return SchemaClassRef + ".Text." + field;
        }

        public IEnumerable<KeyValuePair<string, string>> Encodings => _encodings;

        public void Error(string id, SourceRef source, string problem) =>
            Diagnostics.Add(new SchemaDiagnostic(id, $"{PathText.FileName(source.FilePath)}: {source.Element}: {problem}", source));

        public string Read(PrimitiveType type, string buffer, string offset) =>
            $"{Bytes}.Read{Primitives.AccessorSuffix(type)}({buffer}, {offset})";

        public string Write(PrimitiveType type, string buffer, string offset, string value) =>
            $"{Bytes}.Write{Primitives.AccessorSuffix(type)}({buffer}, {offset}, {value})";
    }
}
