namespace TradeX.Fix.Tests.Support;

/// <summary>Polls a condition with a generous timeout: tests wait for events, they never assert on speed.</summary>
public static class Wait
{
    public static readonly TimeSpan Default = TimeSpan.FromSeconds(20);

    public static void Until(Func<bool> condition, string what, TimeSpan? timeout = null)
    {
        var deadline = DateTime.UtcNow + (timeout ?? Default);
        while (!condition())
        {
            if (DateTime.UtcNow > deadline) Assert.Fail($"timed out waiting for: {what}");
            Thread.Sleep(10);
        }
    }
}
