namespace TradeX.Fix.Session;

/// <summary>The transport under a session: one TCP connection. Implemented by the socket transport.</summary>
public interface IFixConnection
{
    /// <summary>Writes the whole frame; false when the connection is broken.</summary>
    bool Send(ReadOnlySpan<byte> frame);

    /// <summary>Closes the connection (idempotent); the receive loop then ends.</summary>
    void Close();

    string RemoteEndPoint { get; }
}
