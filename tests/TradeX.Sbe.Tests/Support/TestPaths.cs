namespace TradeX.Sbe.Tests.Support;

/// <summary>
/// Where the tests find the repository's schemas and the shared reference data. The data lives
/// outside the repository (../shared/data from the repository root) and is read in place, never
/// copied; tests that need it are ignored with a clear message when it is absent.
/// </summary>
internal static class TestPaths
{
    private static readonly Lazy<string> Root = new(FindRepositoryRoot);

    /// <summary>The repository root (the directory holding TradeX.Core.sln).</summary>
    public static string RepositoryRoot => Root.Value;

    /// <summary>schemas/ of the repository.</summary>
    public static string SchemasDirectory => Path.Combine(RepositoryRoot, "schemas");

    /// <summary>Schemas of this test project, copied next to the test assembly.</summary>
    public static string TestSchema(string fileName) => Path.Combine(AppContext.BaseDirectory, "Schemas", fileName);

    /// <summary>../shared/data/sbe-reference relative to the repository root.</summary>
    public static string ReferenceDataDirectory => Path.GetFullPath(Path.Combine(RepositoryRoot, "..", "shared", "data", "sbe-reference"));

    /// <summary>A file of the reference data; ignores the calling test when it is absent.</summary>
    public static string ReferenceFile(string relativePath)
    {
        string path = Path.Combine(ReferenceDataDirectory, relativePath);
        if (!File.Exists(path))
        {
            Assert.Ignore($"SBE reference data not found at {path}: the conformance tests need ../shared/data/sbe-reference (see its SOURCE.md).");
        }

        return path;
    }

    /// <summary>Ignores the calling test when the build had no reference data to generate codecs from.</summary>
    public static void RequireReferenceCodecs()
    {
#if !SBE_REFERENCE_DATA
        Assert.Ignore("Built without ../shared/data/sbe-reference, so no codecs were generated from the reference Car schemas: conformance tests skipped.");
#endif
    }

    private static string FindRepositoryRoot()
    {
        for (DirectoryInfo? directory = new(AppContext.BaseDirectory); directory != null; directory = directory.Parent)
        {
            if (File.Exists(Path.Combine(directory.FullName, "TradeX.Core.sln")))
            {
                return directory.FullName;
            }
        }

        throw new InvalidOperationException($"TradeX.Core.sln not found above {AppContext.BaseDirectory}");
    }
}
