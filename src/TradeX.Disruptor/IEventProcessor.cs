namespace TradeX.Disruptor;

/// <summary>A consumer loop that owns a <see cref="Sequence"/> and runs on a thread of its own.</summary>
public interface IEventProcessor
{
    /// <summary>The stage's name (also its thread's name).</summary>
    string Name { get; }

    /// <summary>The last sequence this stage has finished with; downstream stages and producers gate on it.</summary>
    Sequence Sequence { get; }

    /// <summary>True between the start of <see cref="Run"/> and its return.</summary>
    bool IsRunning { get; }

    /// <summary>Runs the loop on the calling thread until <see cref="Halt"/> or a fault halts it.</summary>
    void Run();

    /// <summary>Asks the loop to stop after the current batch. Returns at once; <see cref="Run"/> returns soon after.</summary>
    void Halt();
}
