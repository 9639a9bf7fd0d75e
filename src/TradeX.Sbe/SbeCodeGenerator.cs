using System;
using System.Collections.Generic;
using TradeX.Sbe.Emit;
using TradeX.Sbe.Model;
using TradeX.Sbe.Parsing;

namespace TradeX.Sbe
{
    /// <summary>The result of generating codecs for one schema file.</summary>
    public sealed class SbeGenerationResult
    {
        internal SbeGenerationResult(bool isSchema, MessageSchema? schema, string? ns, IReadOnlyList<GeneratedFile> files, IReadOnlyList<SchemaDiagnostic> diagnostics)
        {
            IsSchema = isSchema;
            Schema = schema;
            Namespace = ns;
            Files = files;
            Diagnostics = diagnostics;
        }

        /// <summary>False when the file is not an SBE messageSchema (it is ignored).</summary>
        public bool IsSchema { get; }

        /// <summary>The parsed schema (null when the XML could not be read).</summary>
        public MessageSchema? Schema { get; }

        /// <summary>The C# namespace of the generated code.</summary>
        public string? Namespace { get; }

        /// <summary>Generated C# files; empty when there are diagnostics.</summary>
        public IReadOnlyList<GeneratedFile> Files { get; }

        /// <summary>Schema errors; each fails the build.</summary>
        public IReadOnlyList<SchemaDiagnostic> Diagnostics { get; }
    }

    /// <summary>
    /// Schema file in, C# codecs or schema errors out. The Roslyn source generator calls this for
    /// each schema in AdditionalFiles; tests and tools can call it directly.
    /// </summary>
    public static class SbeCodeGenerator
    {
        /// <summary>Parses, validates and generates.</summary>
        /// <param name="path">Path of the schema file (for xi:include and messages).</param>
        /// <param name="text">Its XML.</param>
        /// <param name="resolveInclude">Text of another file by normalised path, or null.</param>
        /// <param name="namespaceOverride">The C# namespace to use instead of the one derived from package.</param>
        public static SbeGenerationResult Generate(string path, string text, Func<string, string?> resolveInclude, string? namespaceOverride = null)
        {
            SchemaParseResult parsed = SchemaParser.Parse(path, text, resolveInclude);
            var diagnostics = new List<SchemaDiagnostic>(parsed.Diagnostics);
            if (!parsed.IsSchema || parsed.Schema == null || diagnostics.Count > 0)
            {
                return new SbeGenerationResult(parsed.IsSchema, parsed.Schema, null, new GeneratedFile[0], diagnostics);
            }

            string ns = string.IsNullOrWhiteSpace(namespaceOverride)
                ? Naming.Namespace(parsed.Schema.Package, parsed.Schema.Id)
                : namespaceOverride!.Trim();
            if (!Naming.IsValidNamespace(ns))
            {
                diagnostics.Add(new SchemaDiagnostic(
                    DiagnosticIds.InvalidAttribute,
                    $"{PathText.FileName(path)}: SbeNamespace \"{ns}\" is not a valid C# namespace",
                    new SourceRef(PathText.Normalize(path), 1, 1, "<messageSchema>")));
                return new SbeGenerationResult(true, parsed.Schema, ns, new GeneratedFile[0], diagnostics);
            }

            List<GeneratedFile> files = SchemaEmitter.Emit(parsed.Schema, ns, diagnostics);
            return new SbeGenerationResult(true, parsed.Schema, ns, diagnostics.Count > 0 ? new List<GeneratedFile>() : files, diagnostics);
        }
    }
}
