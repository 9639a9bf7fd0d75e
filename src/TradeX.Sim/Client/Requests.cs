using TradeX.Protocol.OrderEntry;

namespace TradeX.Sim.Client;

/// <summary>A NewOrderSingle's content. Prices are raw fixed-point (10^-6); null = market order.</summary>
public readonly record struct NewOrderRequest(ulong ClOrdId, uint Account, int SecurityId, Side Side, long Quantity, long? Price,
    OrdType OrdType = OrdType.Limit, TimeInForce TimeInForce = TimeInForce.Day);

/// <summary>An OrderCancelRequest: by engine order id when known, else by the order's client order id.</summary>
public readonly record struct CancelRequest(ulong ClOrdId, ulong OrigClOrdId, uint Account, int SecurityId, Side Side, ulong? OrderId = null);

/// <summary>An OrderCancelReplaceRequest: a new price (null keeps it) and/or total quantity.</summary>
public readonly record struct ReplaceRequest(ulong ClOrdId, ulong OrigClOrdId, uint Account, int SecurityId, Side Side, long Quantity, long? Price,
    ulong? OrderId = null, OrdType OrdType = OrdType.Limit, TimeInForce TimeInForce = TimeInForce.Day);

/// <summary>One two-sided quote of a MassQuote; a zero size pulls that side (its price is then ignored).</summary>
public readonly record struct QuoteEntry(int SecurityId, long BidPrice, long BidSize, long OfferPrice, long OfferSize);

/// <summary>Why a session could not be opened: the gateway's reason code (docs/gateway.md) and text.</summary>
public sealed class OrderEntrySessionException(string message, ushort reasonCode = 0) : Exception(message)
{
    public ushort ReasonCode { get; } = reasonCode;
}
