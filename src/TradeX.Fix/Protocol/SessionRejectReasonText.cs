namespace TradeX.Fix.Protocol;

/// <summary>
/// The wording of each <see cref="SessionRejectReason"/> in Text(58) of a Reject, QuickFIX's (which FIX desks
/// compare against), as constant strings (no allocation).
/// </summary>
public static class SessionRejectReasonText
{
    public static string Of(SessionRejectReason reason) => reason switch
    {
        SessionRejectReason.InvalidTagNumber => "Invalid tag number",
        SessionRejectReason.RequiredTagMissing => "Required tag missing",
        SessionRejectReason.TagNotDefinedForThisMessageType => "Tag not defined for this message type",
        SessionRejectReason.UndefinedTag => "Undefined Tag",
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
        SessionRejectReason.NonDataValueIncludesFieldDelimiter => "Non Data value includes field delimiter (SOH character)",
        _ => "Other",
    };
}
