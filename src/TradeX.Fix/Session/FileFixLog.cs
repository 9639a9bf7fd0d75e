using System.Text;
using TradeX.Fix.Protocol;

namespace TradeX.Fix.Session;

/// <summary>
/// Logs to two files in FileLogPath: "&lt;session&gt;.messages.log" (every frame in and out, one a line,
/// SOH kept as on the wire) and "&lt;session&gt;.event.log". Buffered; flushed by the session timer and on
/// dispose. Writes bytes straight from the frame, so logging a message allocates nothing.
/// </summary>
public sealed class FileFixLog : IFixLog
{
    private readonly FileStream _messages;
    private readonly FileStream _events;
    private readonly byte[] _stamp = new byte[32];
    private readonly object _sync = new();

    public FileFixLog(string directory, SessionId id)
    {
        Directory.CreateDirectory(directory);
        _messages = new FileStream(Path.Combine(directory, id.FileName + ".messages.log"), FileMode.Append, FileAccess.Write, FileShare.Read, 65536);
        _events = new FileStream(Path.Combine(directory, id.FileName + ".event.log"), FileMode.Append, FileAccess.Write, FileShare.Read, 4096);
    }

    public void Incoming(ReadOnlySpan<byte> frame, DateTime utc) => Write(_messages, " < "u8, frame, utc);
    public void Outgoing(ReadOnlySpan<byte> frame, DateTime utc) => Write(_messages, " > "u8, frame, utc);

    public void Event(string text, DateTime utc)
    {
        Write(_events, " "u8, Encoding.UTF8.GetBytes(text), utc);
        lock (_sync) _events.Flush();
    }

    private void Write(FileStream file, ReadOnlySpan<byte> direction, ReadOnlySpan<byte> bytes, DateTime utc)
    {
        lock (_sync)
        {
            int n = FixValues.WriteUtcTimestamp(_stamp, utc);
            file.Write(_stamp, 0, n);
            file.Write(direction);
            file.Write(bytes);
            file.WriteByte((byte)'\n');
        }
    }

    public void Flush()
    {
        lock (_sync) _messages.Flush();
    }

    public void Dispose()
    {
        lock (_sync)
        {
            _messages.Dispose();
            _events.Dispose();
        }
    }
}
