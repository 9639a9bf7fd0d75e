using TradeX.Fix.Protocol;

namespace TradeX.Fix.Transport;

/// <summary>Receives one frame from a <see cref="SocketConnection"/>.</summary>
internal delegate FixParseStatus FrameHandler(SocketConnection connection, ReadOnlySpan<byte> frame);
