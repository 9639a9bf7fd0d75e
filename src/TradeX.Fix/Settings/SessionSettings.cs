using TradeX.Fix.Session;
using TradeX.Fix.Validation;

namespace TradeX.Fix.Settings;

/// <summary>
/// Everything one session needs, typed and checked. Read from a QuickFIX-format file with
/// <see cref="SessionSettingsReader"/>, or built in code (tests, the node) with an object initialiser.
/// Defaults follow QuickFIX where QuickFIX has the key.
/// </summary>
public sealed record SessionSettings
{
    public required SessionId SessionId { get; init; }
    public required ConnectionType ConnectionType { get; init; }

    public string? SocketConnectHost { get; init; }
    public int SocketConnectPort { get; init; }
    /// <summary>Address the acceptor binds; QuickFIX's default is every interface, so set 127.0.0.1 for local peers.</summary>
    public string SocketAcceptHost { get; init; } = "0.0.0.0";
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

    public TimeSpan ReconnectInterval { get; init; } = TimeSpan.FromSeconds(30);
    /// <summary>TradeX extension: the back-off doubles the wait after each failed attempt up to this.</summary>
    public TimeSpan ReconnectIntervalMax { get; init; } = TimeSpan.FromSeconds(30);
    public TimeSpan LogonTimeout { get; init; } = TimeSpan.FromSeconds(10);
    public TimeSpan LogoutTimeout { get; init; } = TimeSpan.FromSeconds(2);

    public bool ResetOnLogon { get; init; }
    public bool ResetOnLogout { get; init; }
    public bool ResetOnDisconnect { get; init; }

    /// <summary>Username(553) sent in our Logon, if any.</summary>
    public string? Username { get; init; }
    /// <summary>Password(554) sent in our Logon, if any: read from an environment variable or file, never from the settings file.</summary>
    public string? Password { get; init; }

    // TEMP until the settings work merges (helper A owns this file).
    public bool RequiresOrigSendingTime { get; init; } = true;
    public int MaxMessagesInResendRequest { get; init; }
    public bool EnableLastMsgSeqNumProcessed { get; init; }
    public bool RefreshOnLogon { get; init; }
    public bool SendRedundantResendRequests { get; init; }

    /// <summary>Where these settings came from (file and section), for messages.</summary>
    public string Origin { get; init; } = "code";
}
