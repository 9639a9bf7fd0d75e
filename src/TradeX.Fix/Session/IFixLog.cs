namespace TradeX.Fix.Session;

/// <summary>Message and event log of one session (FileLogPath); <see cref="NullFixLog"/> when none is configured.</summary>
public interface IFixLog : IDisposable
{
    void Incoming(ReadOnlySpan<byte> frame, DateTime utc);
    void Outgoing(ReadOnlySpan<byte> frame, DateTime utc);
    void Event(string text, DateTime utc);
    void Flush() { }
}
