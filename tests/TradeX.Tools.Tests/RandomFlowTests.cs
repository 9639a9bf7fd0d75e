using System.Globalization;
using System.Text.Json;
using TradeX.Core;
using TradeX.Journal;
using TradeX.Scenario;

namespace TradeX.Tools.Tests;

/// <summary>The tool on a long random journal with snapshots, checked against the live engine.</summary>
[TestFixture]
public sealed class RandomFlowTests
{
    private static readonly long[] SnapshotAt = [1_500, 3_000, 4_500];
    private TempDirectory _dir = null!;
    private LiveRun _run = null!;
    private readonly Dictionary<long, byte[]> _states = new();
    private readonly List<EngineEvent> _liveEvents = new();

    [OneTimeSetUp]
    public void Journal()
    {
        _dir = new TempDirectory("tool-random");
        _run = LiveRun.Generate(seed: 77, count: 6_000, hashes: true, after: (engine, input) =>
        {
            if (SnapshotAt.Contains(input.Sequence)) SnapshotFile.Write(_dir.Path, engine);
        });
        Journals.Write(_dir.Path, _run.Inputs, new JournalOptions { Sync = JournalSyncPolicy.None, SegmentBytes = 64 * 1024 }, batch: 9);
        var live = new Engine(new RecordingSinkTo(_liveEvents), LiveRun.Options);
        foreach (var input in _run.Inputs) live.Apply(input);
        Assert.That(live.StateHash(), Is.EqualTo(_run.Hashes![^1]));
        LiveRun.Generate(seed: 78, count: 2_000, after: (engine, input) =>
        {
            if (input.Sequence == 2_000) _states[2_000] = engine.Snapshot();
        });
    }

    [OneTimeTearDown]
    public void Cleanup() => _dir.Dispose();

    private int Total => _run.Inputs.Count;

    [Test]
    public void Verify_replays_from_the_start_and_checks_the_state_hash_at_every_snapshot()
    {
        var run = ToolRun.Small("verify", _dir.Path, "--format", "json");
        Assert.That(run.Exit, Is.EqualTo(ExitCodes.Ok), run.Out + run.Err);
        var j = run.Json;
        Assert.That(j.GetProperty("ok").GetBoolean(), Is.True);
        Assert.That(j.GetProperty("records").GetInt64(), Is.EqualTo(Total));
        Assert.That(j.GetProperty("segments").GetInt64(), Is.EqualTo(JournalFiles.Segments(_dir.Path).Count).And.GreaterThan(3));
        Assert.That(j.GetProperty("finalStateHash").GetString(), Is.EqualTo($"0x{_run.Hashes![^1]:x16}"));
        var snapshots = j.GetProperty("snapshots").EnumerateArray().ToList();
        Assert.That(snapshots.Select(s => s.GetProperty("sequence").GetInt64()), Is.EqualTo(SnapshotAt));
        foreach (var s in snapshots)
        {
            long k = s.GetProperty("sequence").GetInt64();
            Assert.That(s.GetProperty("status").GetString(), Is.EqualTo("matches"));
            Assert.That(s.GetProperty("recordedHash").GetString(), Is.EqualTo($"0x{_run.Hashes[k]:x16}"));
            Assert.That(s.GetProperty("replayedHash").GetString(), Is.EqualTo($"0x{_run.Hashes[k]:x16}"));
        }
        Assert.That(j.GetProperty("warnings").GetArrayLength(), Is.Zero);
    }

    [Test]
    public void Verify_fails_when_a_snapshot_disagrees_with_the_replay()
    {
        using var copy = Copy("mismatch");
        // A well-formed snapshot at 2000 of another day's engine: its own checks pass, the replay disagrees.
        SnapshotFile.Write(copy.Path, _states[2_000], 2_000, 0);
        var run = ToolRun.Small("verify", copy.Path);
        Assert.That(run.Exit, Is.EqualTo(ExitCodes.Damaged));
        Assert.That(run.Out, Does.Contain($"snapshot {JournalFiles.SnapshotName(2_000)}: sequence 2000, recorded 0x").And.Contain(": MISMATCH"));
        Assert.That(run.Out, Does.Contain($"problem: determinism: at sequence 2000 the replayed state hash is 0x{_run.Hashes![2_000]:x16}"));
        Assert.That(run.Out, Does.EndWith("verify: FAILED (1 problem)" + Environment.NewLine));
    }

    [Test]
    public void Verify_does_not_compare_a_snapshot_written_in_an_older_engine_state_format_and_says_so()
    {
        using var copy = Copy("oldformat");
        string path = Path.Combine(copy.Path, JournalFiles.SnapshotName(3_000));
        byte[] file = File.ReadAllBytes(path);
        // Rewrite the header as an engine with state format 1 wrote it (its header CRC made valid again).
        System.Buffers.Binary.BinaryPrimitives.WriteInt32LittleEndian(file.AsSpan(12), 1);
        System.Buffers.Binary.BinaryPrimitives.WriteUInt32LittleEndian(file.AsSpan(52), Crc32C.Compute(file.AsSpan(0, 52)));
        File.WriteAllBytes(path, file);

        var run = ToolRun.Small("verify", copy.Path);
        Assert.That(run.Exit, Is.EqualTo(ExitCodes.Ok), run.Out + run.Err);
        Assert.That(run.Out, Does.Contain($"snapshot {JournalFiles.SnapshotName(3_000)}: sequence 3000, recorded 0x").And.Contain("engine format 1: not comparable"));
        Assert.That(run.Out, Does.Contain($"holds engine state format 1; this build's is {Engine.SnapshotFormatVersion}"));
        Assert.That(run.Out, Does.Not.Contain("MISMATCH"));
    }

    [Test]
    public void Verify_fails_on_a_damaged_snapshot_file()
    {
        using var copy = Copy("badsnap");
        string path = Path.Combine(copy.Path, JournalFiles.SnapshotName(3_000));
        using (var f = new FileStream(path, FileMode.Open))
        {
            f.Position = SnapshotFile.HeaderLength + 10;
            int b = f.ReadByte();
            f.Position = SnapshotFile.HeaderLength + 10;
            f.WriteByte((byte)~b);
        }
        var run = ToolRun.Small("verify", copy.Path);
        Assert.That(run.Exit, Is.EqualTo(ExitCodes.Damaged));
        Assert.That(run.Out, Does.Contain($"problem: snapshot {JournalFiles.SnapshotName(3_000)} is damaged: state CRC mismatch"));
    }

    [Test]
    public void Stats_counts_agree_with_the_journaled_inputs()
    {
        var run = ToolRun.Small("stats", _dir.Path, "--format", "json");
        Assert.That(run.Exit, Is.EqualTo(ExitCodes.Ok), run.Err);
        var j = run.Json;
        var kinds = j.GetProperty("byKind").EnumerateArray().ToDictionary(k => k.GetProperty("kind").GetString()!, k => k.GetProperty("count").GetInt64());
        Assert.That(kinds, Is.EqualTo(_run.Inputs.GroupBy(i => i.Kind.ToString()).ToDictionary(g => g.Key, g => (long)g.Count())));
        Assert.That(j.GetProperty("records").GetInt64(), Is.EqualTo(Total));
        Assert.That(j.GetProperty("lastSequence").GetInt64(), Is.EqualTo(Total));
        Assert.That(j.GetProperty("inputTimesBackwards").GetInt64(), Is.EqualTo(_run.BackwardsTimes));
        Assert.That(j.GetProperty("lastEngineTime").GetString(), Is.EqualTo(EventJson.TimeText(_run.Engine.Now)));
        Assert.That(j.GetProperty("snapshots").GetInt64(), Is.EqualTo(3));
        Assert.That(j.GetProperty("rates").EnumerateArray().Sum(r => r.GetProperty("inputs").GetInt64()), Is.EqualTo(Total));
    }

    [Test]
    public void State_at_any_sequence_equals_an_engine_replayed_to_it()
    {
        var rng = new Random(5);
        foreach (long k in new long[] { 10, 1_500, 1_501 }.Concat(Enumerable.Range(0, 4).Select(_ => rng.NextInt64(11, Total + 1))))
        {
            var run = ToolRun.Small("state", _dir.Path, "--at", k.ToString(CultureInfo.InvariantCulture), "--format", "json");
            Assert.That(run.Exit, Is.EqualTo(ExitCodes.Ok), run.Err);
            var engine = new Engine(NullSink.Instance, LiveRun.Options);
            foreach (var input in _run.Inputs.Take((int)k)) engine.Apply(input);
            var j = run.Json;
            Assert.That(j.GetProperty("stateHash").GetString(), Is.EqualTo($"0x{_run.Hashes![k]:x16}"), $"at {k}");
            var accounts = j.GetProperty("accounts").EnumerateArray().ToList();
            Assert.That(accounts.Select(a => a.GetProperty("account").GetInt64()), Is.EqualTo(engine.Accounts().Select(a => (long)a.Account.Value)));
            foreach (var a in accounts)
            {
                var id = new AccountId((int)a.GetProperty("account").GetInt64());
                JsonFields.AssertSame(a, Commands.StateCommand.AccountFields(engine.GetAccount(id)!), $"account {id} at {k}");
                var positions = engine.Positions(id);
                Assert.That(a.GetProperty("positions").GetArrayLength(), Is.EqualTo(positions.Count));
                for (int i = 0; i < positions.Count; i++) JsonFields.AssertSame(a.GetProperty("positions")[i], Commands.StateCommand.PositionFields(positions[i]), $"position {i} of {id} at {k}");
                var orders = engine.OpenOrders(id);
                Assert.That(a.GetProperty("openOrders").GetArrayLength(), Is.EqualTo(orders.Count));
                for (int i = 0; i < orders.Count; i++) JsonFields.AssertSame(a.GetProperty("openOrders")[i], Commands.StateCommand.OrderFields(orders[i]), $"order {i} of {id} at {k}");
            }
        }
    }

    [Test]
    public void Dump_of_a_sequence_range_gives_exactly_those_inputs_field_by_field()
    {
        var run = ToolRun.Small("dump", _dir.Path, "--from-seq", "2995", "--to-seq", "3010", "--no-events", "--format", "json");
        Assert.That(run.Exit, Is.EqualTo(ExitCodes.Ok), run.Err);
        var lines = run.JsonLines;
        Assert.That(lines.Select(l => l.GetProperty("seq").GetInt64()), Is.EqualTo(Enumerable.Range(2995, 16).Select(i => (long)i)));
        foreach (var line in lines)
        {
            var input = _run.Inputs[(int)line.GetProperty("seq").GetInt64() - 1];
            Assert.That(line.GetProperty("input").GetString(), Is.EqualTo(input.Kind.ToString()));
            Assert.That(line.GetProperty("time").GetString(), Is.EqualTo(EventJson.TimeText(input.Time)));
            JsonFields.AssertSame(line, InputFields.Of(in input), $"input {input.Sequence}");
        }
    }

    [Test]
    public void Dump_with_events_starts_from_a_snapshot_and_shows_the_live_engine_events()
    {
        var run = ToolRun.Small("dump", _dir.Path, "--from-seq", "3001", "--to-seq", "3200", "--format", "json");
        Assert.That(run.Exit, Is.EqualTo(ExitCodes.Ok), run.Err);
        var events = run.Lines.Where(l => !JsonDocument.Parse(l).RootElement.TryGetProperty("engineTime", out _)).ToList();
        var expected = _liveEvents.Where(e => e.Sequence is >= 3001 and <= 3200).Select(e => EventJson.Format(e)).ToList();
        Assert.That(expected, Is.Not.Empty);
        Assert.That(events, Is.EqualTo(expected));
    }

    [Test]
    public void Dump_of_an_account_shows_only_what_concerns_it()
    {
        var run = ToolRun.Small("dump", _dir.Path, "--account", "3", "--from-seq", "1000", "--to-seq", "2000", "--format", "json");
        Assert.That(run.Exit, Is.EqualTo(ExitCodes.Ok), run.Err);
        foreach (var line in run.JsonLines.Where(l => l.TryGetProperty("event", out _)))
        {
            string text = line.GetRawText();
            bool global = line.GetProperty("event").GetString() == "KillSwitchChanged" && line.GetProperty("scope").GetString() == "Global";
            Assert.That(global || text.Contains("\"account\":3,", StringComparison.Ordinal) || text.Contains("\"account\":3}", StringComparison.Ordinal) ||
                text.Contains("Account\":3,", StringComparison.Ordinal) || (line.TryGetProperty("subject", out var s) && s.GetInt64() == 3), Is.True, text);
        }
        Assert.That(run.JsonLines.Count(l => l.TryGetProperty("event", out _)), Is.GreaterThan(10));
    }

    private TempDirectory Copy(string name)
    {
        var copy = new TempDirectory(name);
        foreach (string f in Directory.EnumerateFiles(_dir.Path)) File.Copy(f, Path.Combine(copy.Path, Path.GetFileName(f)));
        return copy;
    }

    private sealed class RecordingSinkTo(List<EngineEvent> events) : IEngineEventSink
    {
        public void Publish(in EngineEvent e) => events.Add(e);
    }
}
