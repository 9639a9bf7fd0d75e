using System.Collections.Concurrent;
using System.Reflection;
using System.Runtime.Loader;
using Microsoft.CodeAnalysis;
using Microsoft.CodeAnalysis.CSharp;
using TradeX.Sbe.Parsing;
using TradeX.Sbe.Runtime;

namespace TradeX.Sbe.Tests.Support;

/// <summary>
/// Every schema of the reference folder generated, compiled and loaded in this process, so the
/// generic property and fuzz tests can drive their codecs through their SbeSchemaDescriptor (the
/// delegates take spans; no reflection on ref structs is needed). Compiled and emitted once per test
/// run; the compile test checks the same compilation's diagnostics.
/// </summary>
internal static class CompiledReferenceSchemas
{
    private static readonly ConcurrentDictionary<string, Lazy<(SchemaUnderTest? Target, IReadOnlyList<Diagnostic> Problems)>> Cache = new();

    /// <summary>Relative paths (from the reference folder) of every schema in it; empty when the data is absent.</summary>
    public static IEnumerable<string> RelativePaths()
    {
        string directory = TestPaths.ReferenceDataDirectory;
        if (!Directory.Exists(directory))
        {
            yield break;
        }

        foreach (string file in Directory.GetFiles(directory, "*.xml", SearchOption.AllDirectories).OrderBy(f => f, StringComparer.Ordinal))
        {
            string text = File.ReadAllText(file);
            if (text.Contains("messageSchema", StringComparison.Ordinal))
            {
                yield return Path.GetRelativePath(directory, file).Replace('\\', '/');
            }
        }
    }

    /// <summary>The loaded codecs; fails the calling test when the schema did not compile cleanly.</summary>
    public static SchemaUnderTest Load(string relativePath)
    {
        (SchemaUnderTest? target, IReadOnlyList<Diagnostic> problems) = Compiled(relativePath);
        Assert.That(problems, Is.Empty, string.Join(Environment.NewLine, problems.Take(20)));
        return target!;
    }

    /// <summary>Every warning and error of compiling the schema's generated code (highest warning level, nullable on).</summary>
    public static IReadOnlyList<Diagnostic> Problems(string relativePath) => Compiled(relativePath).Problems;

    private static (SchemaUnderTest? Target, IReadOnlyList<Diagnostic> Problems) Compiled(string relativePath) =>
        Cache.GetOrAdd(relativePath, p => new Lazy<(SchemaUnderTest?, IReadOnlyList<Diagnostic>)>(() => Compile(p))).Value;

    private static (SchemaUnderTest?, IReadOnlyList<Diagnostic>) Compile(string relativePath)
    {
        string path = TestPaths.ReferenceFile(relativePath);
        string? Resolve(string p) => File.Exists(p) ? File.ReadAllText(p) : null;
        string name = "Loaded_" + relativePath.Replace('/', '_').Replace('-', '_').Replace('.', '_');
        SbeGenerationResult result = SbeCodeGenerator.Generate(path, File.ReadAllText(path), Resolve, "TradeX.Sbe.Tests." + name);
        Assert.That(result.Diagnostics, Is.Empty, string.Join(Environment.NewLine, result.Diagnostics));
        var parseOptions = new CSharpParseOptions(LanguageVersion.Latest);
        CSharpCompilation compilation = InProcessCompiler.CreateCompilation(
            name,
            result.Files.Select(f => CSharpSyntaxTree.ParseText(f.Source, parseOptions, path: f.HintName)));
        using var image = new MemoryStream();
        var emitted = compilation.Emit(image);
        List<Diagnostic> problems = emitted.Diagnostics.Where(d => d.Severity >= DiagnosticSeverity.Warning).ToList();
        if (!emitted.Success)
        {
            return (null, problems);
        }

        image.Position = 0;
        Assembly assembly = AssemblyLoadContext.Default.LoadFromStream(image);
        Type schemaClass = assembly.GetTypes().Single(t => t.GetCustomAttribute<SbeGeneratedSchemaAttribute>() != null);
        var descriptor = (SbeSchemaDescriptor)schemaClass.GetProperty("Descriptor")!.GetValue(null)!;
        SchemaParseResult parsed = SchemaParser.Parse(path, File.ReadAllText(path), Resolve);
        return (new SchemaUnderTest(path, parsed.Schema!, descriptor), problems);
    }
}
