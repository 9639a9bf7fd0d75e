using System.Diagnostics;
using System.Security.Cryptography;
using System.Text;

namespace TradeX.Testing;

/// <summary>
/// The real QuickFIX C++ peer: compiles tests/TradeX.Testing/Fix/fixsim.cpp with g++ against Debian's libquickfix-dev
/// (once per source version: the binary is cached under the temp directory keyed by the source's
/// SHA-256), runs it as a separate process with a settings file written here, sends it commands on
/// stdin and reads the events it prints on stdout.
/// </summary>
public sealed class QuickFixSimulator : IDisposable
{
    private static readonly object BuildLock = new();
    private static string? _binary;
    private readonly LineProcess _process;

    private QuickFixSimulator(LineProcess process, string directory, int port)
    {
        _process = process;
        Directory = directory;
        Port = port;
    }

    public string Directory { get; }
    public int Port { get; }
    public bool HasExited => _process.HasExited;

    public static string Binary
    {
        get
        {
            lock (BuildLock)
            {
                if (_binary is not null) return _binary;
                var source = Path.Combine(TestPaths.RepoRoot, "tests", "TradeX.Testing", "Fix", "fixsim.cpp");
                if (!File.Exists("/usr/include/quickfix/Application.h"))
                    Assert.Fail("QuickFIX C++ headers missing: install libquickfix-dev (./run.sh test installs it)");
                var hash = Convert.ToHexString(SHA256.HashData(File.ReadAllBytes(source)))[..16].ToLowerInvariant();
                var cacheDir = Path.Combine(Path.GetTempPath(), "tradex-fix-interop");
                System.IO.Directory.CreateDirectory(cacheDir);
                var binary = Path.Combine(cacheDir, $"fixsim-{hash}");
                if (!File.Exists(binary))
                {
                    var tmp = binary + $".{Environment.ProcessId}.tmp";
                    var (code, output) = Run("g++", $"-std=c++14 -O2 -Wno-deprecated -Wno-deprecated-declarations -o \"{tmp}\" \"{source}\" -lquickfix -lpthread");
                    if (code != 0) Assert.Fail($"g++ failed to build the QuickFIX simulator ({code}):\n{output}");
                    File.Move(tmp, binary, overwrite: true);
                }
                return _binary = binary;
            }
        }
    }

    private static (int Code, string Output) Run(string file, string args)
    {
        var psi = new ProcessStartInfo(file, args) { RedirectStandardOutput = true, RedirectStandardError = true };
        using var p = Process.Start(psi) ?? throw new InvalidOperationException($"cannot start {file}");
        var stdout = p.StandardOutput.ReadToEndAsync();
        var stderr = p.StandardError.ReadToEnd();
        p.WaitForExit();
        return (p.ExitCode, stdout.Result + stderr);
    }

    /// <summary>
    /// Starts the simulator. <paramref name="directory"/> holds its settings, file store and logs: start
    /// again with the same directory to restart it on the state it had. <paramref name="options"/> are fixsim's
    /// (space separated): <c>echo</c> (the conformance echo server instead of the exchange), <c>raw</c> (an
    /// initiator on fixsim's own socket, for <c>garblenext</c>).
    /// </summary>
    public static QuickFixSimulator Start(string directory, string mode, int port, string sender = "EXCH", string target = "TRADEX",
        string extraSettings = "", string options = "")
    {
        var binary = Binary;
        System.IO.Directory.CreateDirectory(directory);
        var settings = new StringBuilder()
            .AppendLine("[DEFAULT]")
            .AppendLine($"ConnectionType={mode}")
            .AppendLine($"FileStorePath={Path.Combine(directory, "store")}")
            .AppendLine($"FileLogPath={Path.Combine(directory, "log")}")
            .AppendLine("StartTime=00:00:00")
            .AppendLine("EndTime=00:00:00")
            .AppendLine("HeartBtInt=30")
            .AppendLine($"DataDictionary={TestPaths.Fix44Dictionary}")
            .AppendLine("SocketNodelay=Y")
            .AppendLine("ReconnectInterval=1")
            .AppendLine(mode == "acceptor" ? $"SocketAcceptHost=127.0.0.1\nSocketAcceptPort={port}" : $"SocketConnectHost=127.0.0.1\nSocketConnectPort={port}")
            .Append(extraSettings)
            .AppendLine("[SESSION]")
            .AppendLine("BeginString=FIX.4.4")
            .AppendLine($"SenderCompID={sender}")
            .AppendLine($"TargetCompID={target}")
            .ToString();
        var settingsPath = Path.Combine(directory, "quickfix.cfg");
        File.WriteAllText(settingsPath, settings);
        var sim = new QuickFixSimulator(new LineProcess(binary, $"\"{settingsPath}\" {mode} {options}".TrimEnd()), directory, port);
        sim.WaitFor(l => l == "READY" || l.StartsWith("ERROR", StringComparison.Ordinal), "simulator READY");
        if (sim.Lines.Any(l => l.StartsWith("ERROR", StringComparison.Ordinal))) Assert.Fail("simulator failed:\n" + string.Join("\n", sim.Lines));
        return sim;
    }

    public IReadOnlyList<string> Lines => _process.Lines;

    /// <summary>Messages the simulator received (FROMAPP/FROMADMIN) or sent (TOAPP/TOADMIN), parsed.</summary>
    public List<SimMessage> Messages(string direction, string? msgType = null) =>
        Lines.Where(l => l.StartsWith(direction + " ", StringComparison.Ordinal))
            .Select(l => SimMessage.Parse(l[(direction.Length + 1)..]))
            .Where(m => msgType is null || m.MsgType == msgType).ToList();

    public int Count(string line) => Lines.Count(l => l == line);

    public string WaitFor(Func<string, bool> predicate, string what, TimeSpan? timeout = null) => _process.WaitFor(predicate, what, timeout);

    public void WaitForCount(string line, int count, TimeSpan? timeout = null) =>
        Wait.Until(() => Count(line) >= count, () => $"{count} x '{line}' from the simulator\n--- simulator output ---\n{Tail()}", timeout);

    public SimMessage WaitForMessage(string direction, string msgType, Func<SimMessage, bool>? predicate = null, TimeSpan? timeout = null)
    {
        SimMessage? found = null;
        Wait.Until(() => (found = Messages(direction, msgType).FirstOrDefault(m => predicate?.Invoke(m) ?? true)) is not null,
            () => $"{direction} 35={msgType}\n--- simulator output ---\n{Tail()}", timeout);
        return found!;
    }

    public string Tail(int lines = 40) => _process.Tail(lines);

    public void Command(string line) => _process.Command(line);

    /// <summary>SIGKILL: the QuickFIX process dies without Logout, as in a crash.</summary>
    public void Kill() => _process.Kill();

    public void Quit() => _process.Quit();

    public void Dispose() => _process.Dispose();
}

/// <summary>A message as the simulator printed it ('|' for SOH).</summary>
public sealed class SimMessage
{
    private readonly List<(int Tag, string Value)> _fields;

    private SimMessage(List<(int, string)> fields) => _fields = fields;

    public static SimMessage Parse(string text) =>
        new(text.Split('|', StringSplitOptions.RemoveEmptyEntries).Select(f =>
        {
            int eq = f.IndexOf('=');
            return (int.Parse(f[..eq], System.Globalization.CultureInfo.InvariantCulture), f[(eq + 1)..]);
        }).ToList());

    public string? this[int tag] => _fields.FirstOrDefault(f => f.Tag == tag).Value;
    public string MsgType => this[35]!;
    public int MsgSeqNum => int.Parse(this[34]!, System.Globalization.CultureInfo.InvariantCulture);
    public override string ToString() => string.Join("|", _fields.Select(f => $"{f.Tag}={f.Value}"));
}
