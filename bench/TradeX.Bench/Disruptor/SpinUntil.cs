namespace TradeX.Bench.Disruptor;

internal static class SpinUntil
{
    /// <summary>Waits for a counter another thread advances: spins briefly, then yields (never sleeps, to keep latency honest).</summary>
    public static void AtLeast(ref long location, long target)
    {
        int spins = 0;
        while (Volatile.Read(ref location) < target)
        {
            if (++spins < 100)
            {
                Thread.SpinWait(1);
            }
            else
            {
                Thread.Yield();
            }
        }
    }
}
