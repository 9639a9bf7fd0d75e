namespace TradeX.Core;

/// <summary>Every kind of engine event. Codes are stable.</summary>
public enum EventKind : ushort
{
    None = 0,
    OrderAccepted = 1,
    OrderRejected = 2,
    Trade = 3,
    OrderCanceled = 4,
    OrderReplaced = 5,
    CancelRejected = 6,
    PositionChanged = 7,
    ExposureChanged = 8,
    LimitAlert = 9,
    KillSwitchChanged = 10,
    VenueOrderRequested = 11,
    VenueCancelRequested = 12,
    DuplicateFillIgnored = 13,
    InputAccepted = 14,
    InputRejected = 15,
    QuoteStatus = 16,
    ProtectionTripped = 17,
    ProtectionReset = 18,
    ChildOrderClosed = 19,
    VenueSessionChanged = 20,
    FillBreak = 21,
}
