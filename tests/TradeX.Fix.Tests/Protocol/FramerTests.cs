using System.Text;
using TradeX.Fix.Protocol;
using TradeX.Fix.Tests.Support;

namespace TradeX.Fix.Tests.Protocol;

public sealed class FramerTests
{
    private const int MaxSize = 4096;

    private static byte[] Heartbeat(int seq) =>
        new FixFrameBuilder("FIX.4.4").Build("0"u8, "A"u8, "B"u8, seq, new DateTime(2026, 1, 5, 10, 0, 0, DateTimeKind.Utc), default).ToArray();

    private static byte[] TestRequest(int seq, string id) =>
        new FixFrameBuilder("FIX.4.4").Build("1"u8, "A"u8, "B"u8, seq, new DateTime(2026, 1, 5, 10, 0, 0, DateTimeKind.Utc),
            RawFixPeer.Soh($"112={id}|")).ToArray();

    /// <summary>The same message with its BodyLength changed by <paramref name="delta"/> (CheckSum recomputed, so only the length lies).</summary>
    private static byte[] WithBodyLength(byte[] frame, int delta)
    {
        var text = RawFrame.Text(frame);
        int lengthStart = text.IndexOf("|9=", StringComparison.Ordinal) + 3;
        int lengthEnd = text.IndexOf('|', lengthStart);
        int bodyStart = lengthEnd + 1;
        int checksumAt = text.LastIndexOf("10=", StringComparison.Ordinal);
        return RawFrame.Wrap(text[bodyStart..checksumAt], bodyLength: checksumAt - bodyStart + delta);
    }

    /// <summary>What a receiver gets from a stream, QuickFIX's way: each frame parsed, a garbled frame dropped whole.</summary>
    private static List<(FixParseStatus Status, int Seq)> Receive(byte[] stream)
    {
        var received = new List<(FixParseStatus, int)>();
        var buffer = stream.AsSpan();
        var m = new FixMessage();
        while (!buffer.IsEmpty)
        {
            int r = FixFramer.Find(buffer, MaxSize);
            if (r == 0) break;
            if (r < 0) { buffer = buffer[-r..]; continue; }
            var status = m.Parse(buffer[..r]);
            received.Add((status, status == FixParseStatus.Ok ? m.MsgSeqNum : 0));
            buffer = buffer[r..];
        }
        return received;
    }

    [Test]
    public void Frames_are_recovered_from_a_stream_with_garbage_between_them()
    {
        var stream = new List<byte>();
        stream.AddRange(Encoding.ASCII.GetBytes("junk\u0001more junk 8=FI"));
        stream.AddRange(Heartbeat(1));
        stream.AddRange(Encoding.ASCII.GetBytes("8=FIX.4.4\u00019=zz\u0001"));
        stream.AddRange(Heartbeat(2));
        Assert.That(Receive(stream.ToArray()), Is.EqualTo(new[] { (FixParseStatus.Ok, 1), (FixParseStatus.Ok, 2) }));
    }

    [Test]
    public void A_frame_cut_anywhere_asks_for_more_bytes()
    {
        var frame = Heartbeat(3);
        for (int cut = 1; cut < frame.Length; cut++)
            Assert.That(FixFramer.Find(frame.AsSpan(0, cut), MaxSize), Is.EqualTo(0), $"cut at {cut}");
        Assert.That(FixFramer.Find(frame, MaxSize), Is.EqualTo(frame.Length));
    }

    [Test]
    public void BodyLength_beyond_the_maximum_is_skipped_not_awaited()
    {
        var bytes = Encoding.ASCII.GetBytes("8=FIX.4.4\u00019=99999999\u000135=0\u0001");
        Assert.That(FixFramer.Find(bytes, MaxSize), Is.LessThan(0));
    }

    [Test]
    public void A_too_long_BodyLength_swallows_the_next_message_and_the_two_are_ignored_as_one_garbled_frame()
    {
        var first = WithBodyLength(TestRequest(1, "FIRST"), +20);
        var second = TestRequest(2, "SECOND");
        var third = TestRequest(3, "THIRD");
        var stream = first.Concat(second).Concat(third).ToArray();

        Assert.That(FixFramer.Find(stream, MaxSize), Is.EqualTo(first.Length + second.Length), "the frame runs to the next message's checksum");
        Assert.That(Receive(stream), Is.EqualTo(new[] { (FixParseStatus.BadBodyLength, 0), (FixParseStatus.Ok, 3) }),
            "the second message is not recovered from inside the damaged frame (QuickFIX); the third is");
    }

    [Test]
    public void A_too_short_BodyLength_still_ends_at_the_message_own_checksum_and_fails_the_length_check()
    {
        var shortened = WithBodyLength(TestRequest(1, "SHORT"), -5);
        var next = TestRequest(2, "NEXT");
        var stream = shortened.Concat(next).ToArray();

        Assert.That(FixFramer.Find(stream, MaxSize), Is.EqualTo(shortened.Length));
        Assert.That(Receive(stream), Is.EqualTo(new[] { (FixParseStatus.BadBodyLength, 0), (FixParseStatus.Ok, 2) }));
    }

    [Test]
    public void A_checksum_lookalike_inside_a_data_field_does_not_end_the_frame()
    {
        // EncodedText holding "<SOH>10=123<SOH>": the checksum is looked for only from the body's last byte on.
        var frame = new FixFrameBuilder("FIX.4.4").Build("B"u8, "A"u8, "B"u8, 4, new DateTime(2026, 1, 5, 10, 0, 0, DateTimeKind.Utc),
            new FixOutboundMessage().Reset("B").Add(148, "h").Add(33, 1).Add(58, "x").AddEncoded(354, 355, "\u000110=123\u0001"u8).Body).ToArray();
        Assert.That(FixFramer.Find(frame, MaxSize), Is.EqualTo(frame.Length));
        Assert.That(new FixMessage().Parse(frame), Is.EqualTo(FixParseStatus.Ok));
    }

    [Test]
    public void No_checksum_within_the_maximum_frame_size_is_garbage()
    {
        var bytes = Encoding.ASCII.GetBytes("8=FIX.4.4\u00019=5\u000135=0\u0001" + new string('x', MaxSize));
        int r = FixFramer.Find(bytes, MaxSize);
        Assert.That(r, Is.LessThan(0));
        Assert.That(FixFramer.Find(bytes.AsSpan(0, MaxSize - 1), MaxSize), Is.EqualTo(0), "below the maximum it may still come");
    }

    [Test]
    public void A_frame_of_exactly_the_maximum_size_is_a_frame()
    {
        var frame = TestRequest(1, "X");
        Assert.That(FixFramer.Find(frame, frame.Length), Is.EqualTo(frame.Length));
        Assert.That(FixFramer.Find(frame, frame.Length - 1), Is.LessThan(0));
    }
}
