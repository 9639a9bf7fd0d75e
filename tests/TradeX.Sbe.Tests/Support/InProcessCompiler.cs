using Microsoft.CodeAnalysis;
using Microsoft.CodeAnalysis.CSharp;
using TradeX.Sbe.Emit;

namespace TradeX.Sbe.Tests.Support;

/// <summary>
/// Compiles generated code with Roslyn in the test process, against the running framework and
/// TradeX.Sbe.Runtime, the way a consuming project would: nullable on, every warning reported.
/// </summary>
internal static class InProcessCompiler
{
    private static readonly Lazy<IReadOnlyList<MetadataReference>> References = new(() =>
    {
        var references = ((string)AppContext.GetData("TRUSTED_PLATFORM_ASSEMBLIES")!)
            .Split(Path.PathSeparator)
            .Where(path => path.EndsWith(".dll", StringComparison.OrdinalIgnoreCase))
            .Select(path => (MetadataReference)MetadataReference.CreateFromFile(path))
            .ToList();
        string runtime = typeof(TradeX.Sbe.Runtime.SbeError).Assembly.Location;
        if (!references.Any(r => r.Display == runtime))
        {
            references.Add(MetadataReference.CreateFromFile(runtime));
        }

        return references;
    });

    public static IReadOnlyList<MetadataReference> MetadataReferences => References.Value;

    public static CSharpCompilation CreateCompilation(string assemblyName, IEnumerable<SyntaxTree> trees) =>
        CSharpCompilation.Create(
            assemblyName,
            trees,
            MetadataReferences,
            new CSharpCompilationOptions(
                OutputKind.DynamicallyLinkedLibrary,
                nullableContextOptions: NullableContextOptions.Enable,
                warningLevel: 9999,
                optimizationLevel: OptimizationLevel.Release));

    /// <summary>
    /// Compiles (parse, bind, flow and ref-safety analysis: every diagnostic a build reports) and
    /// returns every warning and error; empty means the code is clean.
    /// </summary>
    public static IReadOnlyList<Diagnostic> Compile(string assemblyName, IEnumerable<GeneratedFile> files)
    {
        var parseOptions = new CSharpParseOptions(LanguageVersion.Latest);
        List<SyntaxTree> trees = files.Select(f => CSharpSyntaxTree.ParseText(f.Source, parseOptions, path: f.HintName)).ToList();
        CSharpCompilation compilation = CreateCompilation(assemblyName, trees);
        return compilation.GetDiagnostics().Where(d => d.Severity >= DiagnosticSeverity.Warning).ToList();
    }
}
