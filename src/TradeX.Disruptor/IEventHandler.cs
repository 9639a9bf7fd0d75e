namespace TradeX.Disruptor;

/// <summary>
/// A stage's business: called once per entry, in sequence order, on the stage's own thread. The entry
/// is handed by reference (nothing copied, nothing allocated). <paramref name="endOfBatch"/> is true on
/// the last entry currently available, so an I/O stage can write many entries and flush once.
/// Lifecycle hooks are optional: the common handler implements only <see cref="OnEvent"/>.
/// </summary>
/// <typeparam name="T">The ring's entry type (a struct).</typeparam>
public interface IEventHandler<T>
    where T : struct
{
    /// <summary>Handles the entry at <paramref name="sequence"/>.</summary>
    void OnEvent(ref T data, long sequence, bool endOfBatch);

    /// <summary>Called on the stage's thread before the first entry (each time the stage starts).</summary>
    void OnStart()
    {
    }

    /// <summary>Called on the stage's thread after the last entry, when the stage halts (also after a fault).</summary>
    void OnShutdown()
    {
    }

    /// <summary>Called before each batch with the number of entries about to be handed over.</summary>
    void OnBatchStart(long batchSize)
    {
    }

    /// <summary>Called when a wait strategy with a timeout gave up waiting; <paramref name="sequence"/> is the last one handled.</summary>
    void OnTimeout(long sequence)
    {
    }
}
