using System.Runtime.CompilerServices;
using TradeX.Core;
using TradeX.Protocol.Journal;
using TradeX.Sbe.Runtime;

namespace TradeX.Journal;

/// <summary>
/// Engine inputs to and from their SBE messages in <c>schemas/journal.xml</c> (schema id 2): template id
/// = <see cref="InputKind"/> code, every value exactly as the engine holds it. Enum fields go through
/// their raw wire bytes, so an input carrying an invalid code (which the engine rejects) is journaled
/// and replayed exactly as it arrived. Allocation-free both ways.
/// </summary>
public static class InputCodec
{
    /// <summary>The longest message any template encodes (VenueFill: 8 + 69 bytes), with room for later versions.</summary>
    public const int MaxMessageLength = 1024;

    /// <summary>True when <paramref name="kind"/> has a message in the journal schema.</summary>
    public static bool HasTemplate(InputKind kind) => kind is >= InputKind.DefineInstrument and <= InputKind.ResolveBreak;

    /// <summary>
    /// Encodes the payload of <paramref name="input"/> as its SBE message at the start of
    /// <paramref name="destination"/> and returns the length. An input kind without a template throws
    /// <see cref="JournalFormatException"/>: an input the journal cannot record exactly is refused, never
    /// written in part.
    /// </summary>
    public static int Encode(in EngineInput input, Span<byte> destination)
    {
        switch (input.Kind)
        {
            case InputKind.DefineInstrument: return Encode(in input.DefineInstrument, destination);
            case InputKind.DefineAccount: return Encode(in input.DefineAccount, destination);
            case InputKind.DefineOperator: return Encode(in input.DefineOperator, destination);
            case InputKind.NewOrder: return Encode(in input.NewOrder, destination);
            case InputKind.CancelOrder: return Encode(in input.CancelOrder, destination);
            case InputKind.ReplaceOrder: return Encode(in input.ReplaceOrder, destination);
            case InputKind.MassCancel: return Encode(in input.MassCancel, destination);
            case InputKind.MarkPrice: return Encode(in input.MarkPrice, destination);
            case InputKind.VenueFill: return Encode(in input.VenueFill, destination);
            case InputKind.VenueOrderStatus: return Encode(in input.VenueOrderStatus, destination);
            case InputKind.SetLimit: return Encode(in input.SetLimit, destination);
            case InputKind.KillSwitch: return Encode(in input.KillSwitch, destination);
            case InputKind.StartOfDay: return Encode(in input.StartOfDay, destination);
            case InputKind.TimeTick: return TimeTickEncoder.WrapAndApplyHeader(destination).Finish();
            case InputKind.Quote: return Encode(in input.Quote, destination);
            case InputKind.SetProtection: return Encode(in input.SetProtection, destination);
            case InputKind.ResetProtection: return Encode(in input.ResetProtection, destination);
            case InputKind.DefineVenue: return Encode(in input.DefineVenue, destination);
            case InputKind.VenueQuote: return Encode(in input.VenueQuote, destination);
            case InputKind.VenueSessionStatus: return Encode(in input.VenueSessionStatus, destination);
            case InputKind.ResolveBreak: return Encode(in input.ResolveBreak, destination);
            default: throw JournalFormatException.NoTemplate(input.Kind, input.Sequence);
        }
    }

    /// <summary>
    /// Decodes an SBE message of template <paramref name="kind"/> into the payload of
    /// <paramref name="input"/> (which the caller has cleared and whose Kind, Sequence and Time it sets).
    /// False, with a reason, for a message that is not a well-formed journal message of that template.
    /// </summary>
    public static bool TryDecode(InputKind kind, ReadOnlySpan<byte> message, ref EngineInput input, out string? error)
    {
        error = null;
        if (!HasTemplate(kind))
        {
            error = $"input kind {(byte)kind} has no journal template";
            return false;
        }
        if (!JournalSchema.TryReadHeader(message, 0, out SbeMessageHeader header, out SbeError headerError))
        {
            error = headerError.ToString();
            return false;
        }
        if (header.TemplateId != (int)kind)
        {
            error = $"SBE template {header.TemplateId} in a record of kind {(byte)kind}";
            return false;
        }
        if (message.Length != JournalSchema.HeaderLength + header.BlockLength)
        {
            error = $"SBE message of {message.Length} bytes, its header declares {JournalSchema.HeaderLength + header.BlockLength}";
            return false;
        }
        return kind switch
        {
            InputKind.DefineInstrument => DecodeDefineInstrument(message, ref input, out error),
            InputKind.DefineAccount => DecodeDefineAccount(message, ref input, out error),
            InputKind.DefineOperator => DecodeDefineOperator(message, ref input, out error),
            InputKind.NewOrder => DecodeNewOrder(message, ref input, out error),
            InputKind.CancelOrder => DecodeCancelOrder(message, ref input, out error),
            InputKind.ReplaceOrder => DecodeReplaceOrder(message, ref input, out error),
            InputKind.MassCancel => DecodeMassCancel(message, ref input, out error),
            InputKind.MarkPrice => DecodeMarkPrice(message, ref input, out error),
            InputKind.VenueFill => DecodeVenueFill(message, ref input, out error),
            InputKind.VenueOrderStatus => DecodeVenueOrderStatus(message, ref input, out error),
            InputKind.SetLimit => DecodeSetLimit(message, ref input, out error),
            InputKind.KillSwitch => DecodeKillSwitch(message, ref input, out error),
            InputKind.StartOfDay => DecodeStartOfDay(message, ref input, out error),
            InputKind.TimeTick => DecodeTimeTick(message, out error),
            InputKind.Quote => DecodeQuote(message, ref input, out error),
            InputKind.SetProtection => DecodeSetProtection(message, ref input, out error),
            InputKind.ResetProtection => DecodeResetProtection(message, ref input, out error),
            InputKind.DefineVenue => DecodeDefineVenue(message, ref input, out error),
            InputKind.VenueQuote => DecodeVenueQuote(message, ref input, out error),
            InputKind.VenueSessionStatus => DecodeVenueSessionStatus(message, ref input, out error),
            _ => DecodeResolveBreak(message, ref input, out error),
        };
    }

    // ---- encoders ---------------------------------------------------------------------------

    private static int Encode(in DefineInstrument x, scoped Span<byte> destination)
    {
        var e = DefineInstrumentEncoder.WrapAndApplyHeader(destination);
        e.Instrument = x.Instrument.Value;
        Span<byte> text = stackalloc byte[Ascii16.Capacity];
        x.Symbol.CopyTo(text);
        e.SetSymbolBytes(text);
        e.TickSize.SetMantissa(x.TickSize.Raw);
        e.LotSize = x.LotSize.Units;
        e.ReferencePrice.SetMantissa(x.ReferencePrice.Raw);
        e.PriceBandBps = x.PriceBandBps;
        e.MarketProtectionTicks = x.MarketProtectionTicks;
        e.MarketProtectionBps = x.MarketProtectionBps;
        return e.Finish();
    }

    private static int Encode(in ResolveBreak x, scoped Span<byte> destination)
    {
        var e = ResolveBreakEncoder.WrapAndApplyHeader(destination);
        e.BreakId = x.BreakId;
        Span<byte> text = stackalloc byte[Ascii16.Capacity];
        x.Operator.CopyTo(text);
        e.SetOperatorNameBytes(text);
        e.ActionRaw = (byte)x.Action;
        return e.Finish();
    }

    private static int Encode(in DefineAccount x, Span<byte> destination)
    {
        var e = DefineAccountEncoder.WrapAndApplyHeader(destination);
        e.Account = x.Account.Value;
        e.Participant = x.Participant.Value;
        e.Cash.SetMantissa(x.Cash.Raw);
        e.MaxOrderQuantity = x.MaxOrderQuantity.Units;
        e.MaxOrderNotional.SetMantissa(x.MaxOrderNotional.Raw);
        e.MaxGrossExposure.SetMantissa(x.MaxGrossExposure.Raw);
        e.MaxNetExposure.SetMantissa(x.MaxNetExposure.Raw);
        e.MaxPosition = x.MaxPosition.Units;
        e.DailyLossLimit.SetMantissa(x.DailyLossLimit.Raw);
        e.MaxOrdersPerSecond = x.MaxOrdersPerSecond;
        return e.Finish();
    }

    private static int Encode(in DefineOperator x, scoped Span<byte> destination)
    {
        var e = DefineOperatorEncoder.WrapAndApplyHeader(destination);
        Span<byte> text = stackalloc byte[Ascii16.Capacity];
        x.Operator.CopyTo(text);
        e.SetOperatorNameBytes(text);
        e.CanReenableRaw = Flag(x.CanReenable);
        return e.Finish();
    }

    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    private static int Encode(in NewOrder x, Span<byte> destination)
    {
        var e = NewOrderEncoder.WrapAndApplyHeader(destination);
        e.ClientOrderId = x.ClientOrderId.Value;
        e.Price.SetMantissa(x.Price.Raw);
        e.Quantity = x.Quantity.Units;
        e.Account = x.Account.Value;
        e.Instrument = x.Instrument.Value;
        e.Venue = x.Venue.Value;
        e.SideRaw = (byte)x.Side;
        e.OrdTypeRaw = (byte)x.Type;
        e.TimeInForceRaw = (byte)x.TimeInForce;
        e.Session = x.Session;
        e.RoutingRaw = (byte)x.Routing;
        return e.Finish();
    }

    private static int Encode(in CancelOrder x, Span<byte> destination)
    {
        var e = CancelOrderEncoder.WrapAndApplyHeader(destination);
        e.OrigClientOrderId = x.OrigClientOrderId.Value;
        e.ClientOrderId = x.ClientOrderId.Value;
        e.OrderId = x.OrderId.Value;
        e.Account = x.Account.Value;
        e.Session = x.Session;
        return e.Finish();
    }

    private static int Encode(in ReplaceOrder x, Span<byte> destination)
    {
        var e = ReplaceOrderEncoder.WrapAndApplyHeader(destination);
        e.OrigClientOrderId = x.OrigClientOrderId.Value;
        e.ClientOrderId = x.ClientOrderId.Value;
        e.OrderId = x.OrderId.Value;
        e.Price.SetMantissa(x.Price.Raw);
        e.Quantity = x.Quantity.Units;
        e.Account = x.Account.Value;
        e.Session = x.Session;
        return e.Finish();
    }

    private static int Encode(in MassCancel x, Span<byte> destination)
    {
        var e = MassCancelEncoder.WrapAndApplyHeader(destination);
        e.ScopeRaw = (byte)x.Scope;
        e.Target = x.Target;
        e.QuotesOnlyRaw = Flag(x.QuotesOnly);
        e.Instrument = x.Instrument.Value;
        return e.Finish();
    }

    private static int Encode(in MarkPrice x, Span<byte> destination)
    {
        var e = MarkPriceEncoder.WrapAndApplyHeader(destination);
        e.Instrument = x.Instrument.Value;
        e.Price.SetMantissa(x.Price.Raw);
        return e.Finish();
    }

    private static int Encode(in VenueFill x, scoped Span<byte> destination)
    {
        var e = VenueFillEncoder.WrapAndApplyHeader(destination);
        Span<byte> text = stackalloc byte[ExecutionId.Capacity];
        x.ExecutionId.CopyTo(text);
        e.SetExecutionIdBytes(text);
        e.OrderId = x.OrderId.Value;
        e.Quantity = x.Quantity.Units;
        e.Price.SetMantissa(x.Price.Raw);
        e.Venue = x.Venue.Value;
        e.Account = x.Account.Value;
        e.Instrument = x.Instrument.Value;
        e.SideRaw = (byte)x.Side;
        return e.Finish();
    }

    private static int Encode(in VenueOrderStatus x, Span<byte> destination)
    {
        var e = VenueOrderStatusEncoder.WrapAndApplyHeader(destination);
        e.OrderId = x.OrderId.Value;
        e.Venue = x.Venue.Value;
        e.StateRaw = (byte)x.State;
        return e.Finish();
    }

    private static int Encode(in SetLimit x, Span<byte> destination)
    {
        var e = SetLimitEncoder.WrapAndApplyHeader(destination);
        e.Account = x.Account.Value;
        e.LimitRaw = (byte)x.Limit;
        e.KindRaw = (byte)x.Kind;
        e.Value = x.Value;
        e.WarningBps = x.WarningBps;
        e.CriticalBps = x.CriticalBps;
        e.Floor.SetMantissa(x.Floor);
        return e.Finish();
    }

    private static int Encode(in KillSwitch x, scoped Span<byte> destination)
    {
        var e = KillSwitchEncoder.WrapAndApplyHeader(destination);
        e.ScopeRaw = (byte)x.Scope;
        e.Account = x.Account.Value;
        e.ActivateRaw = Flag(x.Activate);
        Span<byte> text = stackalloc byte[Ascii16.Capacity];
        x.Operator.CopyTo(text);
        e.SetOperatorNameBytes(text);
        return e.Finish();
    }

    private static int Encode(in StartOfDay x, Span<byte> destination)
    {
        var e = StartOfDayEncoder.WrapAndApplyHeader(destination);
        e.TradingDate = x.TradingDate;
        return e.Finish();
    }

    private static int Encode(in Quote x, Span<byte> destination)
    {
        var e = QuoteEncoder.WrapAndApplyHeader(destination);
        e.QuoteId = x.QuoteId;
        e.BidPrice.SetMantissa(x.BidPrice.Raw);
        e.BidSize = x.BidSize.Units;
        e.AskPrice.SetMantissa(x.AskPrice.Raw);
        e.AskSize = x.AskSize.Units;
        e.Account = x.Account.Value;
        e.Instrument = x.Instrument.Value;
        e.Session = x.Session;
        return e.Finish();
    }

    private static int Encode(in SetProtection x, Span<byte> destination)
    {
        var e = SetProtectionEncoder.WrapAndApplyHeader(destination);
        e.WindowNanos = x.WindowNanos;
        e.MaxQuantity = x.MaxQuantity;
        e.MaxCount = x.MaxCount;
        e.Participant = x.Participant.Value;
        e.Instrument = x.Instrument.Value;
        return e.Finish();
    }

    private static int Encode(in ResetProtection x, Span<byte> destination)
    {
        var e = ResetProtectionEncoder.WrapAndApplyHeader(destination);
        e.Participant = x.Participant.Value;
        e.Instrument = x.Instrument.Value;
        return e.Finish();
    }

    private static int Encode(in DefineVenue x, scoped Span<byte> destination)
    {
        var e = DefineVenueEncoder.WrapAndApplyHeader(destination);
        e.FeePerUnit.SetMantissa(x.FeePerUnit.Raw);
        e.LatencyNanos = x.LatencyNanos;
        Span<byte> text = stackalloc byte[Ascii16.Capacity];
        x.Name.CopyTo(text);
        e.SetNameBytes(text);
        e.Venue = x.Venue.Value;
        e.EnabledRaw = Flag(x.Enabled);
        return e.Finish();
    }

    private static int Encode(in VenueQuote x, Span<byte> destination)
    {
        var e = VenueQuoteEncoder.WrapAndApplyHeader(destination);
        e.BidPrice.SetMantissa(x.BidPrice.Raw);
        e.BidSize = x.BidSize.Units;
        e.AskPrice.SetMantissa(x.AskPrice.Raw);
        e.AskSize = x.AskSize.Units;
        e.Venue = x.Venue.Value;
        e.Instrument = x.Instrument.Value;
        return e.Finish();
    }

    private static int Encode(in VenueSessionStatus x, Span<byte> destination)
    {
        var e = VenueSessionStatusEncoder.WrapAndApplyHeader(destination);
        e.Venue = x.Venue.Value;
        e.UpRaw = Flag(x.Up);
        return e.Finish();
    }

    private static byte Flag(bool value) => value ? (byte)1 : (byte)0;

    // ---- decoders ---------------------------------------------------------------------------

    private static bool DecodeDefineInstrument(ReadOnlySpan<byte> m, ref EngineInput input, out string? error)
    {
        if (!DefineInstrumentDecoder.TryWrap(m, 0, out var d, out SbeError e)) return Fail(e, out error);
        ref DefineInstrument x = ref input.DefineInstrument;
        x.Instrument = new InstrumentId(d.Instrument);
        x.Symbol = Ascii16.FromBytes(d.SymbolBytes);
        x.TickSize = new Price(d.TickSize.Mantissa);
        x.LotSize = new Quantity(d.LotSize);
        x.ReferencePrice = new Price(d.ReferencePrice.Mantissa);
        x.PriceBandBps = d.PriceBandBps;
        // Version 0 and 1 records carry no protection band: the engine's default applies.
        x.MarketProtectionTicks = d.MarketProtectionTicksInActingVersion ? d.MarketProtectionTicks : 0;
        x.MarketProtectionBps = d.MarketProtectionBpsInActingVersion ? d.MarketProtectionBps : 0;
        error = null;
        return true;
    }

    private static bool DecodeResolveBreak(ReadOnlySpan<byte> m, ref EngineInput input, out string? error)
    {
        if (!ResolveBreakDecoder.TryWrap(m, 0, out var d, out SbeError e)) return Fail(e, out error);
        ref ResolveBreak x = ref input.ResolveBreak;
        x.BreakId = d.BreakId;
        x.Operator = Ascii16.FromBytes(d.OperatorNameBytes);
        x.Action = (TradeX.Core.BreakAction)d.ActionRaw;
        error = null;
        return true;
    }

    private static bool DecodeDefineAccount(ReadOnlySpan<byte> m, ref EngineInput input, out string? error)
    {
        if (!DefineAccountDecoder.TryWrap(m, 0, out var d, out SbeError e)) return Fail(e, out error);
        ref DefineAccount x = ref input.DefineAccount;
        x.Account = new AccountId(d.Account);
        x.Participant = new ParticipantId(d.Participant);
        x.Cash = new Money(d.Cash.Mantissa);
        x.MaxOrderQuantity = new Quantity(d.MaxOrderQuantity);
        x.MaxOrderNotional = new Money(d.MaxOrderNotional.Mantissa);
        x.MaxGrossExposure = new Money(d.MaxGrossExposure.Mantissa);
        x.MaxNetExposure = new Money(d.MaxNetExposure.Mantissa);
        x.MaxPosition = new Quantity(d.MaxPosition);
        x.DailyLossLimit = new Money(d.DailyLossLimit.Mantissa);
        x.MaxOrdersPerSecond = d.MaxOrdersPerSecond;
        error = null;
        return true;
    }

    private static bool DecodeDefineOperator(ReadOnlySpan<byte> m, ref EngineInput input, out string? error)
    {
        if (!DefineOperatorDecoder.TryWrap(m, 0, out var d, out SbeError e)) return Fail(e, out error);
        ref DefineOperator x = ref input.DefineOperator;
        x.Operator = Ascii16.FromBytes(d.OperatorNameBytes);
        x.CanReenable = d.CanReenableRaw != 0;
        error = null;
        return true;
    }

    private static bool DecodeNewOrder(ReadOnlySpan<byte> m, ref EngineInput input, out string? error)
    {
        if (!NewOrderDecoder.TryWrap(m, 0, out var d, out SbeError e)) return Fail(e, out error);
        ref NewOrder x = ref input.NewOrder;
        x.ClientOrderId = new ClientOrderId(d.ClientOrderId);
        x.Price = new Price(d.Price.Mantissa);
        x.Quantity = new Quantity(d.Quantity);
        x.Account = new AccountId(d.Account);
        x.Instrument = new InstrumentId(d.Instrument);
        x.Venue = new VenueId(d.Venue);
        x.Side = (TradeX.Core.Side)d.SideRaw;
        x.Type = (TradeX.Core.OrderType)d.OrdTypeRaw;
        x.TimeInForce = (TradeX.Core.TimeInForce)d.TimeInForceRaw;
        x.Session = d.Session;
        x.Routing = (TradeX.Core.RoutingPolicy)d.RoutingRaw;
        error = null;
        return true;
    }

    private static bool DecodeCancelOrder(ReadOnlySpan<byte> m, ref EngineInput input, out string? error)
    {
        if (!CancelOrderDecoder.TryWrap(m, 0, out var d, out SbeError e)) return Fail(e, out error);
        ref CancelOrder x = ref input.CancelOrder;
        x.OrigClientOrderId = new ClientOrderId(d.OrigClientOrderId);
        x.ClientOrderId = new ClientOrderId(d.ClientOrderId);
        x.OrderId = new OrderId(d.OrderId);
        x.Account = new AccountId(d.Account);
        x.Session = d.Session;
        error = null;
        return true;
    }

    private static bool DecodeReplaceOrder(ReadOnlySpan<byte> m, ref EngineInput input, out string? error)
    {
        if (!ReplaceOrderDecoder.TryWrap(m, 0, out var d, out SbeError e)) return Fail(e, out error);
        ref ReplaceOrder x = ref input.ReplaceOrder;
        x.OrigClientOrderId = new ClientOrderId(d.OrigClientOrderId);
        x.ClientOrderId = new ClientOrderId(d.ClientOrderId);
        x.OrderId = new OrderId(d.OrderId);
        x.Price = new Price(d.Price.Mantissa);
        x.Quantity = new Quantity(d.Quantity);
        x.Account = new AccountId(d.Account);
        x.Session = d.Session;
        error = null;
        return true;
    }

    private static bool DecodeMassCancel(ReadOnlySpan<byte> m, ref EngineInput input, out string? error)
    {
        if (!MassCancelDecoder.TryWrap(m, 0, out var d, out SbeError e)) return Fail(e, out error);
        ref MassCancel x = ref input.MassCancel;
        x.Scope = (TradeX.Core.MassCancelScope)d.ScopeRaw;
        x.Target = d.Target;
        x.QuotesOnly = d.QuotesOnlyRaw != 0;
        x.Instrument = new InstrumentId(d.InstrumentInActingVersion ? d.Instrument : 0); // version 0 records: every instrument
        error = null;
        return true;
    }

    private static bool DecodeMarkPrice(ReadOnlySpan<byte> m, ref EngineInput input, out string? error)
    {
        if (!MarkPriceDecoder.TryWrap(m, 0, out var d, out SbeError e)) return Fail(e, out error);
        ref MarkPrice x = ref input.MarkPrice;
        x.Instrument = new InstrumentId(d.Instrument);
        x.Price = new Price(d.Price.Mantissa);
        error = null;
        return true;
    }

    private static bool DecodeVenueFill(ReadOnlySpan<byte> m, ref EngineInput input, out string? error)
    {
        if (!VenueFillDecoder.TryWrap(m, 0, out var d, out SbeError e)) return Fail(e, out error);
        ref VenueFill x = ref input.VenueFill;
        x.ExecutionId = ExecutionId.FromBytes(d.ExecutionIdBytes);
        x.OrderId = new OrderId(d.OrderId);
        x.Quantity = new Quantity(d.Quantity);
        x.Price = new Price(d.Price.Mantissa);
        x.Venue = new VenueId(d.Venue);
        x.Account = new AccountId(d.Account);
        x.Instrument = new InstrumentId(d.Instrument);
        x.Side = (TradeX.Core.Side)d.SideRaw;
        error = null;
        return true;
    }

    private static bool DecodeVenueOrderStatus(ReadOnlySpan<byte> m, ref EngineInput input, out string? error)
    {
        if (!VenueOrderStatusDecoder.TryWrap(m, 0, out var d, out SbeError e)) return Fail(e, out error);
        ref VenueOrderStatus x = ref input.VenueOrderStatus;
        x.OrderId = new OrderId(d.OrderId);
        x.Venue = new VenueId(d.Venue);
        x.State = (TradeX.Core.VenueOrderState)d.StateRaw;
        error = null;
        return true;
    }

    private static bool DecodeSetLimit(ReadOnlySpan<byte> m, ref EngineInput input, out string? error)
    {
        if (!SetLimitDecoder.TryWrap(m, 0, out var d, out SbeError e)) return Fail(e, out error);
        ref SetLimit x = ref input.SetLimit;
        x.Account = new AccountId(d.Account);
        x.Limit = (TradeX.Core.LimitType)d.LimitRaw;
        x.Kind = (TradeX.Core.LimitKind)d.KindRaw;
        x.Value = d.Value;
        x.WarningBps = d.WarningBps;
        x.CriticalBps = d.CriticalBps;
        x.Floor = d.Floor.Mantissa;
        error = null;
        return true;
    }

    private static bool DecodeKillSwitch(ReadOnlySpan<byte> m, ref EngineInput input, out string? error)
    {
        if (!KillSwitchDecoder.TryWrap(m, 0, out var d, out SbeError e)) return Fail(e, out error);
        ref KillSwitch x = ref input.KillSwitch;
        x.Scope = (TradeX.Core.KillSwitchScope)d.ScopeRaw;
        x.Account = new AccountId(d.Account);
        x.Activate = d.ActivateRaw != 0;
        x.Operator = Ascii16.FromBytes(d.OperatorNameBytes);
        error = null;
        return true;
    }

    private static bool DecodeStartOfDay(ReadOnlySpan<byte> m, ref EngineInput input, out string? error)
    {
        if (!StartOfDayDecoder.TryWrap(m, 0, out var d, out SbeError e)) return Fail(e, out error);
        input.StartOfDay.TradingDate = d.TradingDate;
        error = null;
        return true;
    }

    private static bool DecodeTimeTick(ReadOnlySpan<byte> m, out string? error)
    {
        if (!TimeTickDecoder.TryWrap(m, 0, out _, out SbeError e)) return Fail(e, out error);
        error = null;
        return true;
    }

    private static bool DecodeQuote(ReadOnlySpan<byte> m, ref EngineInput input, out string? error)
    {
        if (!QuoteDecoder.TryWrap(m, 0, out var d, out SbeError e)) return Fail(e, out error);
        ref Quote x = ref input.Quote;
        x.QuoteId = d.QuoteId;
        x.BidPrice = new Price(d.BidPrice.Mantissa);
        x.BidSize = new Quantity(d.BidSize);
        x.AskPrice = new Price(d.AskPrice.Mantissa);
        x.AskSize = new Quantity(d.AskSize);
        x.Account = new AccountId(d.Account);
        x.Instrument = new InstrumentId(d.Instrument);
        x.Session = d.Session;
        error = null;
        return true;
    }

    private static bool DecodeSetProtection(ReadOnlySpan<byte> m, ref EngineInput input, out string? error)
    {
        if (!SetProtectionDecoder.TryWrap(m, 0, out var d, out SbeError e)) return Fail(e, out error);
        ref SetProtection x = ref input.SetProtection;
        x.WindowNanos = d.WindowNanos;
        x.MaxQuantity = d.MaxQuantity;
        x.MaxCount = d.MaxCount;
        x.Participant = new ParticipantId(d.Participant);
        x.Instrument = new InstrumentId(d.Instrument);
        error = null;
        return true;
    }

    private static bool DecodeResetProtection(ReadOnlySpan<byte> m, ref EngineInput input, out string? error)
    {
        if (!ResetProtectionDecoder.TryWrap(m, 0, out var d, out SbeError e)) return Fail(e, out error);
        input.ResetProtection.Participant = new ParticipantId(d.Participant);
        input.ResetProtection.Instrument = new InstrumentId(d.Instrument);
        error = null;
        return true;
    }

    private static bool DecodeDefineVenue(ReadOnlySpan<byte> m, ref EngineInput input, out string? error)
    {
        if (!DefineVenueDecoder.TryWrap(m, 0, out var d, out SbeError e)) return Fail(e, out error);
        ref DefineVenue x = ref input.DefineVenue;
        x.FeePerUnit = new Price(d.FeePerUnit.Mantissa);
        x.LatencyNanos = d.LatencyNanos;
        x.Name = Ascii16.FromBytes(d.NameBytes);
        x.Venue = new VenueId(d.Venue);
        x.Enabled = d.EnabledRaw != 0;
        error = null;
        return true;
    }

    private static bool DecodeVenueQuote(ReadOnlySpan<byte> m, ref EngineInput input, out string? error)
    {
        if (!VenueQuoteDecoder.TryWrap(m, 0, out var d, out SbeError e)) return Fail(e, out error);
        ref VenueQuote x = ref input.VenueQuote;
        x.BidPrice = new Price(d.BidPrice.Mantissa);
        x.BidSize = new Quantity(d.BidSize);
        x.AskPrice = new Price(d.AskPrice.Mantissa);
        x.AskSize = new Quantity(d.AskSize);
        x.Venue = new VenueId(d.Venue);
        x.Instrument = new InstrumentId(d.Instrument);
        error = null;
        return true;
    }

    private static bool DecodeVenueSessionStatus(ReadOnlySpan<byte> m, ref EngineInput input, out string? error)
    {
        if (!VenueSessionStatusDecoder.TryWrap(m, 0, out var d, out SbeError e)) return Fail(e, out error);
        input.VenueSessionStatus.Venue = new VenueId(d.Venue);
        input.VenueSessionStatus.Up = d.UpRaw != 0;
        error = null;
        return true;
    }

    private static bool Fail(SbeError e, out string? error)
    {
        error = e.ToString();
        return false;
    }
}
