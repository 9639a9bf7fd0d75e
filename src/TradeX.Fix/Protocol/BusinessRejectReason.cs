namespace TradeX.Fix.Protocol;

/// <summary>
/// BusinessRejectReason(380) of a BusinessMessageReject(j): the answer to an application message that
/// is well formed at the session level but cannot be processed by the application.
/// </summary>
public enum BusinessRejectReason
{
    Other = 0,
    UnknownId = 1,
    UnknownSecurity = 2,
    UnsupportedMessageType = 3,
    ApplicationNotAvailable = 4,
    ConditionallyRequiredFieldMissing = 5,
    NotAuthorized = 6,
    DeliverToFirmNotAvailable = 7,
}
