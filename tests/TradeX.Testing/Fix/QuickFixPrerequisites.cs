namespace TradeX.Testing;

/// <summary>
/// The QuickFIX C++ simulator needs g++ and Debian's libquickfix-dev (./run.sh installs both). Tests that compare
/// with QuickFIX are skipped, saying which is missing, on a machine without them; everywhere else they run.
/// </summary>
public static class QuickFixPrerequisites
{
    public static void SkipUnlessInstalled()
    {
        if (!File.Exists("/usr/include/quickfix/Application.h"))
            Assert.Ignore("QuickFIX C++ headers missing (/usr/include/quickfix): install libquickfix-dev (./run.sh test installs it)");
        var path = Environment.GetEnvironmentVariable("PATH") ?? "";
        if (!path.Split(':').Any(dir => File.Exists(Path.Combine(dir, "g++"))))
            Assert.Ignore("g++ missing from PATH: install g++ (./run.sh test installs it) to build the QuickFIX simulator");
    }
}
