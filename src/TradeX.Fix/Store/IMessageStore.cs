namespace TradeX.Fix.Store;

/// <summary>
/// Where a session keeps its two sequence numbers and the messages it sent (for resends). Called
/// only under the session's lock, so implementations need not be thread-safe.
/// </summary>
public interface IMessageStore : IDisposable
{
    int NextSenderMsgSeqNum { get; }
    int NextTargetMsgSeqNum { get; }
    /// <summary>When the store was created or last reset: the session schedule compares it with the current session period.</summary>
    DateTime CreationTime { get; }

    /// <summary>Records a sent frame under <paramref name="msgSeqNum"/> and makes the next sender number msgSeqNum + 1.</summary>
    void StoreSent(int msgSeqNum, ReadOnlySpan<byte> frame);

    void SetNextSenderMsgSeqNum(int value);
    void SetNextTargetMsgSeqNum(int value);

    /// <summary>
    /// Copies the frame sent as <paramref name="msgSeqNum"/> into <paramref name="buffer"/> (grown if
    /// needed); returns its length, or -1 when it was not stored.
    /// </summary>
    int TryRead(int msgSeqNum, ref byte[] buffer);

    /// <summary>Both numbers back to 1, stored messages dropped, creation time set to <paramref name="now"/>.</summary>
    void Reset(DateTime now);

    /// <summary>
    /// Reloads the sequence numbers and stored messages from where the store keeps them (RefreshOnLogon: a
    /// standby taking over reads what the primary wrote). A store that lives only in memory has nothing to reload.
    /// </summary>
    void Refresh() { }
}
