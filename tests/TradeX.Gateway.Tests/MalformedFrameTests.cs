using TradeX.Gateway.Tests.Support;
using TradeX.Protocol.OrderEntry;
using TradeX.Sbe.Runtime;
using TradeX.Sim.Client;
using static TradeX.Gateway.Tests.Support.GatewayHarness;

namespace TradeX.Gateway.Tests;

/// <summary>
/// Bad input of every kind on an established session: a frame that can still be delimited is answered
/// with a BusinessMessageReject carrying the reason and the session goes on; one that cannot be delimited
/// ends the session with Terminate. Another session trading at the same time never notices.
/// </summary>
public sealed class MalformedFrameTests
{
    /// <summary>A bad frame: how to build it from the next sequence number, and whether the gateway can read that number from it.</summary>
    public sealed record Case(string Name, Func<ulong, byte[]> Build, GatewayReason Reason, bool UsesSeqNum, string? TextMentions = null)
    {
        public override string ToString() => Name;
    }

    private static byte[] Order(ulong seq) => Frames.NewOrder(seq, 900 + seq, 21, Acme, AcmeRef - 20 * Tick, 10);

    public static IEnumerable<Case> Delimitable()
    {
        yield return new("SOFH encoding type is not SBE little-endian", s => Frames.WithEncodingType(Order(s), 0x5BE0), GatewayReason.UnsupportedEncoding, false);
        yield return new("wrong schema id", s => Frames.WithHeaderField(Order(s), 4, 7), GatewayReason.WrongSchema, false, "WrongSchemaId");
        yield return new("schema version newer than the gateway's", s => Frames.WithHeaderField(Order(s), 6, (ushort)(OrderEntrySchema.Version + 1)), GatewayReason.UnsupportedVersion, true);
        yield return new("unknown template id outside the application range", s => Frames.WithHeaderField(Order(s), 2, 99), GatewayReason.UnknownTemplate, false, "UnknownTemplateId");
        yield return new("unknown application template id (a newer schema's message)", s => Frames.WithHeaderField(Order(s), 2, 26), GatewayReason.UnknownTemplate, true);
        yield return new("root block shorter than the fields", s => Frames.WithHeaderField(Order(s), 0, 10), GatewayReason.MalformedMessage, true, "BlockLengthTooSmall");
        yield return new("frame shorter than the SBE header", s => Frames.Truncated(Order(s), 10), GatewayReason.MalformedMessage, false, "Truncated");
        yield return new("block cut short by the frame", s => Frames.Truncated(Order(s), 30), GatewayReason.MalformedMessage, true, "Truncated");
        yield return new("group announcing more entries than it holds", s => Frames.Truncated(Frames.MassQuote(s, 77, 11, 3), 6 + 8 + 28 + 4 + 36 + 10),
            GatewayReason.MalformedMessage, true, "quoteEntries");
        yield return new("bytes after the message inside the frame", s => Frames.WithTrailingBytes(Order(s), 5), GatewayReason.LengthMismatch, true);
        yield return new("side out of range", s => Frames.NewOrder(s, 900 + s, 21, Acme, AcmeRef, 10, side: 9), GatewayReason.InvalidValue, true);
        yield return new("order type out of range", s => Frames.NewOrder(s, 900 + s, 21, Acme, AcmeRef, 10, ordType: 7), GatewayReason.InvalidValue, true);
        yield return new("time in force out of range", s => Frames.NewOrder(s, 900 + s, 21, Acme, AcmeRef, 10, timeInForce: 2), GatewayReason.InvalidValue, true);
        yield return new("mass cancel scope out of range", s => Frames.MassCancel(s, 900 + s, 9, 21), GatewayReason.InvalidValue, true);
        yield return new("an execution report sent by the client", s => Frames.ExecutionReportNew(s), GatewayReason.UnexpectedMessage, true);
    }

    [TestCaseSource(nameof(Delimitable))]
    public void A_delimitable_bad_frame_gets_a_BusinessMessageReject_and_the_session_goes_on(Case bad)
    {
        using var h = new GatewayHarness();
        var (client, received) = h.Connect(Taker);
        var (bystander, bystanderReceived) = h.Connect(MarketMaker);

        ulong seq = bad.UsesSeqNum ? client.TakeSeqNo() : client.NextSeqNo;
        client.SendRaw(bad.Build(seq));

        var reject = received.WaitFor(m => m.Template == BusinessMessageRejectDecoder.SbeTemplateId, "a BusinessMessageReject");
        Assert.That(reject.Reason, Is.EqualTo((ushort)bad.Reason), reject.Text);
        Assert.That(reject.BusinessReject().RefSeqNum, Is.EqualTo(bad.UsesSeqNum ? seq : 0UL));
        if (bad.TextMentions is not null) Assert.That(reject.Text, Does.Contain(bad.TextMentions));
        Assert.That(h.Gateway.Statistics.MalformedFrames + h.Gateway.Statistics.BusinessRejects, Is.GreaterThanOrEqualTo(1));

        // The session goes on with the next number; the other session never noticed.
        client.SendNewOrder(new NewOrderRequest(1, 21, Acme, Side.Buy, 10, AcmeRef - 10 * Tick));
        received.WaitFor(ExecutionReportNewDecoder.SbeTemplateId, 1, "the next good order accepted");
        bystander.SendNewOrder(new NewOrderRequest(2, 11, Acme, Side.Sell, 10, AcmeRef + 10 * Tick));
        bystanderReceived.WaitFor(ExecutionReportNewDecoder.SbeTemplateId, 2, "the bystander's order accepted");
        Assert.That(client.State, Is.EqualTo(ClientState.Established));
        Assert.That(bystanderReceived.Messages.Select(m => m.Template), Has.None.EqualTo(BusinessMessageRejectDecoder.SbeTemplateId));
        Assert.That(h.Journaled().Count(i => i.Kind == TradeX.Core.InputKind.NewOrder), Is.EqualTo(2), "no bad frame reached the engine");
    }

    [TestCase(3u, TestName = "A frame length below the SOFH header ends the session")]
    [TestCase(5_000_000u, TestName = "A frame length above the maximum ends the session")]
    public void An_undelimitable_frame_terminates_the_session_and_the_other_session_keeps_trading(uint length)
    {
        using var h = new GatewayHarness();
        var (client, received) = h.Connect(Taker);
        var (bystander, bystanderReceived) = h.Connect(MarketMaker);
        client.SendNewOrder(new NewOrderRequest(1, 21, Acme, Side.Buy, 10, AcmeRef - 10 * Tick));
        received.WaitFor(ExecutionReportNewDecoder.SbeTemplateId, 1, "the order before the bad frame");

        client.SendRaw(Frames.WithLength(Order(client.NextSeqNo), length));

        received.WaitForEvent(SessionEventKind.Terminated, "Terminate");
        Assert.That(client.TerminateReason, Is.EqualTo((ushort)GatewayReason.UndelimitableFrame));
        bystander.SendNewOrder(new NewOrderRequest(2, 11, Acme, Side.Sell, 10, AcmeRef + 10 * Tick));
        bystanderReceived.WaitFor(ExecutionReportNewDecoder.SbeTemplateId, 2, "the bystander's order accepted");
        Assert.That(h.Journaled().Count(i => i.Kind == TradeX.Core.InputKind.NewOrder), Is.EqualTo(2), "what was accepted before stays; nothing after");
    }

    [Test]
    public void A_bad_frame_before_establishment_ends_the_connection_with_its_reason()
    {
        using var h = new GatewayHarness();
        using var peer = new RawPeer(h.Gateway.LocalEndPoint);
        peer.Send(Frames.WithHeaderField(Frames.Negotiate(Taker, NewSessionId()), 4, 7));

        var terminate = TerminateDecoder.Wrap(peer.ReadUntil(TerminateDecoder.SbeTemplateId) ?? throw new AssertionException("no Terminate"));
        Assert.That(terminate.ReasonCode, Is.EqualTo((ushort)GatewayReason.WrongSchema));
        Assert.That(peer.WaitClosedByPeer(TimeSpan.FromSeconds(20)), Is.True);
    }

    [Test]
    public void Credentials_longer_than_the_schema_allows_are_refused_as_malformed()
    {
        using var h = new GatewayHarness();
        using var peer = new RawPeer(h.Gateway.LocalEndPoint);
        var negotiate = Frames.Negotiate(Taker, NewSessionId());
        // The credentials' uint16 length sits right after the 21-byte block: claim 300 bytes (max 256).
        negotiate = Frames.WithBodyByte(negotiate, 21, 300 & 0xFF);
        negotiate = Frames.WithBodyByte(negotiate, 22, 300 >> 8);
        peer.Send(negotiate);

        var terminate = TerminateDecoder.Wrap(peer.ReadUntil(TerminateDecoder.SbeTemplateId) ?? throw new AssertionException("no Terminate"));
        Assert.That(terminate.ReasonCode, Is.EqualTo((ushort)GatewayReason.MalformedMessage));
        Assert.That(h.Gateway.Statistics.Negotiations, Is.Zero);
    }

    [Test]
    public void The_reject_text_names_the_element_and_offset_of_the_decode_error()
    {
        using var h = new GatewayHarness();
        var (client, received) = h.Connect(Taker);
        ulong seq = client.TakeSeqNo();
        var frame = Frames.Truncated(Frames.MassQuote(seq, 77, 11, 3), 6 + 8 + 28 + 4 + 36 + 10);
        int length = frame.Length - 6;
        client.SendRaw(frame);

        var reject = received.WaitFor(m => m.Template == BusinessMessageRejectDecoder.SbeTemplateId, "a BusinessMessageReject");
        // The entries start after the header (8), the block (28) and the group dimension (4); three need 108 bytes.
        var error = new SbeError(SbeErrorCode.Truncated, "MassQuote.quoteEntries", 8 + 28 + 4, 3 * 36, length);
        Assert.That(reject.Text, Does.EndWith(error.ToString()));
        Assert.That(reject.BusinessReject().RefTemplateId, Is.EqualTo((ushort)MassQuoteDecoder.SbeTemplateId));
        Assert.That(reject.Id, Is.EqualTo(77UL), "the quote id is named");
    }
}
