using System.Diagnostics;

namespace TradeX.Testing;

/// <summary>
/// A child process driven by lines: commands written to its stdin, every stdout/stderr line captured
/// for the test to wait on. Disposing kills it.
/// </summary>
public sealed class LineProcess : IDisposable
{
    private readonly Process _process;
    private readonly List<string> _lines = new();

    public LineProcess(string file, string arguments)
    {
        var psi = new ProcessStartInfo(file, arguments)
        {
            RedirectStandardInput = true, RedirectStandardOutput = true, RedirectStandardError = true, UseShellExecute = false,
        };
        _process = Process.Start(psi) ?? throw new InvalidOperationException($"cannot start {file}");
        _process.OutputDataReceived += (_, e) => { if (e.Data is not null) lock (_lines) _lines.Add(e.Data); };
        _process.ErrorDataReceived += (_, e) => { if (e.Data is not null) lock (_lines) _lines.Add("STDERR " + e.Data); };
        _process.BeginOutputReadLine();
        _process.BeginErrorReadLine();
    }

    public bool HasExited => _process.HasExited;

    public int Id => _process.Id;

    /// <summary>SIGTERM (a clean stop, as systemd or an operator's script asks), then waits; false if it did not exit in time.</summary>
    public bool Terminate(TimeSpan timeout)
    {
        if (_process.HasExited) return true;
        using (var kill = Process.Start("kill", ["-TERM", _process.Id.ToString(System.Globalization.CultureInfo.InvariantCulture)])!) kill.WaitForExit();
        return _process.WaitForExit(timeout);
    }

    public IReadOnlyList<string> Lines
    {
        get { lock (_lines) return _lines.ToList(); }
    }

    public string Tail(int lines = 40) => string.Join("\n", Lines.TakeLast(lines));

    public string WaitFor(Func<string, bool> predicate, string what, TimeSpan? timeout = null)
    {
        string? found = null;
        Wait.Until(() => (found = Lines.FirstOrDefault(predicate)) is not null, () => $"{what}\n--- process output ---\n{Tail()}", timeout);
        return found!;
    }

    public void Command(string line)
    {
        _process.StandardInput.WriteLine(line);
        _process.StandardInput.Flush();
    }

    /// <summary>SIGKILL: no Logout, no clean-up, as in a crash.</summary>
    public void Kill()
    {
        if (!_process.HasExited) _process.Kill(entireProcessTree: true);
        _process.WaitForExit(10000);
    }

    public void Quit(string command = "quit")
    {
        if (_process.HasExited) return;
        try { Command(command); } catch (IOException) { }
        if (!_process.WaitForExit(10000)) Kill();
    }

    public void Dispose()
    {
        Kill();
        _process.Dispose();
    }
}
