using System.Net;
using TradeX.Fix.Protocol;
using TradeX.Fix.Tests.Support;
using TradeX.Fix.Validation;

namespace TradeX.Fix.Tests.Fuzz;

/// <summary>
/// A million random and mutated messages (twenty million with TRADEX_LONG_TESTS=1) through the framer,
/// the parser and the validator: no exception may escape, nothing may hang, and the documented outcomes
/// (a parse status, or a validation result that is a Reject reason) are the only answers.
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
            var validator = new MessageValidator(dictionary);
            int i = 0;
            try
            {
                for (; i < Iterations; i++)
                {
                    var input = mutator.Next();
                    int framed = FixFramer.Find(input, 1 << 16);
                    if (framed > 0) framesFound++;
                    var status = message.Parse(input);
                    statuses[(int)status]++;
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
