using System;
using System.Collections.Generic;
using System.Collections.Immutable;
using System.Linq;
using System.Text;
using System.Threading;
using Microsoft.CodeAnalysis;
using Microsoft.CodeAnalysis.Diagnostics;
using Microsoft.CodeAnalysis.Text;
using TradeX.Sbe.Emit;
using TradeX.Sbe.Parsing;

namespace TradeX.Sbe
{
    /// <summary>
    /// Roslyn incremental generator: every AdditionalFiles XML whose root is an SBE messageSchema
    /// becomes flyweight codecs on build. Other XML files are ignored, but may be xi:include-d.
    /// Optional item metadata SbeNamespace overrides the namespace derived from the package (make it
    /// visible with &lt;CompilerVisibleItemMetadata Include="AdditionalFiles" MetadataName="SbeNamespace" /&gt;).
    /// Schema errors are compiler errors located at the schema element.
    /// </summary>
    [Generator(LanguageNames.CSharp)]
    public sealed class SbeSourceGenerator : IIncrementalGenerator
    {
        private const string RuntimeMarker = "TradeX.Sbe.Runtime.SbeDecodeException";

        /// <inheritdoc />
        public void Initialize(IncrementalGeneratorInitializationContext context)
        {
            IncrementalValueProvider<ImmutableArray<SchemaInput>> inputs = context.AdditionalTextsProvider
                .Where(text => text.Path.EndsWith(".xml", StringComparison.OrdinalIgnoreCase))
                .Combine(context.AnalyzerConfigOptionsProvider)
                .Select((pair, cancellationToken) => Read(pair.Left, pair.Right, cancellationToken))
                .Collect();
            IncrementalValueProvider<bool> hasRuntime = context.CompilationProvider
                .Select((compilation, _) => compilation.GetTypeByMetadataName(RuntimeMarker) != null);
            context.RegisterSourceOutput(inputs.Combine(hasRuntime), (production, pair) => Generate(production, pair.Left, pair.Right));
        }

        private static SchemaInput Read(AdditionalText text, AnalyzerConfigOptionsProvider options, CancellationToken cancellationToken)
        {
            AnalyzerConfigOptions fileOptions = options.GetOptions(text);
            fileOptions.TryGetValue("build_metadata.AdditionalFiles.SbeNamespace", out string? ns);
            if (Binding.InputBindingGenerator.IsBound(fileOptions))
            {
                // A schema bound to engine inputs is the input binding generator's; its codecs come from TradeX.Protocol.
                return new SchemaInput(PathText.Normalize(text.Path), null, null);
            }

            return new SchemaInput(PathText.Normalize(text.Path), text.GetText(cancellationToken)?.ToString(), string.IsNullOrWhiteSpace(ns) ? null : ns);
        }

        private static void Generate(SourceProductionContext production, ImmutableArray<SchemaInput> inputs, bool hasRuntime)
        {
            var byPath = new Dictionary<string, string>(StringComparer.Ordinal);
            foreach (SchemaInput input in inputs)
            {
                if (input.Text != null)
                {
                    byPath[input.Path] = input.Text;
                }
            }

            bool reportedRuntime = false;
            foreach (SchemaInput input in inputs.OrderBy(i => i.Path, StringComparer.Ordinal))
            {
                production.CancellationToken.ThrowIfCancellationRequested();
                if (input.Text == null)
                {
                    continue;
                }

                SbeGenerationResult result = SbeCodeGenerator.Generate(
                    input.Path,
                    input.Text,
                    path => byPath.TryGetValue(PathText.Normalize(path), out string? text) ? text : null,
                    input.Namespace);
                if (!result.IsSchema)
                {
                    continue;
                }

                foreach (SchemaDiagnostic diagnostic in result.Diagnostics)
                {
                    production.ReportDiagnostic(ToDiagnostic(diagnostic));
                }

                if (!hasRuntime)
                {
                    if (!reportedRuntime)
                    {
                        var source = new Model.SourceRef(input.Path, 1, 1, "<messageSchema>");
                        production.ReportDiagnostic(ToDiagnostic(new SchemaDiagnostic(
                            DiagnosticIds.RuntimeMissing,
                            $"{PathText.FileName(input.Path)}: generated SBE codecs need a reference to TradeX.Sbe.Runtime (add a ProjectReference to src/TradeX.Sbe.Runtime)",
                            source)));
                        reportedRuntime = true;
                    }

                    continue;
                }

                foreach (GeneratedFile file in result.Files)
                {
                    production.AddSource(file.HintName, SourceText.From(file.Source, Encoding.UTF8));
                }
            }
        }

        internal static Diagnostic ToDiagnostic(SchemaDiagnostic diagnostic)
        {
            int line = Math.Max(0, diagnostic.Source.Line - 1);
            int column = Math.Max(0, diagnostic.Source.Column - 1);
            var position = new LinePosition(line, column);
            Location location = Location.Create(diagnostic.Source.FilePath, default, new LinePositionSpan(position, position));
            return Diagnostic.Create(Descriptors.For(diagnostic.Id), location, diagnostic.Message);
        }

        private sealed class SchemaInput : IEquatable<SchemaInput>
        {
            public SchemaInput(string path, string? text, string? ns)
            {
                Path = path;
                Text = text;
                Namespace = ns;
            }

            public string Path { get; }

            public string? Text { get; }

            public string? Namespace { get; }

            public bool Equals(SchemaInput? other) =>
                other != null && Path == other.Path && Text == other.Text && Namespace == other.Namespace;

            public override bool Equals(object? obj) => Equals(obj as SchemaInput);

            public override int GetHashCode() => (Path.GetHashCode() * 31) ^ (Text?.Length ?? 0);
        }
    }
}
