namespace TradeX.Disruptor;

/// <summary>
/// Where a named thread runs: the configuration unit for CPU placement ("engine on core 1").
/// A null core leaves the thread to the OS scheduler.
/// </summary>
/// <param name="ThreadName">The thread's name (visible in <c>top -H</c>, debuggers and dumps; Linux keeps the first 15 characters).</param>
/// <param name="Core">The core to pin to, or null.</param>
public readonly record struct ThreadPlacement(string ThreadName, int? Core = null);
