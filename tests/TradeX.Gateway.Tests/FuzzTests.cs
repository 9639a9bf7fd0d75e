using TradeX.Sbe.Runtime;
using System.Net.Sockets;
using TradeX.Core;
using TradeX.Gateway.Framing;
using TradeX.Gateway.Tests.Support;
using TradeX.Protocol.OrderEntry;
using TradeX.Sim.Client;
using static TradeX.Gateway.Tests.Support.GatewayHarness;
using Side = TradeX.Protocol.OrderEntry.Side;
using TimeInForce = TradeX.Protocol.OrderEntry.TimeInForce;

namespace TradeX.Gateway.Tests;

/// <summary>
/// Random and mutated frames from several attacking connections at a live gateway while a market maker
/// and a taker trade a fixed script through it. The script's results must be exactly what they are on a
/// quiet gateway, the gateway must log no fault, and a new session must still open at the end.
/// TRADEX_LONG_TESTS=1 runs the attack for a minute; TRADEX_FUZZ_SEED=n replays a run.
/// </summary>
public sealed class FuzzTests
{
    private const int Attackers = 3;

    [Test]
    public void Random_and_mutated_frames_do_not_disturb_a_well_behaved_session_trading_at_the_same_time()
    {
        bool longRun = Environment.GetEnvironmentVariable("TRADEX_LONG_TESTS") == "1";
        int seed = int.TryParse(Environment.GetEnvironmentVariable("TRADEX_FUZZ_SEED"), out int s) ? s : Environment.TickCount;
        TestContext.Out.WriteLine($"fuzz seed {seed} (TRADEX_FUZZ_SEED={seed} replays the attack)");
        var attack = TimeSpan.FromSeconds(longRun ? 60 : 6);

        using var h = new GatewayHarness([MarketMaker, Taker, Fuzzer], configure: o => o with { MaxQuoteEntries = 10 }, inputRing: 1 << 16);
        h.PublishOrWait(EngineInput.Of(new KillSwitch { Scope = KillSwitchScope.Account, Account = new AccountId(51), Activate = true, Operator = Ascii16.Create("fuzz") }));
        var (maker, made) = h.Connect(MarketMaker);
        var (taker, taken) = h.Connect(Taker);

        using var stop = new CancellationTokenSource();
        var attackers = Enumerable.Range(0, Attackers).Select(i => new Attacker(h, seed + i, i)).ToList();
        var threads = attackers.Select(a => new Thread(() => a.Run(stop.Token)) { IsBackground = true, Name = $"attacker-{a.Index}" }).ToList();
        threads.ForEach(t => t.Start());

        var clock = System.Diagnostics.Stopwatch.StartNew();
        int rounds = 0;
        while (clock.Elapsed < attack || rounds < 100)
        {
            rounds++;
            ulong id = (ulong)rounds;
            maker.SendMassQuote(id, 11, [new QuoteEntry(Acme, AcmeRef - Tick, 10, AcmeRef + Tick, 10)]);
            made.WaitFor(MassQuoteAckDecoder.SbeTemplateId, id, $"ack of quote {id}");
            taker.SendNewOrder(new NewOrderRequest(id, 21, Acme, Side.Buy, 1, AcmeRef + Tick, OrdType.Limit, TimeInForce.ImmediateOrCancel));
            taken.WaitFor(ExecutionReportTradeDecoder.SbeTemplateId, id, $"fill of order {id}");
            made.WaitFor(m => m.Template == ExecutionReportTradeDecoder.SbeTemplateId && m.Id == id, $"the maker's fill of quote {id}");
        }
        stop.Cancel();
        threads.ForEach(t => t.Join(TimeSpan.FromSeconds(30)));
        Assert.That(attackers.Select(a => a.Error), Is.All.Null, "the attackers themselves ran without a fault");
        TestContext.Out.WriteLine($"{rounds} rounds; attackers sent {attackers.Sum(a => a.Frames):N0} frames over {attackers.Sum(a => a.Connections):N0} connections; " +
                                  $"gateway: {h.Gateway.Statistics.MalformedFrames:N0} malformed, {h.Gateway.Statistics.BusinessRejects:N0} rejects, " +
                                  $"{h.Gateway.Statistics.NegotiationRejects:N0} negotiation rejects, {h.Gateway.Statistics.InputsPublished:N0} inputs, " +
                                  $"{h.Gateway.Statistics.Throttled:N0} throttled, {h.Gateway.Statistics.DuplicatesIgnored:N0} duplicates; by reason: " +
                                  string.Join(", ", Enum.GetValues<GatewayReason>().Where(r => h.Gateway.Statistics.ByReason(r) > 0)
                                      .Select(r => $"{r} {h.Gateway.Statistics.ByReason(r)}")));

        // The script's results, exactly: nothing missing, nothing extra, in order, numbered without a gap.
        var takerExpected = Enumerable.Range(1, rounds).SelectMany(r => new[] { (ExecutionReportNewDecoder.SbeTemplateId, (ulong)r), (ExecutionReportTradeDecoder.SbeTemplateId, (ulong)r) });
        Assert.That(taken.Messages.Select(m => (m.Template, m.Id)), Is.EqualTo(takerExpected));
        Assert.That(taken.Messages.Select(m => m.Seq), Is.EqualTo(Enumerable.Range(1, 2 * rounds).Select(i => (ulong)i)));
        Assert.That(taken.Messages.Where(m => m.Template == ExecutionReportTradeDecoder.SbeTemplateId).Select(m => (m.Trade().LastQty, m.Trade().LastPx.Mantissa, m.Trade().LeavesQty)),
            Is.All.EqualTo((1L, AcmeRef + Tick, 0L)));
        var makerExpected = Enumerable.Range(1, rounds).SelectMany(r => new[] { (MassQuoteAckDecoder.SbeTemplateId, (ulong)r), (ExecutionReportTradeDecoder.SbeTemplateId, (ulong)r) });
        Assert.That(made.Messages.Select(m => (m.Template, m.Id)), Is.EqualTo(makerExpected));
        Assert.That(made.Messages.Where(m => m.Template == MassQuoteAckDecoder.SbeTemplateId).Select(m => m.Ack().QuoteStatus), Is.All.EqualTo(TradeX.Protocol.OrderEntry.QuoteStatus.Accepted));
        Assert.That(maker.State, Is.EqualTo(ClientState.Established));
        Assert.That(taker.State, Is.EqualTo(ClientState.Established));

        Assert.That(h.LogLines.Where(l => l.Contains("failed and is closed") || l.Contains("DoWork failed")), Is.Empty, "no connection ended in a fault");
        Assert.That(h.Gateway.Statistics.MalformedFrames, Is.GreaterThan(0), "the attack reached the gateway");
        var (late, lateReceived) = h.Connect(Taker);
        late.SendNewOrder(new NewOrderRequest(1_000_000, 22, Beta, Side.Buy, 1, BetaRef));
        lateReceived.WaitFor(ExecutionReportNewDecoder.SbeTemplateId, 1_000_000, "a new session after the attack");
    }

    /// <summary>One attacking thread: raw garbage, random frames, and an authenticated session sending mutated messages.</summary>
    private sealed class Attacker(GatewayHarness h, int seed, int index)
    {
        private readonly Random _rng = new(seed);
        private readonly ulong[] _sessionIds = Enumerable.Range(0, 6).Select(i => 0xF0_0000_0000UL + (ulong)(index * 100 + i)).ToArray();
        private readonly Dictionary<ulong, ulong> _nextSeq = new();
        
        public int Index => index;
        public long Frames;
        public long Connections;
        public Exception? Error;

        public void Run(CancellationToken stop)
        {
            while (!stop.IsCancellationRequested)
            {
                try
                {
                    using var peer = new RawPeer(h.Gateway.LocalEndPoint);
                    Connections++;
                    switch (_rng.Next(10))
                    {
                        case 0: Garbage(peer); break;
                        case 1: RandomFrames(peer); break;
                        default: Session(peer, stop); break;
                    }
                }
                catch (SocketException)
                {
                    // The gateway closed the connection: that is one of the answers.
                }
                catch (Exception ex)
                {
                    Error ??= ex; // a bug in the attacker itself: reported by the test
                }
            }
        }

        /// <summary>Sends, then reads what has arrived; false once the gateway has ended the session.</summary>
        private bool Send(RawPeer peer, byte[] bytes)
        {
            // Sometimes in two pieces: frames split across reads must be reassembled.
            if (bytes.Length > 2 && _rng.Next(8) == 0)
            {
                int cut = _rng.Next(1, bytes.Length);
                peer.Send(bytes.AsSpan(0, cut));
                peer.Send(bytes.AsSpan(cut));
            }
            else
            {
                peer.Send(bytes);
            }
            Frames++;
            while (peer.ReadMessage(TimeSpan.Zero) is { } answer)
            {
                if (BitConverter.ToUInt16(answer, 2) == TerminateDecoder.SbeTemplateId) return false;
            }
            return true;
        }

        private void Garbage(RawPeer peer)
        {
            var bytes = new byte[_rng.Next(1, 3000)];
            _rng.NextBytes(bytes);
            Send(peer, bytes);
        }

        private void RandomFrames(RawPeer peer)
        {
            for (int i = _rng.Next(1, 20); i > 0; i--)
            {
                var frame = new byte[_rng.Next(6, 300)];
                _rng.NextBytes(frame);
                Sofh.Write(frame, frame.Length, _rng.Next(4) == 0 ? (ushort)_rng.Next(65536) : Sofh.SbeLittleEndian);
                if (frame.Length >= 12 && _rng.Next(3) > 0) System.Buffers.Binary.BinaryPrimitives.WriteUInt16LittleEndian(frame.AsSpan(Sofh.HeaderLength + 4), 1); // our schema id
                Send(peer, frame);
            }
        }

        /// <summary>Mostly a proper handshake as the fuzzer participant, then a stream of valid and mutated messages.</summary>
        private void Session(RawPeer peer, CancellationToken stop)
        {
            ulong sessionId = _sessionIds[_rng.Next(_sessionIds.Length)];
            ulong next = _nextSeq.GetValueOrDefault(sessionId, 1UL);
            peer.Send(Mutate(Support.Frames.Negotiate(Fuzzer, sessionId), mutateOneIn: 10));
            if (peer.ReadMessage(TimeSpan.FromSeconds(2)) is not { } negotiated || BitConverter.ToUInt16(negotiated, 2) != NegotiationResponseDecoder.SbeTemplateId) return;
            peer.Send(Mutate(Support.Frames.Establish(sessionId, next), mutateOneIn: 10));
            if (peer.ReadMessage(TimeSpan.FromSeconds(2)) is not { } established || BitConverter.ToUInt16(established, 2) != EstablishmentAckDecoder.SbeTemplateId) return;
            next = EstablishmentAckDecoder.Wrap(established).LastProcessedSeqNo + 1;
            for (int i = _rng.Next(1, 300); i > 0 && !stop.IsCancellationRequested; i--)
            {
                var message = ValidMessage(sessionId, next);
                bool application = BitConverter.ToUInt16(message, Sofh.HeaderLength + 2) >= NewOrderSingleDecoder.SbeTemplateId;
                bool alive = Send(peer, Mutate(message, mutateOneIn: 3));
                if (application) next++;
                if (!alive) break;
            }
            _nextSeq[sessionId] = next;
        }

        private byte[] ValidMessage(ulong sessionId, ulong seq)
        {
            ulong id = (ulong)_rng.NextInt64();
            return _rng.Next(60) switch
            {
                < 5 => Support.Frames.Sequence(seq),
                < 10 => Support.Frames.MassCancel(seq, id, (byte)_rng.Next(1, 4), 51),
                < 20 => Support.Frames.MassQuote(seq, id, 51, _rng.Next(0, 12)),
                20 => Support.Frames.Negotiate(Fuzzer, sessionId),
                < 25 => RetransmitRequest(sessionId),
                _ => Support.Frames.NewOrder(seq, id, 51, _rng.Next(0, 4), AcmeRef + _rng.Next(-50, 50) * Tick, _rng.Next(-5, 100),
                    (byte)_rng.Next(0, 4), (byte)_rng.Next(0, 4), (byte)_rng.Next(0, 5)),
            };
        }

        private byte[] RetransmitRequest(ulong sessionId)
        {
            var b = new byte[128];
            var m = RetransmitRequestEncoder.WrapAndApplyHeader(b, Sofh.HeaderLength);
            m.SessionId = sessionId;
            m.FromSeqNo = (ulong)_rng.Next(0, 50);
            m.Count = (uint)_rng.Next(0, 20);
            int length = Sofh.HeaderLength + m.Finish();
            Sofh.Write(b, length);
            return b.AsSpan(0, length).ToArray();
        }

        /// <summary>Gives one frame in <paramref name="mutateOneIn"/> one of the mutations a broken or hostile client produces.</summary>
        private byte[] Mutate(byte[] frame, int mutateOneIn)
        {
            if (_rng.Next(mutateOneIn) != 0) return frame;
            var copy = (byte[])frame.Clone();
            // Mostly mutations the frame boundary survives (so what follows is still read as frames); now
            // and then one that breaks the stream: a wrong length or a frame whose end never comes.
            switch (_rng.Next(30))
            {
                case < 8:
                    // Past the sequence number (the first 8 bytes of the body) mostly: a changed number is a gap, which ends the session.
                    int from = copy.Length > 30 && _rng.Next(10) > 0 ? Sofh.HeaderLength + 16 : Sofh.HeaderLength;
                    for (int i = _rng.Next(1, 5); i > 0; i--) copy[from + _rng.Next(copy.Length - from)] = (byte)_rng.Next(256);
                    return copy;
                case < 13:
                    System.Buffers.Binary.BinaryPrimitives.WriteUInt16LittleEndian(copy.AsSpan(Sofh.HeaderLength + 2 * _rng.Next(4)), (ushort)_rng.Next(0, 64));
                    return copy;
                case < 18:
                    return Support.Frames.Truncated(copy, _rng.Next(6, copy.Length));
                case < 21:
                    return Support.Frames.WithTrailingBytes(copy, _rng.Next(1, 40));
                case < 28:
                    int body = copy.Length > 30 ? Sofh.HeaderLength + 16 : Sofh.HeaderLength + 8;
                    copy[body + _rng.Next(Math.Max(1, copy.Length - body))] ^= (byte)(1 << _rng.Next(8));
                    return copy;
                case 28:
                    return Support.Frames.WithLength(copy, (uint)_rng.Next(0, 20_000));
                default:
                    return copy.AsSpan(0, _rng.Next(1, copy.Length)).ToArray(); // a partial frame, the rest never comes
            }
        }
    }
}
