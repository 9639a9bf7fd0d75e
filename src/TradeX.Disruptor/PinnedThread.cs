namespace TradeX.Disruptor;

/// <summary>
/// A named, dedicated (non-pool, foreground-free) thread that pins itself to its configured core
/// before running its body, and logs a clear warning when it has to fall back to running unpinned.
/// Use it for every long-lived loop: ring stages, agents, I/O pollers.
/// </summary>
public sealed class PinnedThread
{
    private readonly Thread _thread;
    private readonly Action _body;
    private readonly Action<string> _log;
    private readonly ManualResetEventSlim _placed = new();
    private AffinityResult _affinity;
    private volatile Exception? _unhandled;

    private PinnedThread(ThreadPlacement placement, Action body, Action<string>? log)
    {
        ArgumentException.ThrowIfNullOrWhiteSpace(placement.ThreadName);
        ArgumentNullException.ThrowIfNull(body);
        Placement = placement;
        _body = body;
        _log = log ?? Console.Error.WriteLine;
        _thread = new Thread(Main) { Name = placement.ThreadName, IsBackground = true };
    }

    /// <summary>The requested placement.</summary>
    public ThreadPlacement Placement { get; }

    /// <summary>What pinning achieved (valid once <see cref="Start"/> has returned).</summary>
    public AffinityResult Affinity => _affinity;

    /// <summary>An exception that escaped the body, or null. The thread ends; it does not take the process down.</summary>
    public Exception? UnhandledException => _unhandled;

    /// <summary>True while the body runs.</summary>
    public bool IsAlive => _thread.IsAlive;

    /// <summary>Starts <paramref name="body"/> on a new thread placed as configured; returns once placement is done.</summary>
    public static PinnedThread Start(ThreadPlacement placement, Action body, Action<string>? log = null)
    {
        var thread = new PinnedThread(placement, body, log);
        thread._thread.Start();
        thread._placed.Wait();
        return thread;
    }

    /// <summary>Waits for the body to return; false if it is still running after <paramref name="timeout"/>.</summary>
    public bool Join(TimeSpan timeout) => _thread.Join(timeout);

    private void Main()
    {
        try
        {
            _affinity = CpuAffinity.PinCurrentThread(Placement.Core, Placement.ThreadName);
            if (_affinity.IsFallback)
            {
                _log(_affinity.Message);
            }
        }
        finally
        {
            _placed.Set();
        }
        try
        {
            _body();
        }
        catch (Exception exception)
        {
            _unhandled = exception;
            _log($"thread '{Placement.ThreadName}' ended with an unhandled exception: {exception}");
        }
    }
}
