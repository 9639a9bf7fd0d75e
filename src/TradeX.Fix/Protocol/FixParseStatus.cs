namespace TradeX.Fix.Protocol;

/// <summary>
/// Outcome of framing and parsing one message. Anything but <see cref="Ok"/> means the message is
/// garbled in the FIX 4.4 sense (BeginString, BodyLength, MsgType not first, CheckSum wrong, a field
/// without '='): the session ignores it without consuming a sequence number, so the gap it leaves is
/// recovered by a ResendRequest. Field-level problems (empty value, unknown tag, bad format) parse
/// as <see cref="Ok"/> and are answered by the validator with a Reject.
/// </summary>
public enum FixParseStatus
{
    Ok = 0,
    BadBeginString,
    BadBodyLength,
    BadCheckSum,
    MissingCheckSum,
    MsgTypeNotThird,
    MalformedField,
    BadDataLength,
    TooManyFields,
}
