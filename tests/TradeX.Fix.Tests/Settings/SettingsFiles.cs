using TradeX.Fix.Tests.Support;

namespace TradeX.Fix.Tests.Settings;

/// <summary>Settings files for the reader tests: the smallest valid initiator, and a writer into a fresh directory.</summary>
internal static class SettingsFiles
{
    public const string MinimalInitiator = """
        [DEFAULT]
        ConnectionType=initiator
        HeartBtInt=30
        StartTime=00:00:00
        EndTime=00:00:00
        SocketConnectHost=127.0.0.1
        SocketConnectPort=9880
        [SESSION]
        BeginString=FIX.4.4
        SenderCompID=A
        TargetCompID=B
        """;

    /// <summary>Writes <paramref name="content"/> as <paramref name="fileName"/> in <paramref name="dir"/> (a new temporary directory if null).</summary>
    public static string Write(string content, string fileName = "session.cfg", string? dir = null)
    {
        var path = Path.Combine(dir ?? TestPaths.NewTempDirectory("settings"), fileName);
        File.WriteAllText(path, content);
        return path;
    }

    /// <summary>1-based line of the first line of <paramref name="content"/> that starts with <paramref name="start"/>.</summary>
    public static int LineOf(string content, string start) =>
        content.Split('\n').Select((l, i) => (l, i)).First(x => x.l.StartsWith(start, StringComparison.Ordinal)).i + 1;
}
