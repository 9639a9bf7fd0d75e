namespace TradeX.Testing;

/// <summary>Polls a condition with a generous timeout: tests wait for events, they never assert on speed.</summary>
public static class Wait
{
    public static readonly TimeSpan Default = TimeSpan.FromSeconds(20);

    public static void Until(Func<bool> condition, string what, TimeSpan? timeout = null) => Until(condition, () => what, timeout);

    /// <summary>As above; <paramref name="what"/> is evaluated only on timeout, so it can show the latest output.</summary>
    public static void Until(Func<bool> condition, Func<string> what, TimeSpan? timeout = null)
    {
        var deadline = DateTime.UtcNow + (timeout ?? Default);
        while (!condition())
        {
            if (DateTime.UtcNow > deadline) Assert.Fail($"timed out waiting for: {what()}");
            Thread.Sleep(10);
        }
    }
}
