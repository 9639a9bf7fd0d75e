namespace TradeX.Fix.Store;

/// <summary>
/// A store that lives in memory only: sequence numbers and messages are lost when the process ends.
/// Use for tests, benchmarks and sessions that reset on every logon; production venue sessions use
/// <see cref="FileMessageStore"/>.
/// </summary>
public sealed class MemoryMessageStore : IMessageStore
{
    private readonly Dictionary<int, byte[]> _messages = new();
    private readonly bool _persistMessages;

    public MemoryMessageStore(DateTime creationTime, bool persistMessages = true)
    {
        CreationTime = creationTime;
        _persistMessages = persistMessages;
    }

    public int NextSenderMsgSeqNum { get; private set; } = 1;
    public int NextTargetMsgSeqNum { get; private set; } = 1;
    public DateTime CreationTime { get; private set; }

    public void StoreSent(int msgSeqNum, ReadOnlySpan<byte> frame)
    {
        if (_persistMessages) _messages[msgSeqNum] = frame.ToArray();
        NextSenderMsgSeqNum = msgSeqNum + 1;
    }

    public void SetNextSenderMsgSeqNum(int value) => NextSenderMsgSeqNum = value;
    public void SetNextTargetMsgSeqNum(int value) => NextTargetMsgSeqNum = value;

    public int TryRead(int msgSeqNum, ref byte[] buffer)
    {
        if (!_messages.TryGetValue(msgSeqNum, out var frame)) return -1;
        if (buffer.Length < frame.Length) buffer = new byte[frame.Length * 2];
        frame.CopyTo(buffer, 0);
        return frame.Length;
    }

    public void Reset(DateTime now)
    {
        _messages.Clear();
        NextSenderMsgSeqNum = NextTargetMsgSeqNum = 1;
        CreationTime = now;
    }

    public void Dispose() { }
}
