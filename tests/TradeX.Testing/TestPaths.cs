namespace TradeX.Testing;

/// <summary>Where the tests find the repository and the standard FIX44.xml dictionary.</summary>
public static class TestPaths
{
    public static string RepoRoot
    {
        get
        {
            var dir = new DirectoryInfo(AppContext.BaseDirectory);
            while (dir is not null && !File.Exists(Path.Combine(dir.FullName, "TradeX.Core.sln"))) dir = dir.Parent;
            return dir?.FullName ?? throw new InvalidOperationException("repository root (TradeX.Core.sln) not found above " + AppContext.BaseDirectory);
        }
    }

    /// <summary>
    /// TRADEX_FIX_DICTIONARY first, then &lt;repo&gt;/.deps/fix/FIX44.xml; the test is ignored (with the reason)
    /// when neither exists, e.g. before ./run.sh test has fetched it.
    /// </summary>
    public static string Fix44Dictionary
    {
        get
        {
            var env = Environment.GetEnvironmentVariable("TRADEX_FIX_DICTIONARY");
            if (!string.IsNullOrEmpty(env) && File.Exists(env)) return env;
            var local = Path.Combine(RepoRoot, ".deps", "fix", "FIX44.xml");
            if (File.Exists(local)) return local;
            Assert.Ignore("FIX44.xml not found: set TRADEX_FIX_DICTIONARY or run ./run.sh test, which fetches it into .deps/fix/");
            return "";
        }
    }

    /// <summary>This test run's scratch root; removed by the FIX tests' TempDirectoryCleanup when every test passed.</summary>
    public static string RunRoot { get; } = Path.Combine(Path.GetTempPath(), "tradex-fix-tests", $"run-{Environment.ProcessId}-{DateTime.UtcNow:yyyyMMddHHmmss}");

    public static string NewTempDirectory(string name)
    {
        var dir = Path.Combine(RunRoot, $"{name}-{Guid.NewGuid():N}");
        Directory.CreateDirectory(dir);
        return dir;
    }

    /// <summary>The dotnet host that runs the tests, to start the project's executables as child processes.</summary>
    public static string DotnetHost =>
        Environment.GetEnvironmentVariable("DOTNET_HOST_PATH") is { Length: > 0 } host ? host
        : Environment.ProcessPath is { } self && System.IO.Path.GetFileNameWithoutExtension(self) == "dotnet" ? self : "dotnet";

    public static bool LongTests => Environment.GetEnvironmentVariable("TRADEX_LONG_TESTS") == "1";
}
