using TradeX.Core;

namespace TradeX.Replication;

/// <summary>
/// The primary's most recent inputs, by engine sequence, with the engine time after each (what a journal record
/// carries) and when each was handed to replication: a single-writer ring written by the replication stage and read by
/// the replication agent, which encodes journal records from it for a standby. It is not a queue: the writer never
/// waits, and an entry the writer has lapped is reported missing (the agent then serves from the journal's files), so
/// a slow or absent standby never slows the primary.
/// </summary>
internal sealed class InputHistory
{
    /// <summary>The writer publishes at least every this many entries, so it is never further than this ahead of <see cref="Published"/>.</summary>
    public const int MaxUnpublished = 256;

    private readonly EngineInput[] _inputs;
    private readonly long[] _engineTimes;
    private readonly long[] _ticks;
    private readonly int _mask;
    private long _first = -1;     // the first sequence ever written (-1: none yet)
    private long _published;      // the last sequence readable (0: none)

    public InputHistory(int capacity)
    {
        _inputs = new EngineInput[capacity];
        _engineTimes = new long[capacity];
        _ticks = new long[capacity];
        _mask = capacity - 1;
    }

    public int Capacity => _inputs.Length;

    /// <summary>The last sequence written and readable (0 before the first).</summary>
    public long Published => Volatile.Read(ref _published);

    /// <summary>The oldest sequence still held (valid when <see cref="Published"/> &gt; 0).</summary>
    public long Oldest
    {
        get
        {
            long published = Published;
            long first = Volatile.Read(ref _first);
            return first < 0 ? long.MaxValue : Math.Max(first, published + MaxUnpublished - _inputs.Length + 1);
        }
    }

    /// <summary>Writer: stores an input (not yet readable).</summary>
    public void Write(in EngineInput input, long engineTime, long ticks)
    {
        long sequence = input.Sequence;
        int i = (int)(sequence & _mask);
        _inputs[i] = input;
        _engineTimes[i] = engineTime;
        _ticks[i] = ticks;
        if (_first < 0) Volatile.Write(ref _first, sequence);
    }

    /// <summary>Writer: makes everything up to <paramref name="sequence"/> readable.</summary>
    public void Publish(long sequence) => Volatile.Write(ref _published, sequence);

    /// <summary>Reader: copies the entry for <paramref name="sequence"/>; false when it is not (or no longer) held.</summary>
    public bool TryRead(long sequence, out EngineInput input, out long engineTime, out long ticks)
    {
        int i = (int)(sequence & _mask);
        input = _inputs[i];
        engineTime = _engineTimes[i];
        ticks = _ticks[i];
        // Read after the copy: if the writer has moved a lap past it since, the copy may be torn.
        long published = Volatile.Read(ref _published);
        long first = Volatile.Read(ref _first);
        return first >= 0 && sequence >= first && sequence <= published && Held(published, sequence) && input.Sequence == sequence;
    }

    /// <summary>When <paramref name="sequence"/> was handed to replication (Stopwatch ticks); false when not held.</summary>
    public bool TryTicks(long sequence, out long ticks)
    {
        int i = (int)(sequence & _mask);
        ticks = _ticks[i];
        long published = Volatile.Read(ref _published);
        return sequence <= published && Held(published, sequence) && _inputs[i].Sequence == sequence;
    }

    // The writer may be writing up to MaxUnpublished entries past what it published: those slots are not safe to read.
    private bool Held(long published, long sequence) => published + MaxUnpublished - sequence < _inputs.Length;
}
