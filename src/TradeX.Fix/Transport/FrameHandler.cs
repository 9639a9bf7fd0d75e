namespace TradeX.Fix.Transport;

/// <summary>Receives one frame from a <see cref="SocketConnection"/>.</summary>
internal delegate void FrameHandler(SocketConnection connection, ReadOnlySpan<byte> frame);
