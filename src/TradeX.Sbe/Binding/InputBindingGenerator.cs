using System;
using System.Collections.Generic;
using System.Linq;
using System.Text;
using Microsoft.CodeAnalysis;
using Microsoft.CodeAnalysis.Diagnostics;
using Microsoft.CodeAnalysis.Text;
using TradeX.Sbe.Parsing;
// What one bound schema file asks for: a value tuple, so the incremental cache compares it by value.
using Request = (string Path, string Text, string Union, string? Codec, string? Fields, string? Refs, string? CodecNamespace);

namespace TradeX.Sbe.Binding
{
    /// <summary>
    /// Binds the journal schema to the engine's input types, so the schema is the one description of every
    /// input: an AdditionalFiles schema with <c>SbeInputUnion</c> (the input union, e.g. TradeX.Core.EngineInput)
    /// and <c>SbeInputCodec</c> (a partial class: the journal codec's mapping is generated into it) and/or
    /// <c>SbeInputFields</c> (a partial class: the replay tool's named fields) and/or <c>SbeInputRefs</c> (a partial
    /// class: what each input is about, from the types' tx:ref). Use it in a project that
    /// references the engine; every schema/engine disagreement is a compile error there (SBE020).
    /// The project also needs the schema's codecs (SbeNamespace: where TradeX.Protocol generated them).
    /// </summary>
    [Generator(LanguageNames.CSharp)]
    public sealed class InputBindingGenerator : IIncrementalGenerator
    {
        private const string Prefix = "build_metadata.AdditionalFiles.";

        /// <inheritdoc />
        public void Initialize(IncrementalGeneratorInitializationContext context)
        {
            IncrementalValuesProvider<Request> requests = context.AdditionalTextsProvider
                .Where(text => text.Path.EndsWith(".xml", StringComparison.OrdinalIgnoreCase))
                .Combine(context.AnalyzerConfigOptionsProvider)
                .Select((pair, cancellationToken) => Read(pair.Left, pair.Right, cancellationToken))
                .Where(request => request.HasValue)
                .Select((request, _) => request!.Value);
            context.RegisterSourceOutput(requests.Combine(context.CompilationProvider), (production, pair) => Generate(production, pair.Left, pair.Right));
        }

        /// <summary>True when the file is bound to engine inputs (the codec generator then leaves it to this one).</summary>
        internal static bool IsBound(AnalyzerConfigOptions options) => Option(options, "SbeInputUnion") != null;

        private static Request? Read(AdditionalText text, AnalyzerConfigOptionsProvider provider, System.Threading.CancellationToken cancellationToken)
        {
            AnalyzerConfigOptions options = provider.GetOptions(text);
            string? union = Option(options, "SbeInputUnion");
            if (union == null)
            {
                return null;
            }

            return (
                PathText.Normalize(text.Path),
                text.GetText(cancellationToken)?.ToString() ?? string.Empty,
                union,
                Option(options, "SbeInputCodec"),
                Option(options, "SbeInputFields"),
                Option(options, "SbeInputRefs"),
                Option(options, "SbeNamespace"));
        }

        private static string? Option(AnalyzerConfigOptions options, string name) =>
            options.TryGetValue(Prefix + name, out string? value) && !string.IsNullOrWhiteSpace(value) ? value.Trim() : null;

        private static void Generate(SourceProductionContext production, Request request, Compilation compilation)
        {
            SchemaParseResult parsed = SchemaParser.Parse(request.Path, request.Text, _ => null);
            if (!parsed.IsSchema || parsed.Schema == null || parsed.Diagnostics.Count > 0)
            {
                // The codec build (TradeX.Protocol) reports schema errors; binding a broken schema would only repeat them.
                return;
            }

            var diagnostics = new List<Diagnostic>();
            InputBinding? binding = InputBinder.Bind(parsed.Schema, compilation, request.Union, diagnostics);
            foreach (Diagnostic diagnostic in diagnostics)
            {
                production.ReportDiagnostic(diagnostic);
            }

            if (binding == null || diagnostics.Count > 0)
            {
                return;
            }

            string name = PathText.FileName(request.Path);
            if (request.Codec != null)
            {
                string ns = request.CodecNamespace ?? Emit.Naming.Namespace(parsed.Schema.Package, parsed.Schema.Id);
                production.AddSource(name + ".InputCodec.g.cs", SourceText.From(InputBindingEmitter.Codec(binding, request.Codec, ns), Encoding.UTF8));
            }

            if (request.Fields != null)
            {
                production.AddSource(name + ".InputFields.g.cs", SourceText.From(InputBindingEmitter.Fields(binding, request.Fields), Encoding.UTF8));
            }

            if (request.Refs != null)
            {
                production.AddSource(name + ".InputRefs.g.cs", SourceText.From(InputBindingEmitter.Refs(binding, request.Refs), Encoding.UTF8));
            }
        }
    }
}
