using System.Runtime.InteropServices;

namespace TradeX.Core;

/// <summary>
/// One engine event: its kind, the sequence and time of the input that caused it, and the payload.
/// Fixed-size and blittable so it can be copied into a pre-allocated output ring slot.
/// </summary>
[StructLayout(LayoutKind.Explicit, Size = Size)]
public struct EngineEvent
{
    public const int Size = 144;
    private const int PayloadOffset = 24;

    [FieldOffset(0)] public EventKind Kind;
    [FieldOffset(8)] public long Sequence;
    [FieldOffset(16)] public long Time;

    [FieldOffset(PayloadOffset)] public OrderAccepted OrderAccepted;
    [FieldOffset(PayloadOffset)] public OrderRejected OrderRejected;
    [FieldOffset(PayloadOffset)] public Trade Trade;
    [FieldOffset(PayloadOffset)] public OrderCanceled OrderCanceled;
    [FieldOffset(PayloadOffset)] public OrderReplaced OrderReplaced;
    [FieldOffset(PayloadOffset)] public CancelRejected CancelRejected;
    [FieldOffset(PayloadOffset)] public PositionChanged PositionChanged;
    [FieldOffset(PayloadOffset)] public ExposureChanged ExposureChanged;
    [FieldOffset(PayloadOffset)] public LimitAlert LimitAlert;
    [FieldOffset(PayloadOffset)] public KillSwitchChanged KillSwitchChanged;
    [FieldOffset(PayloadOffset)] public VenueOrderRequested VenueOrderRequested;
    [FieldOffset(PayloadOffset)] public VenueCancelRequested VenueCancelRequested;
    [FieldOffset(PayloadOffset)] public DuplicateFillIgnored DuplicateFillIgnored;
    [FieldOffset(PayloadOffset)] public InputAccepted InputAccepted;
    [FieldOffset(PayloadOffset)] public InputRejected InputRejected;
    [FieldOffset(PayloadOffset)] public QuoteStatus QuoteStatus;
    [FieldOffset(PayloadOffset)] public ProtectionTripped ProtectionTripped;
    [FieldOffset(PayloadOffset)] public ProtectionReset ProtectionReset;
    [FieldOffset(PayloadOffset)] public ChildOrderClosed ChildOrderClosed;
    [FieldOffset(PayloadOffset)] public VenueSessionChanged VenueSessionChanged;
    [FieldOffset(PayloadOffset)] public FillBreak FillBreak;
}

/// <summary>
/// Receives the engine's events in order, on the engine thread. Implementations copy what they need
/// (into an output ring, a test list); they must not block or call back into the engine.
/// </summary>
public interface IEngineEventSink
{
    void Publish(in EngineEvent e);
}
