namespace TradeX.Fix.Settings;

/// <summary>
/// Every settings key the reader accepts, in three kinds: the keys it reads (<see cref="Read"/>), other
/// engines' names for some of them (<see cref="Aliases"/>), and the keys QuickFIX C++ 1.15, QuickFIX/J or
/// QuickFIX/n document that have no effect here (<see cref="Ignored"/>: accepted with one warning, so a
/// counterparty's QuickFIX file loads as it is). A key in none of them is refused: no FIX engine defines it,
/// so it is a typo or belongs to something else. docs/fix.md lists the same keys; a test keeps it in step.
/// </summary>
public static class SettingKeys
{
    /// <summary>Keys read into <see cref="SessionSettings"/>, as QuickFIX spells them.</summary>
    public static IReadOnlyList<string> Read { get; } =
    [
        "BeginString", "SenderCompID", "TargetCompID", "SessionQualifier", "ConnectionType",
        "SocketConnectHost", "SocketConnectPort", "SocketAcceptHost", "SocketAcceptPort", "SocketNodelay",
        "HeartBtInt", "StartTime", "EndTime", "StartDay", "EndDay", "TimeZone", "UseLocalTime", "NonStopSession",
        "FileStorePath", "FileStoreSync", "PersistMessages", "FileLogPath",
        "DataDictionary", "UseDataDictionary", "ValidateFieldsOutOfOrder", "ValidateFieldsHaveValues",
        "ValidateUserDefinedFields", "AllowUnknownMsgFields", "ValidateLengthAndChecksum", "ValidateSequenceNumbers",
        "CheckCompID", "CheckLatency", "MaxLatency", "RequiresOrigSendingTime",
        "ReconnectInterval", "ReconnectIntervalMax", "LogonTimeout", "LogoutTimeout",
        "ResetOnLogon", "ResetOnLogout", "ResetOnDisconnect", "RefreshOnLogon",
        "MaxMessagesInResendRequest", "SendRedundantResendRequests", "EnableLastMsgSeqNumProcessed",
        "TimestampPrecision", "MillisecondsInTimeStamp",
        "Username", "UsernameEnv", "PasswordEnv", "PasswordFile",
    ];

    /// <summary>Read keys numbered 1, 2, ... (failover addresses): SocketConnectHost1, SocketConnectPort1, ...</summary>
    public static IReadOnlyList<string> ReadNumbered { get; } = ["SocketConnectHost", "SocketConnectPort"];

    /// <summary>Another engine's name for a read key (alias → key). Giving both in one section is refused.</summary>
    public static IReadOnlyDictionary<string, string> Aliases { get; } = new Dictionary<string, string>(StringComparer.OrdinalIgnoreCase)
    {
        ["SocketAcceptAddress"] = "SocketAcceptHost",              // QuickFIX/J
        ["SocketTcpNoDelay"] = "SocketNodelay",                    // QuickFIX/J
        ["ResendRequestChunkSize"] = "MaxMessagesInResendRequest", // QuickFIX/J
    };

    /// <summary>
    /// Documented by QuickFIX C++ 1.15, QuickFIX/J or QuickFIX/n and without effect in TradeX.Fix: accepted,
    /// one warning per key per file. (QuickFIX/J's TimeStampPrecision is TimestampPrecision: keys are not case-sensitive.)
    /// </summary>
    public static IReadOnlyList<string> Ignored { get; } =
    [
        // Session: identification and behaviour beyond FIX 4.4 tag=value
        "SenderSubID", "SenderLocationID", "TargetSubID", "TargetLocationID", "DefaultApplVerID",
        "LogonTime", "LogoutTime", "LogonDay", "LogoutDay", "Weekdays", "SendResetSeqNumFlag",
        "ClosedResendInterval", "ResendSessionLevelRejects", "SendLogoutBeforeDisconnectFromTimeout",
        "IgnorePossDupResendRequests", "EnableNextExpectedMsgSeqNum", "ResetOnError", "DisconnectOnError",
        "TestRequestDelayMultiplier", "HeartBeatTimeoutMultiplier", "DisableHeartBeatCheck",
        "ForceResendWhenCorruptedStore", "AllowPosDup", "LogonTag", "ContinueInitializationOnError",
        "LogMessageWhenSessionNotFound",
        // Validation
        "TransportDataDictionary", "AppDataDictionary", "PreserveMessageFieldsOrder", "ValidateUnorderedGroupFields",
        "ValidateIncomingMessage", "ValidateChecksum", "RejectGarbledMessage", "RejectInvalidMessage",
        "RejectMessageOnUnhandledException",
        // Initiator
        "SocketConnectSourceHost", "SocketConnectSourcePort", "SocketConnectProtocol", "SocketLocalHost",
        "SocketLocalPort", "DynamicSession",
        "ProxyType", "ProxyVersion", "ProxyHost", "ProxyPort", "ProxyUser", "ProxyPassword", "ProxyDomain",
        "ProxyWorkstation",
        // Acceptor
        "SocketAcceptProtocol", "AllowedRemoteAddresses", "AcceptorTemplate", "HttpAcceptPort",
        // Socket options
        "SocketReuseAddress", "SocketSendBufferSize", "SocketReceiveBufferSize", "SocketKeepAlive",
        "SocketOobInline", "SocketLinger", "SocketTrafficClass", "SocketSynchronousWrites",
        "SocketSynchronousWriteTimeout", "MaxScheduledWriteRequests",
        // SSL/TLS: QuickFIX C++
        "SSLProtocol", "SSLCipherSuite", "CertificateVerifyLevel", "ServerCertificateFile",
        "ServerCertificateKeyFile", "ClientCertificateFile", "ClientCertificateKeyFile",
        "CertificationAuthoritiesFile", "CertificationAuthoritiesDirectory", "CertificateRevocationListFile",
        "CertificateRevocationListDirectory",
        // SSL/TLS: QuickFIX/J
        "SocketUseSSL", "SocketKeyStore", "SocketKeyStorePassword", "KeyManagerFactoryAlgorithm", "KeyStoreType",
        "SocketTrustStore", "SocketTrustStorePassword", "TrustManagerFactoryAlgorithm", "TrustStoreType",
        "NeedClientAuth", "EnabledProtocols", "CipherSuites", "UseSNI",
        // SSL/TLS: QuickFIX/n
        "SSLEnable", "SSLServerName", "SSLProtocols", "SSLValidateCertificates", "SSLCheckCertificateRevocation",
        "SSLCertificate", "SSLCertificatePassword", "SSLRequireClientCertificate", "SSLCACertificate",
        // Storage
        "FileStoreMaxCachedMsgs",
        "MySQLStoreDatabase", "MySQLStoreUser", "MySQLStorePassword", "MySQLStoreHost", "MySQLStorePort",
        "MySQLStoreUseConnectionPool",
        "PostgreSQLStoreDatabase", "PostgreSQLStoreUser", "PostgreSQLStorePassword", "PostgreSQLStoreHost",
        "PostgreSQLStorePort", "PostgreSQLStoreUseConnectionPool",
        "OdbcStoreUser", "OdbcStorePassword", "OdbcStoreConnectionString",
        "JdbcDataSourceName", "JdbcDriver", "JdbcURL", "JdbcUser", "JdbcPassword", "JdbcStoreMessagesTableName",
        "JdbcStoreSessionsTableName", "JdbcSessionIdDefaultPropertyValue", "JdbcMaxActiveConnection",
        "JdbcMaxActiveTime", "JdbcMaxConnectionLifeTime", "JdbcSimultaneousBuildThrottle",
        // Logging
        "FileLogBackupPath", "FileLogHeartbeats", "FileIncludeMilliseconds", "FileIncludeTimeStampForMessages",
        "DebugFileLogPath",
        "ScreenLogShowIncoming", "ScreenLogShowOutgoing", "ScreenLogShowEvents", "ScreenLogEvents",
        "ScreenLogShowHeartBeats",
        "SLF4JLogEventCategory", "SLF4JLogIncomingMessageCategory", "SLF4JLogOutgoingMessageCategory",
        "SLF4JLogPrependSessionID", "SLF4JLogHeartbeats",
        "JdbcLogHeartBeats", "JdbcLogIncomingTable", "JdbcLogOutgoingTable", "JdbcLogEventTable",
        "MySQLLogDatabase", "MySQLLogUser", "MySQLLogPassword", "MySQLLogHost", "MySQLLogPort",
        "MySQLLogUseConnectionPool", "MySQLLogIncomingTable", "MySQLLogOutgoingTable", "MySQLLogEventTable",
        "PostgreSQLLogDatabase", "PostgreSQLLogUser", "PostgreSQLLogPassword", "PostgreSQLLogHost",
        "PostgreSQLLogPort", "PostgreSQLLogUseConnectionPool", "PostgreSQLLogIncomingTable",
        "PostgreSQLLogOutgoingTable", "PostgreSQLLogEventTable",
        "OdbcLogUser", "OdbcLogPassword", "OdbcLogConnectionString", "OdbcLogIncomingTable",
        "OdbcLogOutgoingTable", "OdbcLogEventTable",
    ];

    /// <summary>Ignored keys numbered 1, 2, ... (QuickFIX/J: LogonTag1, SocketConnectProtocol1, ...).</summary>
    public static IReadOnlyList<string> IgnoredNumbered { get; } = ["LogonTag", "SocketConnectProtocol"];

    /// <summary>Ignored keys with a version suffix: AppDataDictionary.FIX.4.4 (FIXT 1.1 only).</summary>
    public static IReadOnlyList<string> IgnoredDotted { get; } = ["AppDataDictionary"];

    private static readonly HashSet<string> ReadSet = new(Read, StringComparer.OrdinalIgnoreCase);
    private static readonly HashSet<string> IgnoredSet = new(Ignored, StringComparer.OrdinalIgnoreCase);

    /// <summary>The key and its aliases: every spelling a file may use for it.</summary>
    internal static IEnumerable<string> Spellings(string key)
    {
        yield return key;
        foreach (var (alias, target) in Aliases)
            if (target.Equals(key, StringComparison.OrdinalIgnoreCase)) yield return alias;
    }

    internal static bool IsRead(string key) =>
        ReadSet.Contains(key) || Aliases.ContainsKey(key) || ReadNumbered.Any(p => Number(key, p) > 0);

    internal static bool IsIgnored(string key) =>
        IgnoredSet.Contains(key) || IgnoredNumbered.Any(p => Number(key, p) > 0)
        || IgnoredDotted.Any(p => key.Length > p.Length + 1 && key.StartsWith(p + ".", StringComparison.OrdinalIgnoreCase));

    /// <summary>n of "&lt;prefix&gt;&lt;n&gt;" (n ≥ 1, no leading zero), else 0.</summary>
    internal static int Number(string key, string prefix)
    {
        if (key.Length <= prefix.Length || !key.StartsWith(prefix, StringComparison.OrdinalIgnoreCase)) return 0;
        var digits = key.AsSpan(prefix.Length);
        if (digits[0] == '0' || digits.Length > 6) return 0;
        int n = 0;
        foreach (char c in digits)
        {
            if (c is < '0' or > '9') return 0;
            n = n * 10 + (c - '0');
        }
        return n;
    }

    /// <summary>The accepted key closest to a refused one, when it is close enough to be the likely meaning.</summary>
    internal static string? Closest(string key)
    {
        string? best = null;
        int bestDistance = int.MaxValue;
        foreach (var candidate in Read.Concat(Aliases.Keys).Concat(Ignored))
        {
            int d = Distance(key, candidate);
            if (d < bestDistance) (best, bestDistance) = (candidate, d);
        }
        return bestDistance <= Math.Max(2, key.Length / 5) ? best : null;
    }

    // Levenshtein distance, case-insensitive: keys are compared without case everywhere else too.
    private static int Distance(string a, string b)
    {
        var previous = new int[b.Length + 1];
        var current = new int[b.Length + 1];
        for (int j = 0; j <= b.Length; j++) previous[j] = j;
        for (int i = 1; i <= a.Length; i++)
        {
            current[0] = i;
            for (int j = 1; j <= b.Length; j++)
            {
                int substitute = previous[j - 1] + (char.ToUpperInvariant(a[i - 1]) == char.ToUpperInvariant(b[j - 1]) ? 0 : 1);
                current[j] = Math.Min(substitute, Math.Min(previous[j], current[j - 1]) + 1);
            }
            (previous, current) = (current, previous);
        }
        return previous[b.Length];
    }
}
