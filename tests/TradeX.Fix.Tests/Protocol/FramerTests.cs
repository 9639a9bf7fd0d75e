using System.Text;
using TradeX.Fix.Protocol;
using TradeX.Fix.Tests.Support;

namespace TradeX.Fix.Tests.Protocol;

public sealed class FramerTests
{
    private static byte[] Heartbeat(int seq) =>
        new FixFrameBuilder("FIX.4.4").Build("0"u8, "A"u8, "B"u8, seq, DateTime.UtcNow, default).ToArray();

    [Test]
    public void Frames_are_recovered_from_a_stream_with_garbage_between_them()
    {
        var stream = new List<byte>();
        stream.AddRange(Encoding.ASCII.GetBytes("junk\u0001more junk 8=FI"));
        stream.AddRange(Heartbeat(1));
        stream.AddRange(Encoding.ASCII.GetBytes("8=FIX.4.4\u00019=zz\u0001"));
        stream.AddRange(Heartbeat(2));
        var buffer = stream.ToArray().AsSpan();
        var seqs = new List<int>();
        var m = new FixMessage();
        while (!buffer.IsEmpty)
        {
            int r = FixFramer.Find(buffer, 4096);
            if (r == 0) break;
            if (r < 0) { buffer = buffer[-r..]; continue; }
            Assert.That(m.Parse(buffer[..r]), Is.EqualTo(FixParseStatus.Ok));
            seqs.Add(m.MsgSeqNum);
            buffer = buffer[r..];
        }
        Assert.That(seqs, Is.EqualTo(new[] { 1, 2 }));
    }

    [Test]
    public void A_frame_cut_anywhere_asks_for_more_bytes()
    {
        var frame = Heartbeat(3);
        for (int cut = 1; cut < frame.Length; cut++)
            Assert.That(FixFramer.Find(frame.AsSpan(0, cut), 4096), Is.EqualTo(0), $"cut at {cut}");
        Assert.That(FixFramer.Find(frame, 4096), Is.EqualTo(frame.Length));
    }

    [Test]
    public void BodyLength_beyond_the_maximum_is_skipped_not_awaited()
    {
        var bytes = Encoding.ASCII.GetBytes("8=FIX.4.4\u00019=99999999\u000135=0\u0001");
        Assert.That(FixFramer.Find(bytes, 4096), Is.LessThan(0));
    }
}
