namespace TradeX.Fix.Session;

/// <summary>Message and event log of one session (FileLogPath); <see cref="NullFixLog"/> when none is configured.</summary>
public interface IFixLog : IDisposable
{
    void Incoming(ReadOnlySpan<byte> frame, DateTime utc);
    void Outgoing(ReadOnlySpan<byte> frame, DateTime utc);
    void Event(string text, DateTime utc);
    void Flush() { }
}

/// <summary>Logs nothing.</summary>
public sealed class NullFixLog : IFixLog
{
    public static NullFixLog Instance { get; } = new();
    public void Incoming(ReadOnlySpan<byte> frame, DateTime utc) { }
    public void Outgoing(ReadOnlySpan<byte> frame, DateTime utc) { }
    public void Event(string text, DateTime utc) { }
    public void Dispose() { }
}
