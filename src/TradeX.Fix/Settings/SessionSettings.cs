using System.Net;
using TradeX.Fix.Session;
using TradeX.Fix.Validation;

namespace TradeX.Fix.Settings;

/// <summary>
/// Everything one session needs, typed and checked. Read from a QuickFIX-format file with
/// <see cref="SessionSettingsReader"/> (and adjusted in code with its <c>configure</c> callback), or built in
/// code (tests, the node) with an object initialiser and handed to <c>FixEngine.FromSettings</c>; the engine
/// checks code-made values the way the reader checks a file's. Property names are QuickFIX's key names and
/// defaults are QuickFIX's where QuickFIX has the key.
/// </summary>
public sealed record SessionSettings
{
    public required SessionId SessionId { get; init; }
    public required ConnectionType ConnectionType { get; init; }

    public string? SocketConnectHost { get; init; }
    public int SocketConnectPort { get; init; }
    /// <summary>
    /// SocketConnectHost&lt;n&gt;/SocketConnectPort&lt;n&gt; (n = 1, 2, ...): where an initiator tries next, in
    /// order, when SocketConnectHost:SocketConnectPort fails (QuickFIX failover); empty when none is set.
    /// </summary>
    public IReadOnlyList<DnsEndPoint> SocketConnectAlternates { get; init; } = [];
    /// <summary>Address the acceptor binds (an IP address); QuickFIX's default is every interface, so set 127.0.0.1 for local peers.</summary>
    public string SocketAcceptHost { get; init; } = "0.0.0.0";
    /// <summary>Port an acceptor listens on. 0, in code only, takes any free port (see <c>FixEngine.AcceptorEndPoint</c>).</summary>
    public int SocketAcceptPort { get; init; }
    public bool SocketNodelay { get; init; } = true;

    /// <summary>Heartbeat interval an initiator proposes in its Logon (an acceptor uses the peer's).</summary>
    public int HeartBtInt { get; init; } = 30;
    public SessionSchedule Schedule { get; init; } = SessionSchedule.NonStopSession;

    /// <summary>Directory of the file store; null keeps sequence numbers in memory only.</summary>
    public string? FileStorePath { get; init; }
    public bool FileStoreSync { get; init; }
    public bool PersistMessages { get; init; } = true;
    public string? FileLogPath { get; init; }

    /// <summary>Path of the data dictionary; null skips dictionary validation (framing is still checked).</summary>
    public string? DataDictionary { get; init; }
    public ValidationOptions Validation { get; init; } = ValidationOptions.Default;

    public bool CheckCompID { get; init; } = true;
    public bool CheckLatency { get; init; } = true;
    public TimeSpan MaxLatency { get; init; } = TimeSpan.FromSeconds(120);

    /// <summary>RequiresOrigSendingTime: a PossDupFlag=Y message without OrigSendingTime(122) is rejected (reason 1); N lets it pass.</summary>
    public bool RequiresOrigSendingTime { get; init; } = true;
    /// <summary>
    /// ValidateLengthAndChecksum: N accepts a frame whose BodyLength(9) or CheckSum(10) is wrong instead of
    /// ignoring it as garbled (the frame must still be delimited).
    /// </summary>
    public bool ValidateLengthAndChecksum { get; init; } = true;
    /// <summary>
    /// ValidateSequenceNumbers (QuickFIX/J): N takes every MsgSeqNum as the expected one: no ResendRequest
    /// for a gap, no Logout for a number too low.
    /// </summary>
    public bool ValidateSequenceNumbers { get; init; } = true;
    /// <summary>
    /// MaxMessagesInResendRequest (QuickFIX/J: ResendRequestChunkSize): a ResendRequest we send asks for at
    /// most this many messages, a larger gap is asked for in chunks, the next once the previous is filled;
    /// 0 = no limit (EndSeqNo 0, "everything after").
    /// </summary>
    public int MaxMessagesInResendRequest { get; init; }
    /// <summary>
    /// SendRedundantResendRequests: Y sends a ResendRequest for every gap seen even when one already
    /// outstanding covers it; N (default) keeps one outstanding.
    /// </summary>
    public bool SendRedundantResendRequests { get; init; }
    /// <summary>EnableLastMsgSeqNumProcessed: LastMsgSeqNumProcessed(369), the last inbound MsgSeqNum processed, in the header of what we send.</summary>
    public bool EnableLastMsgSeqNumProcessed { get; init; }
    /// <summary>
    /// TimestampPrecision: digits of second fractions in the SendingTime/OrigSendingTime we write: 0, 3
    /// (milliseconds, default), 6 or 9. FIX 4.4 defines seconds and milliseconds only; 6 and 9 are for
    /// counterparties that ask for them. The legacy MillisecondsInTimeStamp=Y/N means 3/0.
    /// </summary>
    public int TimestampPrecision { get; init; } = 3;

    public TimeSpan ReconnectInterval { get; init; } = TimeSpan.FromSeconds(30);
    /// <summary>TradeX extension: the back-off doubles the wait after each failed attempt up to this.</summary>
    public TimeSpan ReconnectIntervalMax { get; init; } = TimeSpan.FromSeconds(30);
    public TimeSpan LogonTimeout { get; init; } = TimeSpan.FromSeconds(10);
    public TimeSpan LogoutTimeout { get; init; } = TimeSpan.FromSeconds(2);

    public bool ResetOnLogon { get; init; }
    public bool ResetOnLogout { get; init; }
    public bool ResetOnDisconnect { get; init; }
    /// <summary>
    /// RefreshOnLogon: reload the store's sequence numbers and messages from disk when a Logon arrives or is
    /// sent, so a standby that shares the store takes over where the primary stopped (hot failover). No
    /// effect on a memory store.
    /// </summary>
    public bool RefreshOnLogon { get; init; }

    /// <summary>Username(553) sent in our Logon, if any.</summary>
    public string? Username { get; init; }
    /// <summary>Password(554) sent in our Logon, if any: read from an environment variable or file, never from the settings file.</summary>
    public string? Password { get; init; }


    /// <summary>Where these settings came from (file and section), for messages.</summary>
    public string Origin { get; init; } = "code";
}
