using System.Net;
using System.Text.RegularExpressions;
using TradeX.Fix.Settings;
using TradeX.Fix.Tests.Support;

namespace TradeX.Fix.Tests.Settings;

/// <summary>A counterparty's QuickFIX settings file loads as it is: documented keys we do not use are warned about, not refused.</summary>
public sealed class QuickFixSettingsFileTests
{
    private static string Write(string content) => SettingsFiles.Write(content, "quickfix.cfg");

    private static int LineOf(string content, string start) => SettingsFiles.LineOf(content, start);

    // What a QuickFIX C++ 1.15 shop sends over: socket options, screen and file log options, a MySQL
    // store, the HTTP console, SSL, QuickFIX/J log options; SocketReuseAddress is repeated per session.
    private const string QuickFixInitiator = """
        # QuickFIX C++ initiator
        [DEFAULT]
        ConnectionType=initiator
        ReconnectInterval=30
        HeartBtInt=30
        StartTime=00:00:00
        EndTime=00:00:00
        SocketConnectHost=127.0.0.1
        SocketReuseAddress=Y
        SocketSendBufferSize=65536
        SocketReceiveBufferSize=65536
        ScreenLogShowIncoming=N
        ScreenLogShowOutgoing=N
        ScreenLogShowEvents=N
        FileIncludeMilliseconds=Y
        FileIncludeTimeStampForMessages=Y
        HttpAcceptPort=9911
        MySQLStoreHost=db.example
        MySQLStoreDatabase=quickfix
        SSLProtocol=+SSLv3 +TLSv1
        LogoutTimeout=5

        [SESSION]
        BeginString=FIX.4.4
        SenderCompID=TRADEX
        TargetCompID=EXCH
        SocketConnectPort=9880
        SocketReuseAddress=N

        [SESSION]
        BeginString=FIX.4.4
        SenderCompID=TRADEX
        TargetCompID=EXCH2
        SocketConnectPort=9882
        SocketReuseAddress=Y
        SenderSubID=DESK1
        """;

    [Test]
    public void A_QuickFIX_file_with_common_documented_keys_loads_and_warns_once_per_ignored_key()
    {
        var path = Write(QuickFixInitiator);
        var logged = new List<string>();

        var result = SessionSettingsReader.Read(path, logged.Add);

        Assert.That(result.Sessions.Select(s => (s.SessionId.TargetCompID, s.SocketConnectPort)),
            Is.EqualTo(new[] { ("EXCH", 9880), ("EXCH2", 9882) }));
        Assert.That(result.Sessions.All(s => s.LogoutTimeout == TimeSpan.FromSeconds(5)), "implemented keys keep working");
        string[] ignored =
        [
            "SocketReuseAddress", "SocketSendBufferSize", "SocketReceiveBufferSize", "ScreenLogShowIncoming",
            "ScreenLogShowOutgoing", "ScreenLogShowEvents", "FileIncludeMilliseconds", "FileIncludeTimeStampForMessages",
            "HttpAcceptPort", "MySQLStoreHost", "MySQLStoreDatabase", "SSLProtocol", "SenderSubID",
        ];
        var expected = ignored.Select(k => $"{path}:{LineOf(QuickFixInitiator, k + "=")}: {k} has no effect in TradeX.Fix; ignored").ToArray();
        Assert.That(expected[0], Is.EqualTo($"{path}:9: SocketReuseAddress has no effect in TradeX.Fix; ignored"));
        Assert.That(result.Warnings, Is.EqualTo(expected));
        Assert.That(logged, Is.EqualTo(expected), "each warning given to the caller's logger exactly once");
    }

    [Test]
    public void An_undefined_key_is_still_refused_naming_file_section_and_line()
    {
        var content = QuickFixInitiator.Replace("SocketReuseAddress=N", "SocketReuseAdress=N");
        var path = Write(content);
        var e = Assert.Throws<FixConfigurationException>(() => SessionSettingsReader.Read(path))!;
        Assert.That(e.Message, Does.StartWith(
            $"{path}:{LineOf(content, "SocketReuseAdress")}: [SESSION] #1 (line {LineOf(content, "[SESSION]")}) key 'SocketReuseAdress': unknown setting"));
        Assert.That(e.Message, Does.Contain("did you mean 'SocketReuseAddress'?"));
    }

    [Test]
    public void Numbered_and_suffixed_QuickFIX_keys_are_accepted_as_ignored()
    {
        var content = QuickFixInitiator.Replace("SenderSubID=DESK1", "LogonTag=553=me\nLogonTag1=554=x\nAppDataDictionary.FIX.4.4=FIX44.xml");
        var path = Write(content);
        var warnings = SessionSettingsReader.Read(path).Warnings;
        Assert.That(warnings.Where(w => w.Contains("LogonTag") || w.Contains("AppDataDictionary")),
            Is.EqualTo(new[] { "LogonTag=", "LogonTag1=", "AppDataDictionary.FIX.4.4=" }
                .Select(k => $"{path}:{LineOf(content, k)}: {k[..^1]} has no effect in TradeX.Fix; ignored")));
    }

    [Test]
    public void QuickFIX_J_names_of_implemented_settings_are_read_without_warnings()
    {
        var path = Write("""
            [DEFAULT]
            ConnectionType=acceptor
            SocketAcceptAddress=127.0.0.1
            SocketAcceptPort=9881
            SocketTcpNoDelay=N
            ResendRequestChunkSize=500
            TimeStampPrecision=MICROS
            NonStopSession=Y
            [SESSION]
            BeginString=FIX.4.4
            SenderCompID=EXCH
            TargetCompID=CLIENT
            """);
        var result = SessionSettingsReader.Read(path);
        var s = result.Sessions.Single();
        Assert.That((s.SocketAcceptHost, s.SocketNodelay, s.MaxMessagesInResendRequest, s.TimestampPrecision),
            Is.EqualTo(("127.0.0.1", false, 500, 6)));
        Assert.That(result.Warnings, Is.Empty);
    }

    [Test]
    public void Failover_addresses_are_read_in_order()
    {
        var path = Write(QuickFixInitiator.Replace("SenderSubID=DESK1", "SocketConnectHost1=10.0.0.2\nSocketConnectPort1=9890\nSocketConnectHost2=backup.example\nSocketConnectPort2=9891"));
        var sessions = SessionSettingsReader.Read(path).Sessions;
        Assert.That(sessions[0].SocketConnectAlternates, Is.Empty);
        Assert.That(sessions[1].SocketConnectAlternates, Is.EqualTo(new[] { new DnsEndPoint("10.0.0.2", 9890), new DnsEndPoint("backup.example", 9891) }));
    }

    [Test]
    public void Every_accepted_key_is_documented_in_the_Settings_section_of_docs_fix_md()
    {
        var doc = File.ReadAllText(Path.Combine(TestPaths.RepoRoot, "docs", "fix.md"));
        int start = doc.IndexOf("\n## Settings", StringComparison.Ordinal);
        int end = doc.IndexOf("\n## ", start + 1, StringComparison.Ordinal);
        var section = doc[start..end];
        var keys = SettingKeys.Read.Concat(SettingKeys.Aliases.Keys).Concat(SettingKeys.Ignored)
            .Concat(SettingKeys.ReadNumbered.Concat(SettingKeys.IgnoredNumbered).Select(k => k + "<n>"))
            .Concat(SettingKeys.IgnoredDotted.Select(k => k + ".<BeginString>"));
        var missing = keys.Where(k => !Regex.IsMatch(section, $@"(?<![A-Za-z0-9]){Regex.Escape(k)}(?![A-Za-z0-9])")).ToList();
        Assert.That(missing, Is.Empty, "keys the reader accepts but docs/fix.md does not name");
        Assert.That(SettingKeys.Read.Intersect(SettingKeys.Ignored, StringComparer.OrdinalIgnoreCase), Is.Empty, "a key is either read or ignored");
    }
}
