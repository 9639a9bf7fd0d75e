using TradeX.Fix.Tests.Support;

namespace TradeX.Fix.Tests.Interop;

/// <summary>
/// Our engine in a process of its own (host/TradeX.Fix.TestHost, a venue session from a settings file)
/// killed with SIGKILL in the middle of a fill stream from QuickFIX, then started again on its file store.
/// </summary>
[NonParallelizable]
public sealed class OurProcessKilledTests
{
    private static string HostDll
    {
        get
        {
            // Same configuration and framework as this test assembly (…/bin/<Configuration>/<tfm>/).
            var tfm = new DirectoryInfo(AppContext.BaseDirectory.TrimEnd(Path.DirectorySeparatorChar));
            var configuration = tfm.Parent!.Name;
            var dll = Path.Combine(TestPaths.RepoRoot, "tests", "TradeX.Fix.Tests", "host", "bin", configuration, tfm.Name, "TradeX.Fix.TestHost.dll");
            if (!File.Exists(dll)) Assert.Fail($"{dll} not built (TradeX.Fix.Tests builds it through its project reference)");
            return dll;
        }
    }

    private static LineProcess StartHost(string settings)
    {
        var host = new LineProcess("dotnet", $"\"{HostDll}\" \"{settings}\"");
        host.WaitFor(l => l == "READY" || l.StartsWith("STDERR", StringComparison.Ordinal), "host READY");
        if (host.Lines.Any(l => l.StartsWith("STDERR", StringComparison.Ordinal))) Assert.Fail("host failed:\n" + host.Tail());
        return host;
    }

    private static List<(string ExecId, bool PossDup)> Fills(LineProcess host, string clOrdId) =>
        host.Lines.Where(l => l.StartsWith($"ER {clOrdId} ", StringComparison.Ordinal))
            .Select(l => l.Split(' ')).Where(p => p[3] == "F").Select(p => (p[2], p[7] == "Y")).ToList();

    [Test]
    public void Our_process_killed_mid_stream_restarts_on_its_store_and_recovers_every_fill()
    {
        var dir = TestPaths.NewTempDirectory("interop-kill");
        int port = FreePort.Next();
        using var sim = QuickFixSimulator.Start(Path.Combine(dir, "sim"), "acceptor", port);
        var settings = Path.Combine(dir, "tradex.cfg");
        File.WriteAllText(settings, $"""
            [DEFAULT]
            ConnectionType=initiator
            HeartBtInt=30
            ReconnectInterval=1
            NonStopSession=Y
            FileStorePath=store
            DataDictionary={TestPaths.Fix44Dictionary}
            [SESSION]
            BeginString=FIX.4.4
            SenderCompID=TRADEX
            TargetCompID=EXCH
            SocketConnectHost=127.0.0.1
            SocketConnectPort={port}
            """);

        List<(string ExecId, bool PossDup)> before;
        using (var first = StartHost(settings))
        {
            first.WaitFor(l => l == "UP", "first run logged on");
            first.Command("order STREAM BURST 60");
            first.WaitFor(l => l.StartsWith("SENT STREAM Sent 2", StringComparison.Ordinal), "order sent as MsgSeqNum 2");
            Wait.Until(() => Fills(first, "STREAM").Count >= 10, () => "the fill stream has started\n" + first.Tail() + "\n--- simulator ---\n" + sim.Tail());
            first.Kill();
            before = Fills(first, "STREAM");
        }
        Assert.That(before, Has.Count.LessThan(60), "killed before the stream ended");
        sim.WaitForCount("LOGOUT", 1);
        // QuickFIX keeps filling, and storing, while we are dead: wait until it has sent the whole burst.
        Wait.Until(() => sim.Messages("TOAPP", "8").Count(m => m[11] == "STREAM" && m[150] == "F") == 60, () => "QuickFIX to finish the burst\n" + sim.Tail());

        using var second = StartHost(settings);
        second.WaitFor(l => l == "UP", "second run logged on\n" + sim.Tail());
        sim.WaitForCount("LOGON", 2);
        Assert.That(sim.Messages("FROMADMIN", "A")[1].MsgSeqNum, Is.EqualTo(3), "the Logon continues after Logon 1 and order 2, read back from the store");
        Wait.Until(() => before.Concat(Fills(second, "STREAM")).Select(f => f.ExecId).Distinct().Count() == 60,
            () => "all 60 fills across the two runs\n" + second.Tail() + "\n--- simulator ---\n" + sim.Tail());
        Assert.That(Fills(second, "STREAM").Any(f => f.PossDup), "fills missed while dead were resent (PossDup) on our ResendRequest");
        Assert.That(Fills(second, "STREAM").Where(f => !f.PossDup).Select(f => f.ExecId).Intersect(before.Select(f => f.ExecId)), Is.Empty,
            "nothing processed before the kill came back as a new message");
        sim.WaitForMessage("FROMADMIN", "2");
        Assert.That(sim.Messages("FROMADMIN", "3"), Is.Empty, "QuickFIX rejected nothing");
        second.Quit();
    }
}
