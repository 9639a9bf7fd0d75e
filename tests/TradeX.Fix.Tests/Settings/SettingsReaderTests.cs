using TradeX.Fix.Session;
using TradeX.Fix.Settings;
using TradeX.Fix.Tests.Support;

namespace TradeX.Fix.Tests.Settings;

[NonParallelizable] // sets environment variables
public sealed class SettingsReaderTests
{
    private static string Write(string content) => SettingsFiles.Write(content);

    private const string Minimal = SettingsFiles.MinimalInitiator;

    [Test]
    public void The_example_settings_files_in_fix_config_load()
    {
        Environment.SetEnvironmentVariable("TRADEX_FIX_DICTIONARY", TestPaths.Fix44Dictionary);
        Environment.SetEnvironmentVariable("TRADEX_EXCH_USERNAME", "trader");
        Environment.SetEnvironmentVariable("TRADEX_EXCH_PASSWORD", "from-the-environment");
        var venue = SessionSettingsReader.Load(Path.Combine(TestPaths.RepoRoot, "fix-config", "venue-initiator.cfg")).Single();
        Assert.That(venue.SessionId, Is.EqualTo(new SessionId("FIX.4.4", "TRADEX", "EXCH")));
        Assert.That(venue.ConnectionType, Is.EqualTo(ConnectionType.Initiator));
        Assert.That((venue.SocketConnectHost, venue.SocketConnectPort, venue.HeartBtInt), Is.EqualTo(("127.0.0.1", 9880, 30)));
        Assert.That((venue.ReconnectInterval, venue.ReconnectIntervalMax), Is.EqualTo((TimeSpan.FromSeconds(2), TimeSpan.FromSeconds(30))));
        Assert.That((venue.Username, venue.Password), Is.EqualTo(("trader", "from-the-environment")));
        Assert.That(venue.DataDictionary, Is.EqualTo(Path.GetFullPath(TestPaths.Fix44Dictionary)));
        Assert.That(venue.FileStorePath, Is.EqualTo(Path.Combine(TestPaths.RepoRoot, "fix-config", "store")));
        Assert.That(venue.Schedule.IsInSession(new DateTime(2026, 1, 5, 12, 0, 0, DateTimeKind.Utc)));
        Assert.That(venue.Schedule.IsInSession(new DateTime(2026, 1, 5, 23, 0, 0, DateTimeKind.Utc)), Is.False);

        var acceptors = SessionSettingsReader.Load(Path.Combine(TestPaths.RepoRoot, "fix-config", "acceptor.cfg"));
        Assert.That(acceptors.Select(a => a.SessionId.TargetCompID), Is.EqualTo(new[] { "CLIENT1", "CLIENT2" }));
        Assert.That(acceptors.All(a => a.SocketAcceptHost == "127.0.0.1" && a.SocketAcceptPort == 9881));
        Assert.That(acceptors[0].Schedule.NonStop);
        Assert.That(acceptors[1].Schedule.StartDay, Is.EqualTo(DayOfWeek.Sunday));
    }

    [Test]
    public void Session_values_override_defaults()
    {
        var s = SessionSettingsReader.Load(Write(Minimal + "\nHeartBtInt=5\n")).Single();
        Assert.That(s.HeartBtInt, Is.EqualTo(5));
        Assert.That(s.CheckLatency && s.SocketNodelay && s.PersistMessages, "QuickFIX defaults");
        Assert.That(s.DataDictionary, Is.Null);
    }

    [TestCase("\nHeartBeatInt=30\n", "key 'HeartBeatInt': unknown setting")]
    [TestCase("\nHeartBtInt=-5\n", "key 'HeartBtInt': '-5' is not an integer")]
    [TestCase("\nResetOnLogon=maybe\n", "key 'ResetOnLogon': 'maybe' is not Y or N")]
    [TestCase("\nStartDay=Funday\nEndDay=Friday\n", "key 'StartDay': 'Funday' is not a day")]
    [TestCase("\nStartDay=Monday\n", "StartDay and EndDay go together")]
    [TestCase("\nPassword=hunter2\n", "key 'Password': a password may not be written in the settings file")]
    [TestCase("\nRequiresOrigSendingTime=maybe\n", "key 'RequiresOrigSendingTime': 'maybe' is not Y or N")]
    [TestCase("\nMaxMessagesInResendRequest=-1\n", "key 'MaxMessagesInResendRequest': '-1' is not an integer")]
    [TestCase("\nResendRequestChunkSize=lots\n", "key 'ResendRequestChunkSize': 'lots' is not an integer")]
    [TestCase("\nEnableLastMsgSeqNumProcessed=1\n", "key 'EnableLastMsgSeqNumProcessed': '1' is not Y or N")]
    [TestCase("\nRefreshOnLogon=yes\n", "key 'RefreshOnLogon': 'yes' is not Y or N")]
    [TestCase("\nSendRedundantResendRequests=T\n", "key 'SendRedundantResendRequests': 'T' is not Y or N")]
    [TestCase("\nValidateLengthAndChecksum=0\n", "key 'ValidateLengthAndChecksum': '0' is not Y or N")]
    [TestCase("\nValidateSequenceNumbers=false\n", "key 'ValidateSequenceNumbers': 'false' is not Y or N")]
    [TestCase("\nValidateFieldsHaveValues=x\n", "key 'ValidateFieldsHaveValues': 'x' is not Y or N")]
    [TestCase("\nValidateUserDefinedFields=x\n", "key 'ValidateUserDefinedFields': 'x' is not Y or N")]
    [TestCase("\nAllowUnknownMsgFields=x\n", "key 'AllowUnknownMsgFields': 'x' is not Y or N")]
    [TestCase("\nResetOnDisconnect=x\n", "key 'ResetOnDisconnect': 'x' is not Y or N")]
    [TestCase("\nTimestampPrecision=5\n", "key 'TimestampPrecision': '5' is not 0, 3, 6 or 9")]
    [TestCase("\nTimeStampPrecision=PICOS\n", "key 'TimestampPrecision': 'PICOS' is not 0, 3, 6 or 9")]
    [TestCase("\nMillisecondsInTimeStamp=3\n", "key 'MillisecondsInTimeStamp': '3' is not Y or N")]
    [TestCase("\nUseLocalTime=Y\nTimeZone=Europe/London\n", "key 'UseLocalTime': UseLocalTime=Y and TimeZone cannot both be set")]
    [TestCase("\nSocketConnectHost1=backup\n", "key 'SocketConnectHost1': SocketConnectHost1 and SocketConnectPort1 go together")]
    [TestCase("\nSocketConnectHost1=b\nSocketConnectPort1=70000\n", "key 'SocketConnectPort1': '70000' is not an integer in 1..65535")]
    [TestCase("\nSocketConnectHost1=b\nSocketConnectPort1=1\nSocketConnectHost3=c\nSocketConnectPort3=2\n", "key 'SocketConnectHost3': SocketConnectHost2 is missing")]
    [TestCase("\nSocketAcceptHost=127.0.0.1\nSocketAcceptAddress=127.0.0.1\n", "key 'SocketAcceptAddress': the same setting as 'SocketAcceptHost'")]
    [TestCase("\nPasswordEnv=TRADEX_TEST_SURELY_UNSET\n", "environment variable 'TRADEX_TEST_SURELY_UNSET' is not set")]
    [TestCase("\nDataDictionary=/nonexistent/FIX44.xml\n", "key 'DataDictionary': file '/nonexistent/FIX44.xml' does not exist")]
    [TestCase("\nTimeZone=Mars/Olympus\n", "key 'TimeZone': unknown time zone")]
    [TestCase("\nReconnectIntervalMax=1\nReconnectInterval=10\n", "key 'ReconnectIntervalMax': 1 is less than ReconnectInterval")]
    public void Invalid_setting_fails_naming_file_section_and_key(string sessionExtra, string expected)
    {
        var path = Write(Minimal + sessionExtra);
        var e = Assert.Throws<FixConfigurationException>(() => SessionSettingsReader.Load(path))!;
        Assert.That(e.Message, Does.Contain(expected));
        Assert.That(e.Message, Does.StartWith(path));
        Assert.That(e.Message, Does.Contain("[SESSION] #1"));
    }

    [Test]
    public void Unknown_key_in_DEFAULT_names_the_DEFAULT_section_and_line()
    {
        var path = Write(Minimal.Replace("HeartBtInt=30", "HeartBtInt=30\nSocketAcceptInterface=1.2.3.4"));
        var e = Assert.Throws<FixConfigurationException>(() => SessionSettingsReader.Load(path))!;
        Assert.That(e.Message, Does.StartWith($"{path}:4: [DEFAULT] key 'SocketAcceptInterface': unknown setting"));
    }

    [Test]
    public void Missing_required_keys_are_named()
    {
        var e = Assert.Throws<FixConfigurationException>(() => SessionSettingsReader.Load(Write(Minimal.Replace("SocketConnectPort=9880", ""))))!;
        Assert.That(e.Message, Does.Contain("key 'SocketConnectPort': required setting is missing"));
        e = Assert.Throws<FixConfigurationException>(() => SessionSettingsReader.Load(Write(Minimal.Replace("StartTime=00:00:00", ""))))!;
        Assert.That(e.Message, Does.Contain("key 'StartTime': required setting is missing"));
        e = Assert.Throws<FixConfigurationException>(() => SessionSettingsReader.Load(Write(Minimal.Replace("ConnectionType=initiator", "ConnectionType=acceptor"))))!;
        Assert.That(e.Message, Does.Contain("key 'SocketAcceptPort': required setting is missing"));
    }

    [Test]
    public void Structural_errors_name_the_line()
    {
        var e = Assert.Throws<FixConfigurationException>(() => SessionSettingsReader.Load(Write("[DEFAULT]\nnonsense line\n")))!;
        Assert.That(e.Message, Does.Contain(":2: expected key=value"));
        e = Assert.Throws<FixConfigurationException>(() => SessionSettingsReader.Load(Write("[SESSIONS]\n")))!;
        Assert.That(e.Message, Does.Contain(":1: unknown section [SESSIONS]"));
        e = Assert.Throws<FixConfigurationException>(() => SessionSettingsReader.Load(Write(Minimal + "\n[SESSION]\nBeginString=FIX.4.4\nSenderCompID=A\nTargetCompID=B\n")))!;
        Assert.That(e.Message, Does.Contain("defined more than once"));
    }

    [Test]
    public void Password_comes_from_a_file_when_asked()
    {
        var dir = TestPaths.NewTempDirectory("secret");
        File.WriteAllText(Path.Combine(dir, "pw"), "s3cret\n");
        var path = Path.Combine(dir, "s.cfg");
        File.WriteAllText(path, Minimal + "\nPasswordFile=pw\nUsername=me\n");
        var s = SessionSettingsReader.Load(path).Single();
        Assert.That((s.Username, s.Password), Is.EqualTo(("me", "s3cret")));
    }
}
