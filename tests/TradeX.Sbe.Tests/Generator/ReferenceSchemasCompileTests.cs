using TradeX.Sbe.Tests.Support;

namespace TradeX.Sbe.Tests.Generator;

/// <summary>
/// Every schema of the reference folder, including CME's MDP3 FixBinary.xml, generates codecs that
/// compile without a single warning (nullable on, highest warning level), like a consuming project.
/// </summary>
[TestFixture]
public sealed class ReferenceSchemasCompileTests
{
    private const string Missing = "(reference data absent)";

    public static IEnumerable<TestCaseData> Schemas()
    {
        string directory;
        try
        {
            directory = TestPaths.ReferenceDataDirectory;
        }
        catch (InvalidOperationException)
        {
            directory = string.Empty;
        }

        if (directory.Length == 0 || !Directory.Exists(directory))
        {
            yield return new TestCaseData(Missing).SetName("Reference schemas (data absent)");
            yield break;
        }

        foreach (string file in Directory.GetFiles(directory, "*.xml", SearchOption.AllDirectories).OrderBy(f => f, StringComparer.Ordinal))
        {
            string relative = Path.GetRelativePath(directory, file).Replace('\\', '/');
            yield return new TestCaseData(relative).SetName($"Reference schema {relative} generates code that compiles");
        }
    }

    [TestCaseSource(nameof(Schemas))]
    public void Generates_code_that_compiles_without_warnings(string relativePath)
    {
        if (relativePath == Missing)
        {
            Assert.Ignore($"SBE reference data not found at {TestPaths.ReferenceDataDirectory}: the schema compile tests need ../shared/data/sbe-reference.");
        }

        string path = TestPaths.ReferenceFile(relativePath);
        SbeGenerationResult result = SbeCodeGenerator.Generate(path, File.ReadAllText(path), p => File.Exists(p) ? File.ReadAllText(p) : null);
        if (!result.IsSchema)
        {
            Assert.That(Path.GetFileName(path), Is.EqualTo("common-types.xml"), "only the included types file is not a schema");
            return;
        }

        Assert.That(result.Diagnostics, Is.Empty, string.Join(Environment.NewLine, result.Diagnostics));
        Assert.That(result.Files, Is.Not.Empty);

        var problems = InProcessCompiler.Compile("Reference_" + Path.GetFileNameWithoutExtension(path).Replace('-', '_'), result.Files);

        Assert.That(problems, Is.Empty, string.Join(Environment.NewLine, problems.Take(20)));
    }
}
