using NUnit.Framework.Interfaces;

using TradeX.Fix.Tests.Support;

namespace TradeX.Fix.Tests;

/// <summary>
/// Removes this run's stores, logs and simulator directories when the run passed (they are kept after a
/// failure, to read the QuickFIX and TradeX logs), and runs older than a day.
/// </summary>
[SetUpFixture]
public sealed class TempDirectoryCleanup
{
    [OneTimeSetUp]
    public void RemoveOldRuns()
    {
        var root = Path.GetDirectoryName(TestPaths.RunRoot)!;
        if (!Directory.Exists(root)) return;
        foreach (var dir in Directory.GetDirectories(root))
        {
            if (Directory.GetLastWriteTimeUtc(dir) > DateTime.UtcNow.AddDays(-1)) continue;
            try { Directory.Delete(dir, recursive: true); } catch (IOException) { } catch (UnauthorizedAccessException) { }
        }
    }

    [OneTimeTearDown]
    public void RemoveThisRun()
    {
        if (TestContext.CurrentContext.Result.Outcome.Status != TestStatus.Passed || !Directory.Exists(TestPaths.RunRoot)) return;
        try { Directory.Delete(TestPaths.RunRoot, recursive: true); } catch (IOException) { } catch (UnauthorizedAccessException) { }
    }
}
