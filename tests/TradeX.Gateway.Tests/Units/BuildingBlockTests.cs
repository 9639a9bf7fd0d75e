using TradeX.Sbe.Runtime;
using TradeX.Gateway.Framing;
using TradeX.Gateway.Sessions;
using PropertyAttribute = FsCheck.NUnit.PropertyAttribute;

namespace TradeX.Gateway.Tests.Units;

/// <summary>The gateway's small data structures against simple models.</summary>
public sealed class BuildingBlockTests
{
    [Property(MaxTest = 200)]
    public void The_frame_history_returns_exactly_the_frames_it_still_holds_across_byte_ring_wrap_around(byte[] lengths)
    {
        var history = new FrameHistory(messages: 16, bytes: 600);
        var sent = new List<byte[]>();
        ulong seq = 0;
        foreach (byte b in lengths)
        {
            var frame = Enumerable.Range(0, 10 + (b % 90)).Select(i => (byte)(i ^ (int)seq)).ToArray();
            history.Append(++seq, frame);
            sent.Add(frame);
        }
        Assert.That(history.Next, Is.EqualTo(seq + 1));
        Assert.That(history.Next - history.First, Is.LessThanOrEqualTo(16UL));
        long held = 0;
        var buffer = new byte[256];
        for (ulong s = history.First; s < history.Next; s++)
        {
            int length = history.CopyTo(s, buffer);
            Assert.That(buffer.AsSpan(0, length).ToArray(), Is.EqualTo(sent[(int)s - 1]), $"frame {s}");
            held += length;
        }
        Assert.That(held, Is.LessThanOrEqualTo(600));
        if (seq > 0 && history.First > 1)
        {
            // Dropped only because a bound was reached: one more frame would not have fitted.
            long withOneMore = held + sent[(int)history.First - 2].Length;
            Assert.That(history.Next - history.First == 16 || withOneMore > 600, Is.True);
        }
    }

    [Test]
    public void The_frame_history_holds_skipped_numbers_as_absent()
    {
        var history = new FrameHistory(16, 4096);
        history.Append(1, [1, 2, 3]);
        history.Append(4, [4]);
        Assert.That(history.Contains(1), Is.True);
        Assert.That(history.Contains(2), Is.False);
        Assert.That(history.Contains(3), Is.False);
        Assert.That(history.Contains(4), Is.True);
        Assert.That(history.LengthOf(2), Is.Zero);
        Assert.That(() => history.Append(3, [3]), Throws.InvalidOperationException);
    }

    [Test]
    public void The_throttle_admits_its_rate_as_a_burst_then_one_per_interval()
    {
        var throttle = new MessageThrottle(10);
        long t = 1_000_000_000_000;
        Assert.That(Enumerable.Range(0, 15).Count(_ => throttle.TryAcquire(t)), Is.EqualTo(10));
        Assert.That(throttle.TryAcquire(t + 99_999_999), Is.False, "just under one interval later");
        Assert.That(throttle.TryAcquire(t + 100_000_000), Is.True, "one interval later");
        Assert.That(throttle.TryAcquire(t + 100_000_000), Is.False);
        Assert.That(Enumerable.Range(0, 20).Count(_ => throttle.TryAcquire(t + 10_000_000_000)), Is.EqualTo(10), "after a quiet spell, a full burst again");
        Assert.That(new MessageThrottle(0).Enabled, Is.False);
    }

    [Test]
    public void A_send_buffer_refuses_what_does_not_fit_and_compacts_to_make_room()
    {
        var buffer = new SendBuffer(10);
        Assert.That(buffer.TryAppend(new byte[6]), Is.True);
        Assert.That(buffer.TryAppend(new byte[5]), Is.False, "11 bytes into 10");
        buffer.Consume(4);
        Assert.That(buffer.TryAppend([7, 7, 7, 7, 7, 7, 7, 7]), Is.True, "compacted: 2 pending + 8");
        Assert.That(buffer.Pending.ToArray(), Is.EqualTo(new byte[] { 0, 0, 7, 7, 7, 7, 7, 7, 7, 7 }));
    }

    [Test]
    public void The_SOFH_header_is_big_endian_length_including_itself_then_the_encoding_type()
    {
        var frame = new byte[6];
        Sofh.Write(frame, 0x01020304);
        Assert.That(frame, Is.EqualTo(new byte[] { 0x01, 0x02, 0x03, 0x04, 0xEB, 0x50 }));
        Assert.That(Sofh.TryRead(frame, out uint length, out ushort encoding), Is.True);
        Assert.That((length, encoding), Is.EqualTo((0x01020304u, (ushort)0xEB50)));
        Assert.That(Sofh.TryRead(frame.AsSpan(0, 5), out _, out _), Is.False);
    }
}
