using System.Diagnostics;

namespace TradeX.Sim.Load;

/// <summary>
/// A <c>sim</c> child of this process, started from the same build (the <c>TradeX.Sim</c> assembly this code is in,
/// through the same <c>dotnet</c> host or apphost). Its standard error goes to the node's log line by line; closing
/// its standard input asks it to stop (<c>--until-stdin-closes</c>), so it also stops when this process dies.
/// </summary>
public sealed class SimulatorProcess : IDisposable
{
    private const int KeptLines = 40;
    private readonly Process _process;
    private readonly Queue<string> _errors = new();
    private readonly ManualResetEventSlim _exited = new(false);

    private SimulatorProcess(Process process, string commandLine)
    {
        _process = process;
        CommandLine = commandLine;
    }

    public int Id => _process.Id;
    public string CommandLine { get; }
    public WaitHandle Exited => _exited.WaitHandle;
    public bool HasExited => _exited.IsSet;
    public int ExitCode => _process.ExitCode;

    /// <summary>Its last lines on standard error (for a report that must say why it ended without results).</summary>
    public IReadOnlyList<string> LastErrors
    {
        get { lock (_errors) return _errors.ToList(); }
    }

    /// <exception cref="InvalidOperationException">The simulator cannot be started (the message says what is missing).</exception>
    public static SimulatorProcess Start(IReadOnlyList<string> arguments, Action<string> log)
    {
        var psi = HostFor(typeof(SimulatorProcess).Assembly.Location);
        foreach (string a in arguments) psi.ArgumentList.Add(a);
        psi.RedirectStandardInput = psi.RedirectStandardOutput = psi.RedirectStandardError = true;
        psi.UseShellExecute = false;
        var process = new Process { StartInfo = psi, EnableRaisingEvents = true };
        var child = new SimulatorProcess(process, string.Join(' ', psi.ArgumentList.Prepend(Path.GetFileName(psi.FileName))));
        process.Exited += (_, _) => child._exited.Set();
        // The text report it prints is not needed: its results come back whole as JSON (--report-json).
        process.OutputDataReceived += (_, _) => { };
        process.ErrorDataReceived += (_, e) =>
        {
            if (e.Data is null) return;
            lock (child._errors)
            {
                child._errors.Enqueue(e.Data);
                if (child._errors.Count > KeptLines) child._errors.Dequeue();
            }
            log($"simulator process: {e.Data}");
        };
        try
        {
            process.Start();
        }
        catch (System.ComponentModel.Win32Exception ex)
        {
            throw new InvalidOperationException($"cannot start the simulator process ({child.CommandLine}): {ex.Message}");
        }
        process.BeginOutputReadLine();
        process.BeginErrorReadLine();
        return child;
    }

    /// <summary>How to run <paramref name="assembly"/>: its apphost when this process is it, else the dotnet host that runs this process (or the one on PATH).</summary>
    private static ProcessStartInfo HostFor(string assembly)
    {
        if (!File.Exists(Path.ChangeExtension(assembly, ".runtimeconfig.json")))
            throw new InvalidOperationException($"cannot start the simulator process: {Path.ChangeExtension(assembly, ".runtimeconfig.json")} is missing (build src/TradeX.Sim)");
        string? self = Environment.ProcessPath;
        if (self is not null && Path.GetFileNameWithoutExtension(self) == Path.GetFileNameWithoutExtension(assembly)) return new ProcessStartInfo(self);
        string dotnet = self is not null && Path.GetFileNameWithoutExtension(self) == "dotnet"
            ? self
            : Environment.GetEnvironmentVariable("DOTNET_HOST_PATH") is { Length: > 0 } host ? host : "dotnet";
        var psi = new ProcessStartInfo(dotnet);
        psi.ArgumentList.Add(assembly);
        return psi;
    }

    /// <summary>Asks it to stop: closes its standard input.</summary>
    public void RequestStop()
    {
        try
        {
            _process.StandardInput.Close();
        }
        catch (IOException)
        {
            // Already gone.
        }
    }

    /// <summary>Until it has exited and its output has been read; false when <paramref name="timeout"/> passed first.</summary>
    public bool WaitForExit(TimeSpan timeout)
    {
        if (!_exited.Wait(timeout)) return false;
        _process.WaitForExit();
        return true;
    }

    public void Kill()
    {
        try
        {
            _process.Kill(entireProcessTree: true);
        }
        catch (InvalidOperationException)
        {
            // It exited meanwhile.
        }
        _process.WaitForExit(10_000);
    }

    public void Dispose()
    {
        if (!HasExited) Kill();
        _process.Dispose();
        _exited.Dispose();
    }
}
