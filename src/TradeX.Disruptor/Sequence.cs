using System.Runtime.InteropServices;

namespace TradeX.Disruptor;

/// <summary>
/// A sequence number shared between threads: a producer's cursor or a consumer's progress.
/// Use one per writer; many threads may read it. The value sits alone on its cache line(s) so that
/// the writer's stores never invalidate a neighbour's line (false sharing costs ~100 ns a write).
/// </summary>
[StructLayout(LayoutKind.Explicit, Size = 128)]
public sealed class Sequence
{
    /// <summary>The value of a sequence before anything has been claimed or processed.</summary>
    public const long InitialValue = -1;

    // 56 bytes of padding before (plus the object header) and 64 after: a 64-byte line holds nothing else.
    [FieldOffset(56)]
    private long _value;

    /// <summary>Creates a sequence starting at <paramref name="initialValue"/>.</summary>
    public Sequence(long initialValue = InitialValue) => _value = initialValue;

    /// <summary>The current value: a volatile read (acquire) and a volatile write (release).</summary>
    public long Value
    {
        get => Volatile.Read(ref _value);
        set => Volatile.Write(ref _value, value);
    }

    /// <summary>Writes with a full fence, so that a later read of another location is not moved before it.</summary>
    public void SetVolatile(long value) => Interlocked.Exchange(ref _value, value);

    /// <summary>Atomically sets the value to <paramref name="next"/> when it still equals <paramref name="expected"/>.</summary>
    public bool CompareAndSet(long expected, long next) =>
        Interlocked.CompareExchange(ref _value, next, expected) == expected;

    /// <summary>Atomically adds <paramref name="increment"/> and returns the new value.</summary>
    public long AddAndGet(long increment) => Interlocked.Add(ref _value, increment);

    /// <inheritdoc/>
    public override string ToString() => Value.ToString(System.Globalization.CultureInfo.InvariantCulture);

    /// <summary>The smallest value among <paramref name="sequences"/>, or <paramref name="whenEmpty"/> if there are none.</summary>
    public static long Minimum(Sequence[] sequences, long whenEmpty)
    {
        long minimum = whenEmpty;
        for (int i = 0; i < sequences.Length; i++)
        {
            long value = sequences[i].Value;
            if (value < minimum)
            {
                minimum = value;
            }
        }
        return minimum;
    }
}
