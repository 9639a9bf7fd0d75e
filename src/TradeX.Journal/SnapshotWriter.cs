using TradeX.Core;

namespace TradeX.Journal;

/// <summary>
/// Takes snapshots without making the engine thread wait for the disk. The engine thread calls
/// <see cref="TryCapture"/> between two inputs (so the state is consistent by construction): the
/// engine's canonical state is copied into a reusable buffer and handed to a background thread, which
/// hashes it and writes the snapshot file (<see cref="SnapshotFile"/>). While a snapshot is still being
/// written, a further capture is refused (returns false, counted in <see cref="Skipped"/>): snapshots
/// only shorten recovery; the journal is the record. A failed write is logged and counted, never thrown
/// at the engine.
/// </summary>
public sealed class SnapshotWriter : IDisposable
{
    private readonly string _directory;
    private readonly Action<string> _log;
    private readonly StateWriter _state;
    private readonly Thread _thread;
    private readonly SemaphoreSlim _work = new(0);
    private readonly ManualResetEventSlim _idle = new(true);
    private volatile bool _stopping;
    private int _busy;
    private long _sequence;
    private long _engineTime;
    private long _captured;
    private long _written;
    private long _skipped;
    private long _failed;
    private SnapshotInfo? _last;

    public SnapshotWriter(string directory, Action<string>? log = null, int initialBufferBytes = 1 << 20)
    {
        Directory.CreateDirectory(directory);
        _directory = directory;
        _log = log ?? (_ => { });
        _state = new StateWriter(initialBufferBytes);
        _thread = new Thread(Run) { IsBackground = true, Name = "snapshot-writer" };
        _thread.Start();
    }

    public long Captured => Interlocked.Read(ref _captured);
    public long Written => Interlocked.Read(ref _written);
    public long Skipped => Interlocked.Read(ref _skipped);
    public long Failed => Interlocked.Read(ref _failed);

    /// <summary>The last snapshot written.</summary>
    public SnapshotInfo? LastWritten => Volatile.Read(ref _last);

    /// <summary>
    /// On the engine thread, between two inputs: copies the engine's state for the background writer.
    /// False when the previous snapshot is still being written (nothing is captured).
    /// </summary>
    public bool TryCapture(Engine engine)
    {
        if (_stopping || Interlocked.CompareExchange(ref _busy, 1, 0) != 0)
        {
            Interlocked.Increment(ref _skipped);
            return false;
        }
        _idle.Reset();
        _state.Clear();
        engine.Snapshot(_state);
        _sequence = engine.LastSequence;
        _engineTime = engine.Now;
        Interlocked.Increment(ref _captured);
        _work.Release();
        return true;
    }

    /// <summary>Waits until no snapshot is being written; false on timeout.</summary>
    public bool WaitUntilIdle(TimeSpan timeout) => _idle.Wait(timeout);

    private void Run()
    {
        while (true)
        {
            _work.Wait();
            if (Volatile.Read(ref _busy) == 0)
            {
                if (_stopping) return;
                continue;
            }
            try
            {
                var info = SnapshotFile.Write(_directory, _state.WrittenSpan, _sequence, _engineTime);
                Volatile.Write(ref _last, info);
                Interlocked.Increment(ref _written);
                _log($"snapshot: {Path.GetFileName(info.Path)} written (sequence {info.Sequence}, state hash 0x{info.StateHash:x16}, {info.StateLength} bytes)");
            }
            catch (Exception e)
            {
                Interlocked.Increment(ref _failed);
                _log($"snapshot: writing the snapshot at sequence {_sequence} failed: {e.Message}");
            }
            finally
            {
                Volatile.Write(ref _busy, 0);
                _idle.Set();
            }
            if (_stopping) return;
        }
    }

    /// <summary>Lets a snapshot being written finish, then stops the background thread.</summary>
    public void Dispose()
    {
        if (_stopping) return;
        _stopping = true;
        _work.Release();
        _thread.Join();
        _work.Dispose();
        _idle.Dispose();
    }
}
