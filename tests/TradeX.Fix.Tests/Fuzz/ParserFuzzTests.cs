using System.Net;
using TradeX.Fix.Protocol;
using TradeX.Fix.Tests.Support;
using TradeX.Fix.Validation;

namespace TradeX.Fix.Tests.Fuzz;

/// <summary>
/// A million random and mutated messages (twenty million with TRADEX_LONG_TESTS=1) through the framer,
/// the parser and the validator: no exception may escape, nothing may hang, and the documented outcomes
/// (a parse status, or a validation result that is a Reject reason) are the only answers. The framer keeps
/// QuickFIX's rule on every input, and a stream of mutants is back in step within one maximum frame size.
/// </summary>
public sealed class ParserFuzzTests
{
    private static int Iterations => TestPaths.LongTests ? 20_000_000 : 1_000_000;

    [Test]
    public void A_million_random_and_mutated_messages_never_throw_or_hang()
    {
        var dictionary = SharedDictionary.Fix44;
        const int seed = 20260105;
        var statuses = new long[Enum.GetValues<FixParseStatus>().Length];
        var reasons = new Dictionary<SessionRejectReason, long>();
        long valid = 0, framesFound = 0;
        Exception? failure = null;
        int failedAt = -1;
        var worker = new Thread(() =>
        {
            var mutator = new FixMutator(seed);
            var message = new FixMessage(dictionary.DataFields);
            var lenient = new FixMessage(dictionary.DataFields) { ValidateLengthAndChecksum = false };
            var validator = new MessageValidator(dictionary);
            int i = 0;
            try
            {
                for (; i < Iterations; i++)
                {
                    var input = mutator.Next();
                    int framed = FixFramer.Find(input, 1 << 16);
                    if (framed > 0)
                    {
                        framesFound++;
                        AssertFrameShape(input[..framed]);
                    }
                    Assert.That(framed, Is.GreaterThanOrEqualTo(-input.Length));
                    var status = message.Parse(input);
                    statuses[(int)status]++;
                    var lenientStatus = lenient.Parse(input);
                    if (status == FixParseStatus.Ok)
                    {
                        Assert.That(lenientStatus, Is.EqualTo(FixParseStatus.Ok), "what parses strictly parses leniently");
                        if (input.StartsWith("8=FIX"u8) && framed != input.Length)
                            Assert.Fail($"a well-formed message is exactly one frame, not {framed} bytes: {RawFrameText(input)}");
                    }
                    else if (lenientStatus == FixParseStatus.Ok) validator.Validate(lenient);
                    if (status != FixParseStatus.Ok) continue;
                    var result = validator.Validate(message);
                    if (result.IsValid) valid++;
                    else
                    {
                        Assert.That(Enum.IsDefined(result.Reason), $"undocumented reason {(int)result.Reason}");
                        reasons[result.Reason] = reasons.GetValueOrDefault(result.Reason) + 1;
                    }
                }
            }
            catch (Exception e)
            {
                failure = e;
                failedAt = i;
            }
        }, 16 * 1024 * 1024) { IsBackground = true, Name = "fuzz" };
        worker.Start();
        Assert.That(worker.Join(TimeSpan.FromMinutes(TestPaths.LongTests ? 60 : 3)), Is.True, "the fuzz loop hung");
        Assert.That(failure, Is.Null, $"exception at iteration {failedAt} (seed {seed}): {failure}");

        TestContext.Out.WriteLine($"{Iterations} inputs, {framesFound} framed, {valid} valid");
        foreach (var s in Enum.GetValues<FixParseStatus>()) TestContext.Out.WriteLine($"  parse {s}: {statuses[(int)s]}");
        foreach (var (r, n) in reasons.OrderBy(p => p.Key)) TestContext.Out.WriteLine($"  reject {(int)r} {r}: {n}");
        // The mix must actually exercise both layers, or the test proves nothing.
        Assert.That(statuses[(int)FixParseStatus.Ok], Is.GreaterThan(Iterations / 10));
        Assert.That(statuses[(int)FixParseStatus.BadCheckSum] + statuses[(int)FixParseStatus.BadBodyLength], Is.GreaterThan(Iterations / 20));
        Assert.That(reasons.Keys.Count, Is.GreaterThanOrEqualTo(8), "at least eight distinct reject reasons reached");
        Assert.That(valid, Is.GreaterThan(0));
    }

    /// <summary>QuickFIX's frame: "8=FIX" ... "&lt;SOH&gt;10=" value "&lt;SOH&gt;", the checksum field holding no SOH.</summary>
    private static void AssertFrameShape(ReadOnlySpan<byte> frame)
    {
        if (!frame.StartsWith("8=FIX"u8) || frame[^1] != 1) Assert.Fail($"not a frame: {RawFrameText(frame)}");
        int checksum = frame[..^1].LastIndexOf((byte)1);
        if (checksum < 0 || !frame[(checksum + 1)..].StartsWith("10="u8)) Assert.Fail($"frame does not end with its CheckSum: {RawFrameText(frame)}");
    }

    private static string RawFrameText(ReadOnlySpan<byte> frame) => System.Text.Encoding.Latin1.GetString(frame).Replace('\u0001', '|');

    [Test]
    public void A_stream_of_mutants_is_back_in_step_within_one_maximum_frame_size()
    {
        // Whatever a damaged frame swallows (a BodyLength too long runs to a later checksum), it ends within
        // the maximum frame size of where it started: every clean message beginning that far after the last
        // mutant is framed and parsed. A garbled frame is dropped whole, as QuickFIX drops it.
        const int maxSize = 4096, rounds = 3_000;
        var mutator = new FixMutator(20260106);
        var message = new FixMessage(SharedDictionary.Fix44.DataFields);
        var clean = Enumerable.Range(1, 120).Select(seq => Support.Messages.Frame("1", $"112=CLEAN-{seq}|", seq)).ToArray();
        long cleanChecked = 0;
        for (int round = 0; round < rounds; round++)
        {
            var stream = new List<byte>();
            int mutants = 1 + round % 7;
            for (int k = 0; k < mutants; k++) stream.AddRange(mutator.Next().ToArray());
            int mutantsEnd = stream.Count;
            var starts = new Dictionary<int, int>();
            foreach (var frame in clean)
            {
                starts[stream.Count] = starts.Count + 1;
                stream.AddRange(frame);
            }
            Assert.That(stream.Count - mutantsEnd, Is.GreaterThan(2 * maxSize), "enough clean bytes after the mutants");

            var received = new HashSet<int>();
            var buffer = stream.ToArray().AsSpan();
            int offset = 0, steps = 0;
            while (offset < buffer.Length)
            {
                Assert.That(++steps, Is.LessThan(buffer.Length + 2), "the framer makes progress");
                int r = FixFramer.Find(buffer[offset..], maxSize);
                if (r == 0) break;
                if (r < 0) { offset += -r; continue; }
                if (message.Parse(buffer.Slice(offset, r)) == FixParseStatus.Ok && starts.TryGetValue(offset, out int seq))
                {
                    Assert.That(r, Is.EqualTo(clean[seq - 1].Length));
                    received.Add(seq);
                }
                offset += r;
            }
            Assert.That(offset, Is.EqualTo(buffer.Length), $"round {round}: the stream is read to its end");
            foreach (var (start, seq) in starts)
            {
                if (start < mutantsEnd + maxSize) continue;
                Assert.That(received, Does.Contain(seq), $"round {round}: clean message {seq} at {start} (mutants end at {mutantsEnd})");
                cleanChecked++;
            }
        }
        TestContext.Out.WriteLine($"{rounds} streams, {cleanChecked} clean messages checked after the mutants");
        Assert.That(cleanChecked, Is.GreaterThan(rounds * 10L));
    }

    [Test]
    public void A_live_session_answers_a_storm_of_mutated_frames_and_keeps_accepting_logons()
    {
        int frames = TestPaths.LongTests ? 500_000 : 20_000;
        using var ours = OurEngine.Start(OurEngine.AcceptorSettings(TestPaths.NewTempDirectory("fuzz-session")) with { CheckLatency = false });
        var mutator = new FixMutator(7);
        RawFixPeer? peer = null;
        int connections = 0;
        for (int i = 0; i < frames; i++)
        {
            if (peer is null)
            {
                peer = RawFixPeer.Connect(ours.EndPoint, "CLIENT", "EXCH");
                peer.Logon(extra: "141=Y|");
                connections++;
            }
            try { peer.SendRaw(mutator.Next().ToArray()); }
            catch (System.Net.Sockets.SocketException)
            {
                // Our side answered something with Logout and closed (e.g. MsgSeqNum too low): reconnect.
                peer.Dispose();
                peer = null;
            }
            if (i % 500 == 499 && peer is not null && peer.WaitClosed(TimeSpan.FromMilliseconds(1)))
            {
                peer.Dispose();
                peer = null;
            }
        }
        peer?.Dispose();
        Wait.Until(() => !ours.Session.IsConnected, "storm connection closed");

        using var fresh = RawFixPeer.Connect(ours.EndPoint, "CLIENT", "EXCH");
        fresh.Logon(extra: "141=Y|");
        Assert.That(fresh.Expect("A").MsgSeqNum, Is.EqualTo(1), "after the storm a clean Logon is still answered");
        fresh.Send("1", "112=alive|");
        Assert.That(fresh.Expect("0").GetString(Tag.TestReqID), Is.EqualTo("alive"));
        TestContext.Out.WriteLine($"{frames} mutated frames over {connections} connections");
        Assert.That(connections, Is.GreaterThanOrEqualTo(1));
    }
}
