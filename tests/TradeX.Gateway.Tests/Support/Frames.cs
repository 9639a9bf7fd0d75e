using TradeX.Sbe.Runtime;
using System.Buffers.Binary;
using System.Text;
using TradeX.Gateway.Framing;
using TradeX.Gateway.Participants;
using TradeX.Protocol.OrderEntry;

namespace TradeX.Gateway.Tests.Support;

/// <summary>Client frames built by hand (SOFH + SBE), so tests can send exactly what they mean, right or wrong.</summary>
public static class Frames
{
    private static byte[] Seal(byte[] buffer, int messageLength)
    {
        int length = Sofh.HeaderLength + messageLength;
        Sofh.Write(buffer, length);
        return buffer.AsSpan(0, length).ToArray();
    }

    public static byte[] Negotiate(ParticipantDefinition p, ulong sessionId, string? secret = null)
    {
        var b = new byte[512];
        var m = NegotiateEncoder.WrapAndApplyHeader(b, Sofh.HeaderLength);
        m.SessionId = sessionId;
        m.Timestamp = 1;
        m.ParticipantId = (uint)p.Id;
        m.ClientFlow = FlowType.Idempotent;
        m.SetCredentials(Encoding.UTF8.GetBytes(secret ?? p.Secret));
        return Seal(b, m.Finish());
    }

    public static byte[] Establish(ulong sessionId, ulong nextSeqNo, uint keepAliveMillis = 60_000)
    {
        var b = new byte[256];
        var m = EstablishEncoder.WrapAndApplyHeader(b, Sofh.HeaderLength);
        m.SessionId = sessionId;
        m.Timestamp = 2;
        m.KeepAliveInterval = keepAliveMillis;
        m.NextSeqNo = nextSeqNo;
        return Seal(b, m.Finish());
    }

    public static byte[] Sequence(ulong nextSeqNo)
    {
        var b = new byte[64];
        var m = SequenceEncoder.WrapAndApplyHeader(b, Sofh.HeaderLength);
        m.NextSeqNo = nextSeqNo;
        return Seal(b, m.Finish());
    }

    public static byte[] NewOrder(ulong seq, ulong clOrdId, uint account, int securityId, long price, long quantity, byte side = 1, byte ordType = 2, byte timeInForce = 0)
    {
        var b = new byte[256];
        var m = NewOrderSingleEncoder.WrapAndApplyHeader(b, Sofh.HeaderLength);
        m.SeqNum = seq;
        m.ClOrdId = clOrdId;
        m.Price.SetMantissa(price);
        m.OrderQty = quantity;
        m.TransactTime = 3;
        m.Account = account;
        m.SecurityId = securityId;
        m.SideRaw = side;
        m.OrdTypeRaw = ordType;
        m.TimeInForceRaw = timeInForce;
        return Seal(b, m.Finish());
    }

    public static byte[] MassCancel(ulong seq, ulong clOrdId, byte scope, uint? account = null)
    {
        var b = new byte[256];
        var m = OrderMassCancelRequestEncoder.WrapAndApplyHeader(b, Sofh.HeaderLength);
        m.SeqNum = seq;
        m.ClOrdId = clOrdId;
        m.TransactTime = 3;
        if (account is { } a) m.Account = a;
        m.ScopeRaw = scope;
        return Seal(b, m.Finish());
    }

    public static byte[] MassQuote(ulong seq, ulong quoteId, uint account, int entries)
    {
        var b = new byte[4096];
        var m = MassQuoteEncoder.WrapAndApplyHeader(b, Sofh.HeaderLength);
        m.SeqNum = seq;
        m.QuoteId = quoteId;
        m.TransactTime = 3;
        m.Account = account;
        var g = m.QuoteEntriesCount(entries);
        for (int i = 0; i < entries; i++)
        {
            g.Next();
            g.BidPx.SetMantissa(GatewayHarness.AcmeRef - GatewayHarness.Tick);
            g.BidSize = 10;
            g.OfferPx.SetMantissa(GatewayHarness.AcmeRef + GatewayHarness.Tick);
            g.OfferSize = 10;
            g.SecurityId = GatewayHarness.Acme;
        }
        return Seal(b, m.Finish());
    }

    /// <summary>An execution report, which only the gateway may send.</summary>
    public static byte[] ExecutionReportNew(ulong seq)
    {
        var b = new byte[256];
        var m = ExecutionReportNewEncoder.WrapAndApplyHeader(b, Sofh.HeaderLength);
        m.SeqNum = seq;
        m.ClOrdId = 1;
        return Seal(b, m.Finish());
    }

    // ---- mutations of a well-formed frame ----

    public static byte[] WithEncodingType(byte[] frame, ushort encoding)
    {
        var copy = (byte[])frame.Clone();
        BinaryPrimitives.WriteUInt16BigEndian(copy.AsSpan(4), encoding);
        return copy;
    }

    public static byte[] WithLength(byte[] frame, uint length)
    {
        var copy = (byte[])frame.Clone();
        BinaryPrimitives.WriteUInt32BigEndian(copy, length);
        return copy;
    }

    /// <summary>Sets a little-endian uint16 of the SBE header: 0 blockLength, 2 templateId, 4 schemaId, 6 version.</summary>
    public static byte[] WithHeaderField(byte[] frame, int offset, ushort value)
    {
        var copy = (byte[])frame.Clone();
        BinaryPrimitives.WriteUInt16LittleEndian(copy.AsSpan(Sofh.HeaderLength + offset), value);
        return copy;
    }

    /// <summary>Sets one byte of the message body (offset from the end of the 8-byte SBE header).</summary>
    public static byte[] WithBodyByte(byte[] frame, int offset, byte value)
    {
        var copy = (byte[])frame.Clone();
        copy[Sofh.HeaderLength + OrderEntrySchema.HeaderLength + offset] = value;
        return copy;
    }

    /// <summary>Appends bytes inside the frame (the SOFH length grows; the SBE message does not).</summary>
    public static byte[] WithTrailingBytes(byte[] frame, int count)
    {
        var copy = new byte[frame.Length + count];
        frame.CopyTo(copy, 0);
        Sofh.Write(copy, copy.Length);
        return copy;
    }

    /// <summary>Cuts the frame to <paramref name="length"/> bytes and makes the SOFH length say so.</summary>
    public static byte[] Truncated(byte[] frame, int length)
    {
        var copy = frame.AsSpan(0, length).ToArray();
        Sofh.Write(copy, length);
        return copy;
    }
}
