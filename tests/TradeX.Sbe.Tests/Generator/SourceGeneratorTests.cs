using System.Collections.Immutable;
using System.Diagnostics;
using Microsoft.CodeAnalysis;
using Microsoft.CodeAnalysis.CSharp;
using Microsoft.CodeAnalysis.Diagnostics;
using Microsoft.CodeAnalysis.Text;
using TradeX.Sbe.Tests.Support;

namespace TradeX.Sbe.Tests.Generator;

/// <summary>
/// The incremental generator as the compiler runs it: schemas in AdditionalFiles become sources;
/// schema errors become compiler errors located in the schema file; xi:include resolves against
/// the other AdditionalFiles; the SbeNamespace metadata sets the namespace.
/// </summary>
[TestFixture]
public sealed class SourceGeneratorTests
{
    private const string Valid = """
        <sbe:messageSchema xmlns:sbe="http://fixprotocol.io/2016/sbe" xmlns:xi="http://www.w3.org/2001/XInclude" package="demo" id="3">
            <xi:include href="common.xml"/>
            <sbe:message name="Ping" id="1"><field name="nonce" id="1" type="uint64"/></sbe:message>
        </sbe:messageSchema>
        """;

    private const string Common = """
        <types>
            <composite name="messageHeader">
                <type name="blockLength" primitiveType="uint16"/>
                <type name="templateId" primitiveType="uint16"/>
                <type name="schemaId" primitiveType="uint16"/>
                <type name="version" primitiveType="uint16"/>
            </composite>
        </types>
        """;

    [Test]
    public void A_schema_in_AdditionalFiles_becomes_codecs_that_compile()
    {
        (Compilation output, ImmutableArray<Diagnostic> diagnostics) = Run(
            withRuntime: true,
            ("/p/demo.xml", Valid, "My.Codecs"),
            ("/p/common.xml", Common, null));

        Assert.That(diagnostics, Is.Empty);
        Assert.That(output.GetDiagnostics().Where(d => d.Severity == DiagnosticSeverity.Error), Is.Empty);
        Assert.That(output.GetTypeByMetadataName("My.Codecs.PingDecoder"), Is.Not.Null, "SbeNamespace metadata names the namespace");
        Assert.That(output.GetTypeByMetadataName("My.Codecs.CodecsSchema"), Is.Not.Null);
    }

    [Test]
    public void A_schema_error_is_a_compiler_error_located_in_the_schema_file()
    {
        string broken = Valid.Replace("type=\"uint64\"", "type=\"uint65\"");

        (_, ImmutableArray<Diagnostic> diagnostics) = Run(withRuntime: true, ("/p/demo.xml", broken, null), ("/p/common.xml", Common, null));

        Diagnostic error = diagnostics.Single();
        Assert.That(error.Id, Is.EqualTo("SBE003"));
        Assert.That(error.Severity, Is.EqualTo(DiagnosticSeverity.Error), "an error fails the build");
        FileLinePositionSpan span = error.Location.GetLineSpan();
        Assert.That(span.Path, Is.EqualTo("/p/demo.xml"));
        Assert.That(span.StartLinePosition.Line + 1, Is.EqualTo(3));
        Assert.That(error.GetMessage(), Does.Contain("demo.xml").And.Contain("<field name=\"nonce\"> in <message name=\"Ping\">"));
    }

    [Test]
    public void Codecs_without_the_runtime_reference_are_refused_with_a_clear_error()
    {
        (_, ImmutableArray<Diagnostic> diagnostics) = Run(withRuntime: false, ("/p/demo.xml", Valid, null), ("/p/common.xml", Common, null));

        Assert.That(diagnostics.Single().Id, Is.EqualTo("SBE014"));
        Assert.That(diagnostics.Single().GetMessage(), Does.Contain("TradeX.Sbe.Runtime"));
    }

    [Test]
    [Description("Builds a throwaway project with the generator as an analyzer, as MSBuild does.")]
    public void A_real_dotnet_build_fails_on_a_schema_error_and_names_the_file_and_element()
    {
        if (Environment.GetEnvironmentVariable("TRADEX_LONG_TESTS") != "1")
        {
            Assert.Ignore("Runs a full dotnet build (10-40 s on this shared machine): set TRADEX_LONG_TESTS=1 (./run.sh test --long). The generator-driver tests above cover the same diagnostics in-process.");
        }

        string directory = Path.Combine(Path.GetTempPath(), "tradex-sbe-build-" + Guid.NewGuid().ToString("N"));
        Directory.CreateDirectory(directory);
        try
        {
            string root = TestPaths.RepositoryRoot;
            string schema = Valid.Replace("<xi:include href=\"common.xml\"/>", Common).Replace("type=\"uint64\"", "type=\"uint65\"");
            int line = schema.Split('\n').ToList().FindIndex(l => l.Contains("uint65", StringComparison.Ordinal)) + 1;
            File.WriteAllText(Path.Combine(directory, "broken.xml"), schema);
            File.WriteAllText(Path.Combine(directory, "Probe.csproj"), $"""
                <Project Sdk="Microsoft.NET.Sdk">
                  <PropertyGroup><TargetFramework>net10.0</TargetFramework><ManagePackageVersionsCentrally>false</ManagePackageVersionsCentrally></PropertyGroup>
                  <ItemGroup>
                    <ProjectReference Include="{root}/src/TradeX.Sbe/TradeX.Sbe.csproj" OutputItemType="Analyzer" ReferenceOutputAssembly="false" />
                    <ProjectReference Include="{root}/src/TradeX.Sbe.Runtime/TradeX.Sbe.Runtime.csproj" />
                    <AdditionalFiles Include="broken.xml" />
                  </ItemGroup>
                </Project>
                """);
            var start = new ProcessStartInfo("dotnet", "build -nologo -v:q -c Release") { WorkingDirectory = directory, RedirectStandardOutput = true, RedirectStandardError = true };
            using Process build = Process.Start(start)!;
            string output = build.StandardOutput.ReadToEnd() + build.StandardError.ReadToEnd();
            build.WaitForExit();

            Assert.That(build.ExitCode, Is.Not.Zero, output);
            Assert.That(output, Does.Contain($"broken.xml({line},").And.Contain("error SBE003").And.Contain("<field name=\"nonce\"> in <message name=\"Ping\">"), output);
        }
        finally
        {
            Directory.Delete(directory, recursive: true);
        }
    }

    private static (Compilation Output, ImmutableArray<Diagnostic> Diagnostics) Run(bool withRuntime, params (string Path, string Text, string? Namespace)[] files)
    {
        var references = InProcessCompiler.MetadataReferences
            .Where(r => withRuntime || !(r.Display ?? string.Empty).EndsWith("TradeX.Sbe.Runtime.dll", StringComparison.Ordinal))
            .ToList();
        CSharpCompilation compilation = CSharpCompilation.Create("Probe", Array.Empty<SyntaxTree>(), references, new CSharpCompilationOptions(OutputKind.DynamicallyLinkedLibrary, nullableContextOptions: NullableContextOptions.Enable));
        var texts = files.Select(f => (AdditionalText)new InMemoryText(f.Path, f.Text)).ToImmutableArray();
        var options = new Options(files.Where(f => f.Namespace != null).ToDictionary(f => f.Path, f => f.Namespace!));
        GeneratorDriver driver = CSharpGeneratorDriver.Create(
            new[] { new SbeSourceGenerator().AsSourceGenerator() },
            texts,
            new CSharpParseOptions(LanguageVersion.Latest),
            options);
        driver.RunGeneratorsAndUpdateCompilation(compilation, out Compilation output, out ImmutableArray<Diagnostic> diagnostics);
        return (output, diagnostics);
    }

    private sealed class Options : AnalyzerConfigOptionsProvider
    {
        private readonly Dictionary<string, string> _namespaces;

        public Options(Dictionary<string, string> namespaces)
        {
            _namespaces = namespaces;
        }

        public override AnalyzerConfigOptions GlobalOptions => new FileOptions(null);

        public override AnalyzerConfigOptions GetOptions(SyntaxTree tree) => new FileOptions(null);

        public override AnalyzerConfigOptions GetOptions(AdditionalText textFile) =>
            new FileOptions(_namespaces.TryGetValue(textFile.Path, out string? ns) ? ns : null);

        private sealed class FileOptions : AnalyzerConfigOptions
        {
            private readonly string? _namespace;

            public FileOptions(string? ns)
            {
                _namespace = ns;
            }

            public override bool TryGetValue(string key, out string value)
            {
                value = _namespace ?? string.Empty;
                return key == "build_metadata.AdditionalFiles.SbeNamespace" && _namespace != null;
            }
        }
    }
}
