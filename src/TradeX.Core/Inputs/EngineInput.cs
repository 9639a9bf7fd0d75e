using System.Runtime.InteropServices;

namespace TradeX.Core;

/// <summary>
/// One engine input: a kind, its sequence number (the global order, assigned by the input ring),
/// the time stamped by its producer, and the payload for that kind. A fixed-size, blittable struct
/// so it can live in a pre-allocated ring slot and be filled in place.
/// </summary>
[StructLayout(LayoutKind.Explicit, Size = Size)]
public struct EngineInput
{
    public const int Size = 96;
    private const int PayloadOffset = 24;

    [FieldOffset(0)] public InputKind Kind;
    /// <summary>Strictly increasing; the engine ignores (and counts) any input not above the last one applied.</summary>
    [FieldOffset(8)] public long Sequence;
    /// <summary>Nanoseconds since the Unix epoch, stamped by the producer. The engine never reads a clock.</summary>
    [FieldOffset(16)] public long Time;

    [FieldOffset(PayloadOffset)] public DefineInstrument DefineInstrument;
    [FieldOffset(PayloadOffset)] public DefineAccount DefineAccount;
    [FieldOffset(PayloadOffset)] public DefineOperator DefineOperator;
    [FieldOffset(PayloadOffset)] public NewOrder NewOrder;
    [FieldOffset(PayloadOffset)] public CancelOrder CancelOrder;
    [FieldOffset(PayloadOffset)] public ReplaceOrder ReplaceOrder;
    [FieldOffset(PayloadOffset)] public MassCancel MassCancel;
    [FieldOffset(PayloadOffset)] public MarkPrice MarkPrice;
    [FieldOffset(PayloadOffset)] public VenueFill VenueFill;
    [FieldOffset(PayloadOffset)] public VenueOrderStatus VenueOrderStatus;
    [FieldOffset(PayloadOffset)] public SetLimit SetLimit;
    [FieldOffset(PayloadOffset)] public KillSwitch KillSwitch;
    [FieldOffset(PayloadOffset)] public StartOfDay StartOfDay;
    [FieldOffset(PayloadOffset)] public TimeTick TimeTick;
    [FieldOffset(PayloadOffset)] public Quote Quote;
    [FieldOffset(PayloadOffset)] public SetProtection SetProtection;
    [FieldOffset(PayloadOffset)] public ResetProtection ResetProtection;
    [FieldOffset(PayloadOffset)] public DefineVenue DefineVenue;
    [FieldOffset(PayloadOffset)] public VenueQuote VenueQuote;
    [FieldOffset(PayloadOffset)] public VenueSessionStatus VenueSessionStatus;
    [FieldOffset(PayloadOffset)] public ResolveBreak ResolveBreak;
    [FieldOffset(PayloadOffset)] public AdjustCash AdjustCash;

    public static EngineInput Of(in NewOrder x) => new() { Kind = InputKind.NewOrder, NewOrder = x };
    public static EngineInput Of(in CancelOrder x) => new() { Kind = InputKind.CancelOrder, CancelOrder = x };
    public static EngineInput Of(in ReplaceOrder x) => new() { Kind = InputKind.ReplaceOrder, ReplaceOrder = x };
    public static EngineInput Of(in MassCancel x) => new() { Kind = InputKind.MassCancel, MassCancel = x };
    public static EngineInput Of(in MarkPrice x) => new() { Kind = InputKind.MarkPrice, MarkPrice = x };
    public static EngineInput Of(in VenueFill x) => new() { Kind = InputKind.VenueFill, VenueFill = x };
    public static EngineInput Of(in VenueOrderStatus x) => new() { Kind = InputKind.VenueOrderStatus, VenueOrderStatus = x };
    public static EngineInput Of(in DefineInstrument x) => new() { Kind = InputKind.DefineInstrument, DefineInstrument = x };
    public static EngineInput Of(in DefineAccount x) => new() { Kind = InputKind.DefineAccount, DefineAccount = x };
    public static EngineInput Of(in DefineOperator x) => new() { Kind = InputKind.DefineOperator, DefineOperator = x };
    public static EngineInput Of(in SetLimit x) => new() { Kind = InputKind.SetLimit, SetLimit = x };
    public static EngineInput Of(in KillSwitch x) => new() { Kind = InputKind.KillSwitch, KillSwitch = x };
    public static EngineInput Of(in StartOfDay x) => new() { Kind = InputKind.StartOfDay, StartOfDay = x };
    public static EngineInput Of(in Quote x) => new() { Kind = InputKind.Quote, Quote = x };
    public static EngineInput Of(in SetProtection x) => new() { Kind = InputKind.SetProtection, SetProtection = x };
    public static EngineInput Of(in ResetProtection x) => new() { Kind = InputKind.ResetProtection, ResetProtection = x };
    public static EngineInput Of(in DefineVenue x) => new() { Kind = InputKind.DefineVenue, DefineVenue = x };
    public static EngineInput Of(in VenueQuote x) => new() { Kind = InputKind.VenueQuote, VenueQuote = x };
    public static EngineInput Of(in VenueSessionStatus x) => new() { Kind = InputKind.VenueSessionStatus, VenueSessionStatus = x };
    public static EngineInput Of(in ResolveBreak x) => new() { Kind = InputKind.ResolveBreak, ResolveBreak = x };
    public static EngineInput Of(in AdjustCash x) => new() { Kind = InputKind.AdjustCash, AdjustCash = x };
    public static EngineInput Tick() => new() { Kind = InputKind.TimeTick };
}
