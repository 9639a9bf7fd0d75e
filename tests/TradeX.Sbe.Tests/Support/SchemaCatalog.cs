using System.Reflection;
using TradeX.Sbe.Model;
using TradeX.Sbe.Parsing;
using TradeX.Sbe.Runtime;

namespace TradeX.Sbe.Tests.Support;

/// <summary>A schema file parsed with the generator's own parser, paired with the codecs generated from it.</summary>
internal sealed class SchemaUnderTest
{
    public SchemaUnderTest(string path, MessageSchema schema, SbeSchemaDescriptor descriptor)
    {
        Path = path;
        Schema = schema;
        Descriptor = descriptor;
    }

    public string Path { get; }

    public MessageSchema Schema { get; }

    public SbeSchemaDescriptor Descriptor { get; }

    public MessageDef Message(string name) => Schema.Messages.Single(m => m.Name == name);
}

/// <summary>
/// Finds every schema with generated codecs: the repository's schemas/ (whatever it holds:
/// order-entry.xml today, journal.xml when it arrives), this project's test schemas, and the
/// reference Car schemas when the data is present. Codecs are found by reflection through
/// [SbeGeneratedSchema] and matched by package, id and version.
/// </summary>
internal static class SchemaCatalog
{
    private static readonly Lazy<IReadOnlyList<SbeSchemaDescriptor>> Descriptors = new(() =>
        new[] { typeof(TradeX.Protocol.OrderEntry.OrderEntrySchema).Assembly, typeof(SchemaCatalog).Assembly }
            .SelectMany(a => a.GetTypes())
            .Where(t => t.GetCustomAttribute<SbeGeneratedSchemaAttribute>() != null)
            .Select(t => (SbeSchemaDescriptor)t.GetProperty("Descriptor")!.GetValue(null)!)
            .ToList());

    /// <summary>Repository schemas: every one must have codecs in TradeX.Protocol.</summary>
    public static IEnumerable<string> RepositorySchemaFiles() =>
        Directory.GetFiles(TestPaths.SchemasDirectory, "*.xml").OrderBy(f => f, StringComparer.Ordinal);

    /// <summary>Schemas of this test project.</summary>
    public static IEnumerable<string> TestSchemaFiles() =>
        new[] { "every-feature.xml", "evolution-v1.xml", "evolution-v2.xml" }.Select(TestPaths.TestSchema);

    /// <summary>The reference Car schemas compiled into this project, when the data is present.</summary>
    public static IEnumerable<string> ReferenceSchemaFiles()
    {
#if SBE_REFERENCE_DATA
        string directory = TestPaths.ReferenceDataDirectory;
        foreach (string relative in new[] { "samples/example-schema.xml", "samples/example-extension-schema.xml", "tool-test/example-bigendian-test-schema.xml" })
        {
            string path = System.IO.Path.Combine(directory, relative);
            if (File.Exists(path))
            {
                yield return path;
            }
        }
#else
        yield break;
#endif
    }

    public static IEnumerable<string> AllSchemaFiles() =>
        RepositorySchemaFiles().Concat(TestSchemaFiles()).Concat(ReferenceSchemaFiles());

    public static SchemaUnderTest Load(string path)
    {
        SchemaParseResult parsed = SchemaParser.Parse(path, File.ReadAllText(path), p => File.Exists(p) ? File.ReadAllText(p) : null);
        Assert.That(parsed.Diagnostics, Is.Empty, string.Join(Environment.NewLine, parsed.Diagnostics));
        MessageSchema schema = parsed.Schema!;
        SbeSchemaDescriptor? descriptor = Descriptors.Value.FirstOrDefault(d =>
            d.Package == schema.Package && d.Id == schema.Id && d.Version == schema.Version);
        Assert.That(descriptor, Is.Not.Null, $"{path}: no generated codecs for package {schema.Package} id {schema.Id} version {schema.Version} (is it an AdditionalFiles item of TradeX.Protocol?)");
        return new SchemaUnderTest(path, schema, descriptor!);
    }

    /// <summary>Short label for a schema path in test names.</summary>
    public static string Label(string path)
    {
        string normalized = path.Replace('\\', '/');
        int schemas = normalized.LastIndexOf("/schemas/", StringComparison.OrdinalIgnoreCase);
        int sbeReference = normalized.LastIndexOf("/sbe-reference/", StringComparison.Ordinal);
        if (sbeReference >= 0)
        {
            return "sbe-reference/" + normalized[(sbeReference + "/sbe-reference/".Length)..];
        }

        return schemas >= 0 ? normalized[(schemas + 1)..] : System.IO.Path.GetFileName(path);
    }
}
