using System.Text;
using TradeX.Fix.Protocol;
using TradeX.Fix.Store;
using TradeX.Fix.Tests.Support;

namespace TradeX.Fix.Tests.Store;

public sealed class FileMessageStoreTests
{
    private static readonly DateTime Now = new(2026, 1, 5, 10, 0, 0, DateTimeKind.Utc);

    private static byte[] Frame(int seq) => Messages.Frame("D", Messages.NewOrderSingleBody, seq);

    [TestCase(false)]
    [TestCase(true)]
    public void Sequence_numbers_and_sent_messages_survive_reopening(bool sync)
    {
        var dir = TestPaths.NewTempDirectory("store");
        using (var store = new FileMessageStore(dir, "FIX.4.4-A-B", sync, Now))
        {
            for (int seq = 1; seq <= 5; seq++) store.StoreSent(seq, Frame(seq));
            store.SetNextTargetMsgSeqNum(42);
        }
        using var reopened = new FileMessageStore(dir, "FIX.4.4-A-B", sync, Now.AddHours(1));
        Assert.That((reopened.NextSenderMsgSeqNum, reopened.NextTargetMsgSeqNum), Is.EqualTo((6, 42)));
        Assert.That(reopened.CreationTime, Is.EqualTo(Now), "creation time is the original one");
        var buffer = new byte[16];
        for (int seq = 1; seq <= 5; seq++)
        {
            int n = reopened.TryRead(seq, ref buffer);
            Assert.That(buffer.AsSpan(0, n).SequenceEqual(Frame(seq)), $"message {seq}");
        }
        Assert.That(reopened.TryRead(6, ref buffer), Is.EqualTo(-1));
    }

    [Test]
    public void A_torn_last_record_is_cut_and_the_next_number_never_reuses_a_stored_one()
    {
        var dir = TestPaths.NewTempDirectory("store-torn");
        using (var store = new FileMessageStore(dir, "S", false, Now))
            for (int seq = 1; seq <= 3; seq++) store.StoreSent(seq, Frame(seq));
        var messages = Path.Combine(dir, "S.messages");
        // The process died while appending message 4, and before its sequence numbers were written.
        using (var f = new FileStream(messages, FileMode.Append))
        {
            var partial = new byte[8 + 20];
            BitConverter.GetBytes(4).CopyTo(partial, 0);
            BitConverter.GetBytes(Frame(4).Length).CopyTo(partial, 4);
            f.Write(partial);
        }
        File.WriteAllText(Path.Combine(dir, "S.seqnums"), "0000000002:0000000007\n"); // stale on purpose
        using var reopened = new FileMessageStore(dir, "S", false, Now);
        Assert.That(reopened.NextSenderMsgSeqNum, Is.EqualTo(4), "one past the last whole stored message");
        Assert.That(reopened.NextTargetMsgSeqNum, Is.EqualTo(7));
        var buffer = Array.Empty<byte>();
        Assert.That(reopened.TryRead(3, ref buffer), Is.GreaterThan(0));
        Assert.That(reopened.TryRead(4, ref buffer), Is.EqualTo(-1));
        reopened.StoreSent(4, Frame(4));
        Assert.That(reopened.TryRead(4, ref buffer), Is.EqualTo(Frame(4).Length));
    }

    [Test]
    public void Reset_starts_a_new_sequence_with_a_new_creation_time()
    {
        var dir = TestPaths.NewTempDirectory("store-reset");
        using var store = new FileMessageStore(dir, "S", false, Now);
        store.StoreSent(1, Frame(1));
        store.SetNextTargetMsgSeqNum(9);
        store.Reset(Now.AddDays(1));
        Assert.That((store.NextSenderMsgSeqNum, store.NextTargetMsgSeqNum, store.CreationTime), Is.EqualTo((1, 1, Now.AddDays(1))));
        var buffer = Array.Empty<byte>();
        Assert.That(store.TryRead(1, ref buffer), Is.EqualTo(-1));
        Assert.That(File.ReadAllText(Path.Combine(dir, "S.seqnums")), Is.EqualTo("0000000001:0000000001\n"));
        Assert.That(File.ReadAllText(Path.Combine(dir, "S.session")).Trim(), Is.EqualTo("20260106-10:00:00"));
    }

    [Test]
    public void Stored_frames_are_the_exact_bytes_sent()
    {
        var dir = TestPaths.NewTempDirectory("store-bytes");
        using var store = new FileMessageStore(dir, "S", false, Now);
        var frame = Frame(1);
        store.StoreSent(1, frame);
        var onDisk = File.ReadAllBytes(Path.Combine(dir, "S.messages"));
        Assert.That(BitConverter.ToInt32(onDisk, 0), Is.EqualTo(1));
        Assert.That(BitConverter.ToInt32(onDisk, 4), Is.EqualTo(frame.Length));
        Assert.That(Encoding.ASCII.GetString(onDisk, 8, frame.Length), Is.EqualTo(Encoding.ASCII.GetString(frame)));
        var m = new FixMessage();
        Assert.That(m.Parse(onDisk.AsSpan(8)), Is.EqualTo(FixParseStatus.Ok));
    }
}
