namespace TradeX.Fix.Protocol;

/// <summary>
/// SessionRejectReason(373) of a session-level Reject(3), with the stable numeric codes of FIX 4.4.
/// Tests and logs assert on the code; <see cref="SessionRejectReasonText"/> gives the human text.
/// </summary>
public enum SessionRejectReason
{
    InvalidTagNumber = 0,
    RequiredTagMissing = 1,
    TagNotDefinedForThisMessageType = 2,
    UndefinedTag = 3,
    TagSpecifiedWithoutAValue = 4,
    ValueIsIncorrect = 5,
    IncorrectDataFormatForValue = 6,
    DecryptionProblem = 7,
    SignatureProblem = 8,
    CompIdProblem = 9,
    SendingTimeAccuracyProblem = 10,
    InvalidMsgType = 11,
    XmlValidationError = 12,
    TagAppearsMoreThanOnce = 13,
    TagSpecifiedOutOfRequiredOrder = 14,
    RepeatingGroupFieldsOutOfOrder = 15,
    IncorrectNumInGroupCountForRepeatingGroup = 16,
    NonDataValueIncludesFieldDelimiter = 17,
    Other = 99,
}

/// <summary>The FIX 4.4 wording of each <see cref="SessionRejectReason"/>, as constant strings (no allocation).</summary>
public static class SessionRejectReasonText
{
    public static string Of(SessionRejectReason reason) => reason switch
    {
        SessionRejectReason.InvalidTagNumber => "Invalid tag number",
        SessionRejectReason.RequiredTagMissing => "Required tag missing",
        SessionRejectReason.TagNotDefinedForThisMessageType => "Tag not defined for this message type",
        SessionRejectReason.UndefinedTag => "Undefined tag",
        SessionRejectReason.TagSpecifiedWithoutAValue => "Tag specified without a value",
        SessionRejectReason.ValueIsIncorrect => "Value is incorrect (out of range) for this tag",
        SessionRejectReason.IncorrectDataFormatForValue => "Incorrect data format for value",
        SessionRejectReason.DecryptionProblem => "Decryption problem",
        SessionRejectReason.SignatureProblem => "Signature problem",
        SessionRejectReason.CompIdProblem => "CompID problem",
        SessionRejectReason.SendingTimeAccuracyProblem => "SendingTime accuracy problem",
        SessionRejectReason.InvalidMsgType => "Invalid MsgType",
        SessionRejectReason.XmlValidationError => "XML validation error",
        SessionRejectReason.TagAppearsMoreThanOnce => "Tag appears more than once",
        SessionRejectReason.TagSpecifiedOutOfRequiredOrder => "Tag specified out of required order",
        SessionRejectReason.RepeatingGroupFieldsOutOfOrder => "Repeating group fields out of order",
        SessionRejectReason.IncorrectNumInGroupCountForRepeatingGroup => "Incorrect NumInGroup count for repeating group",
        SessionRejectReason.NonDataValueIncludesFieldDelimiter => "Non-data value includes field delimiter",
        _ => "Other",
    };
}
