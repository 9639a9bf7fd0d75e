namespace TradeX.Fix.Session;

/// <summary>Logs nothing.</summary>
public sealed class NullFixLog : IFixLog
{
    public static NullFixLog Instance { get; } = new();
    public void Incoming(ReadOnlySpan<byte> frame, DateTime utc) { }
    public void Outgoing(ReadOnlySpan<byte> frame, DateTime utc) { }
    public void Event(string text, DateTime utc) { }
    public void Dispose() { }
}
