namespace TradeX.Core;

/// <summary>Every kind of engine input. Codes are stable: they are the journal's record kinds.</summary>
public enum InputKind : byte
{
    None = 0,
    DefineInstrument = 1,
    DefineAccount = 2,
    DefineOperator = 3,
    NewOrder = 4,
    CancelOrder = 5,
    ReplaceOrder = 6,
    MassCancel = 7,
    MarkPrice = 8,
    VenueFill = 9,
    VenueOrderStatus = 10,
    SetLimit = 11,
    KillSwitch = 12,
    StartOfDay = 13,
    TimeTick = 14,
    Quote = 15,
    SetProtection = 16,
    ResetProtection = 17,
    DefineVenue = 18,
    VenueQuote = 19,
    VenueSessionStatus = 20,
    ResolveBreak = 21,
    AdjustCash = 22,
}
