using TradeX.Fix.Settings;

namespace TradeX.Fix.Tests.Settings;

/// <summary>Each setting a counterparty may need is read from the file, with QuickFIX's default when the file is silent.</summary>
public sealed class SessionSettingsValuesTests
{
    private static SessionSettings Load(string sessionExtra) =>
        SessionSettingsReader.Read(SettingsFiles.Write(SettingsFiles.MinimalInitiator + "\n" + sessionExtra + "\n")).Sessions.Single();

    /// <summary>A property by path ("Validation.FieldsHaveValues"), so a test case can name it.</summary>
    private static object? Property(SessionSettings s, string path) =>
        path.Split('.').Aggregate((object?)s, (o, name) => o!.GetType().GetProperty(name)!.GetValue(o));

    [TestCase("RequiresOrigSendingTime", true)]
    [TestCase("MaxMessagesInResendRequest", 0)]
    [TestCase("EnableLastMsgSeqNumProcessed", false)]
    [TestCase("RefreshOnLogon", false)]
    [TestCase("SendRedundantResendRequests", false)]
    [TestCase("ValidateLengthAndChecksum", true)]
    [TestCase("ValidateSequenceNumbers", true)]
    [TestCase("TimestampPrecision", 3)]
    [TestCase("Validation.FieldsHaveValues", true)]
    [TestCase("Validation.UserDefinedFields", true)]
    [TestCase("Validation.AllowUnknownMessageFields", false)]
    [TestCase("ResetOnDisconnect", false)]
    public void A_setting_the_file_leaves_out_has_the_QuickFIX_default(string property, object expected)
    {
        Assert.That(Property(Load(""), property), Is.EqualTo(expected));
        Assert.That(Property(new SessionSettings { SessionId = new("FIX.4.4", "A", "B"), ConnectionType = ConnectionType.Initiator }, property),
            Is.EqualTo(expected), "settings built in code have the same default");
    }

    [TestCase("RequiresOrigSendingTime=N", "RequiresOrigSendingTime", false)]
    [TestCase("MaxMessagesInResendRequest=2500", "MaxMessagesInResendRequest", 2500)]
    [TestCase("ResendRequestChunkSize=100", "MaxMessagesInResendRequest", 100)]
    [TestCase("EnableLastMsgSeqNumProcessed=Y", "EnableLastMsgSeqNumProcessed", true)]
    [TestCase("RefreshOnLogon=Y", "RefreshOnLogon", true)]
    [TestCase("SendRedundantResendRequests=Y", "SendRedundantResendRequests", true)]
    [TestCase("ValidateLengthAndChecksum=N", "ValidateLengthAndChecksum", false)]
    [TestCase("ValidateSequenceNumbers=N", "ValidateSequenceNumbers", false)]
    [TestCase("TimestampPrecision=0", "TimestampPrecision", 0)]
    [TestCase("TimestampPrecision=6", "TimestampPrecision", 6)]
    [TestCase("TimestampPrecision=9", "TimestampPrecision", 9)]
    [TestCase("TimeStampPrecision=NANOS", "TimestampPrecision", 9)]
    [TestCase("MillisecondsInTimeStamp=N", "TimestampPrecision", 0)]
    [TestCase("MillisecondsInTimeStamp=Y", "TimestampPrecision", 3)]
    [TestCase("MillisecondsInTimeStamp=N\nTimestampPrecision=6", "TimestampPrecision", 6)]
    [TestCase("ValidateFieldsHaveValues=N", "Validation.FieldsHaveValues", false)]
    [TestCase("ValidateUserDefinedFields=N", "Validation.UserDefinedFields", false)]
    [TestCase("AllowUnknownMsgFields=Y", "Validation.AllowUnknownMessageFields", true)]
    [TestCase("ResetOnDisconnect=Y", "ResetOnDisconnect", true)]
    [TestCase("SocketTcpNoDelay=N", "SocketNodelay", false)]
    public void A_setting_in_the_file_is_read(string line, string property, object expected) =>
        Assert.That(Property(Load(line), property), Is.EqualTo(expected));

    [Test]
    public void UseLocalTime_puts_the_schedule_in_the_machine_time_zone() =>
        Assert.That(Load("UseLocalTime=Y").Schedule.TimeZone, Is.EqualTo(TimeZoneInfo.Local));
}
