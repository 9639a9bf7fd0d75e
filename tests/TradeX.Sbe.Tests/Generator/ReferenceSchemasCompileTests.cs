using TradeX.Sbe.Tests.Support;

namespace TradeX.Sbe.Tests.Generator;

/// <summary>
/// Every schema of the reference folder, including CME's MDP3 FixBinary.xml, generates codecs that
/// compile without a single warning (nullable on, highest warning level), like a consuming project.
/// The same compilation is loaded and driven by the round-trip and fuzz tests.
/// </summary>
[TestFixture]
public sealed class ReferenceSchemasCompileTests
{
    public static IEnumerable<TestCaseData> Schemas()
    {
        bool any = false;
        foreach (string relative in CompiledReferenceSchemas.RelativePaths())
        {
            any = true;
            yield return new TestCaseData(relative).SetName($"Reference schema {relative} generates code that compiles");
        }

        if (!any)
        {
            yield return new TestCaseData(string.Empty).SetName("Reference schemas (data absent)");
        }
    }

    [TestCaseSource(nameof(Schemas))]
    public void Generates_code_that_compiles_without_warnings(string relativePath)
    {
        if (relativePath.Length == 0)
        {
            Assert.Ignore($"SBE reference data not found at {TestPaths.ReferenceDataDirectory}: the schema compile tests need ../shared/data/sbe-reference.");
        }

        var problems = CompiledReferenceSchemas.Problems(relativePath);

        Assert.That(problems, Is.Empty, string.Join(Environment.NewLine, problems.Take(20)));
    }

    [Test]
    public void The_included_types_file_alone_is_not_a_schema_and_is_skipped()
    {
        string path = TestPaths.ReferenceFile("samples/common-types.xml");

        SbeGenerationResult result = SbeCodeGenerator.Generate(path, File.ReadAllText(path), _ => null);

        Assert.That(result.IsSchema, Is.False);
        Assert.That(result.Diagnostics, Is.Empty);
    }
}
