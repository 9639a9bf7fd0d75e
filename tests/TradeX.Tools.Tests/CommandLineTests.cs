using System.Diagnostics;
using TradeX.Journal;

namespace TradeX.Tools.Tests;

/// <summary>Arguments, help, exit codes and one clear message for every operator mistake or damaged file.</summary>
[TestFixture]
public sealed class CommandLineTests
{
    private OrderStory _story = null!;
    private string Dir => _story.Directory.Path;

    [OneTimeSetUp]
    public void Journal() => _story = new OrderStory();

    [OneTimeTearDown]
    public void Cleanup() => _story.Dispose();

    [Test]
    public void The_replay_word_is_optional()
    {
        var with = ToolRun.Small("replay", "stats", Dir, "--format", "json");
        var without = ToolRun.Small("stats", Dir, "--format", "json");
        Assert.That(with.Exit, Is.EqualTo(ExitCodes.Ok));
        Assert.That(with.Out, Is.EqualTo(without.Out));
    }

    [TestCase("verify")]
    [TestCase("stats")]
    [TestCase("dump")]
    [TestCase("audit")]
    [TestCase("state")]
    public void Every_command_has_help(string command)
    {
        var run = ToolRun.Of("replay", command, "--help");
        Assert.That(run.Exit, Is.EqualTo(ExitCodes.Ok));
        Assert.That(run.Out, Does.Contain("Usage:").And.Contain(command).And.Contain("<directory>"));
        Assert.That(run.Err, Is.Empty);
    }

    [Test]
    public void The_root_has_help_listing_every_command()
    {
        var run = ToolRun.Of("--help");
        Assert.That(run.Exit, Is.EqualTo(ExitCodes.Ok));
        Assert.That(run.Out, Does.Contain("verify").And.Contain("stats").And.Contain("dump").And.Contain("audit").And.Contain("state"));
    }

    [TestCase(new[] { "frobnicate", "x" }, "frobnicate")]
    [TestCase(new[] { "stats" }, "directory")]
    [TestCase(new[] { "stats", "DIR", "--bogus" }, "--bogus")]
    [TestCase(new[] { "dump", "DIR", "--format", "xml" }, "xml")]
    [TestCase(new[] { "stats", "DIR", "--format", "csv" }, "--format must be one of: text, json")]
    [TestCase(new[] { "dump", "DIR", "--from-seq", "ten" }, "ten")]
    [TestCase(new[] { "audit", "DIR", "not-a-number" }, "not-a-number")]
    [TestCase(new[] { "state", "DIR" }, "--at")]
    public void Bad_arguments_give_one_message_and_exit_2(string[] args, string mentioned)
    {
        var run = ToolRun.Of(args.Select(a => a == "DIR" ? Dir : a).ToArray());
        Assert.That(run.Exit, Is.EqualTo(ExitCodes.BadArguments), run.Err);
        Assert.That(run.Out, Is.Empty);
        var lines = run.Err.Split('\n', StringSplitOptions.RemoveEmptyEntries);
        Assert.That(lines[0], Does.StartWith("error: ").And.Contain(mentioned));
        Assert.That(lines, Has.Length.LessThanOrEqualTo(2));
    }

    [Test]
    public void No_command_is_a_bad_argument() => Assert.That(ToolRun.Of().Exit, Is.EqualTo(ExitCodes.BadArguments));

    [TestCase("state", "--at", "yesterday")]
    [TestCase("state", "--at", "999")]
    [TestCase("dump", "--from-time", "9:30")]
    public void Values_that_parse_but_make_no_sense_exit_2(string command, string option, string value)
    {
        var run = ToolRun.Small(command, Dir, option, value);
        Assert.That(run.Exit, Is.EqualTo(ExitCodes.BadArguments), run.Err);
        Assert.That(run.Err, Does.StartWith("error: ").And.Contain(value));
    }

    [TestCase("verify")]
    [TestCase("stats")]
    [TestCase("dump")]
    [TestCase("audit")]
    [TestCase("state")]
    public void A_missing_directory_gives_one_message_and_exit_3(string command)
    {
        string missing = Path.Combine(Dir, "no-such-dir");
        string[] extra = command switch { "audit" => ["1"], "state" => ["--at", "1"], _ => [] };
        var run = ToolRun.Of([command, missing, .. extra]);
        Assert.That(run.Exit, Is.EqualTo(ExitCodes.NoJournal));
        Assert.That(run.Err.Trim(), Is.EqualTo($"error: journal directory '{missing}' does not exist"));
    }

    [Test]
    public void A_directory_without_segments_exits_3()
    {
        using var empty = new TempDirectory("empty");
        var run = ToolRun.Of("stats", empty.Path);
        Assert.That(run.Exit, Is.EqualTo(ExitCodes.NoJournal));
        Assert.That(run.Err.Trim(), Is.EqualTo($"error: no journal segments (*.journal) in '{empty.Path}'"));
    }

    [TestCase("stats")]
    [TestCase("dump")]
    [TestCase("audit")]
    [TestCase("state")]
    [TestCase("verify")]
    public void A_damaged_record_before_the_tail_gives_one_message_naming_file_offset_and_sequence_and_exit_1(string command)
    {
        using var copy = new TempDirectory("damaged");
        foreach (string f in Directory.EnumerateFiles(Dir)) File.Copy(f, Path.Combine(copy.Path, Path.GetFileName(f)));
        var (offset, sequence) = RecordAt(copy.Path, 5);
        string segment = JournalFiles.Segments(copy.Path)[0].Path;
        Journals.FlipBits(segment, offset + 40, 0x01);
        string[] extra = command switch { "audit" => ["1"], "state" => ["--at", "14"], _ => [] };
        var run = ToolRun.Small([command, copy.Path, .. extra]);
        Assert.That(run.Exit, Is.EqualTo(ExitCodes.Damaged), run.Out + run.Err);
        string message = $"journal damaged: {Path.GetFileName(segment)} at offset {offset} (sequence {sequence}): CRC mismatch";
        if (command == "verify")
        {
            Assert.That(run.Out, Does.Contain("problem: " + message).And.Contain("verify: FAILED (1 problem)"));
        }
        else
        {
            var lines = run.Err.Split('\n', StringSplitOptions.RemoveEmptyEntries);
            Assert.That(lines, Has.Length.EqualTo(1));
            Assert.That(lines[0], Does.StartWith("error: " + message));
        }
    }

    [Test]
    public void A_torn_tail_fails_verify_but_the_other_commands_warn_and_use_the_intact_prefix()
    {
        using var copy = new TempDirectory("torn");
        foreach (string f in Directory.EnumerateFiles(Dir)) File.Copy(f, Path.Combine(copy.Path, Path.GetFileName(f)));
        string segment = JournalFiles.Segments(copy.Path)[0].Path;
        using (var s = new FileStream(segment, FileMode.Open)) s.SetLength(s.Length - 5);
        var verify = ToolRun.Small("verify", copy.Path);
        Assert.That(verify.Exit, Is.EqualTo(ExitCodes.Damaged));
        Assert.That(verify.Out, Does.Contain("problem: torn tail: ").And.Contain("(sequence 14 and after"));
        var stats = ToolRun.Small("stats", copy.Path, "--format", "json");
        Assert.That(stats.Exit, Is.EqualTo(ExitCodes.Ok));
        Assert.That(stats.Json.GetProperty("lastSequence").GetInt64(), Is.EqualTo(13));
        Assert.That(stats.Err, Does.StartWith("warning: torn tail: "));
        Assert.That(new FileInfo(segment).Length, Is.EqualTo(new FileInfo(JournalFiles.Segments(Dir)[0].Path).Length - 5), "the tool never modifies the journal");
    }

    [Test]
    public void The_real_executable_runs_with_and_without_replay_and_returns_the_exit_code()
    {
        string dll = Path.Combine(AppContext.BaseDirectory, "TradeX.Tools.dll");
        Assert.That(File.Exists(dll), Is.True, dll);
        var (exit, output, error) = Exec(dll, ["replay", "verify", Dir, .. ToolRun.SmallEngine]);
        Assert.That(exit, Is.EqualTo(0), error);
        Assert.That(output, Does.Contain("verify: OK"));
        (exit, _, error) = Exec(dll, ["stats", Path.Combine(Dir, "missing")]);
        Assert.That(exit, Is.EqualTo(3));
        Assert.That(error, Does.StartWith("error: journal directory"));
        (exit, _, error) = Exec(dll, ["replay", "dump"]);
        Assert.That(exit, Is.EqualTo(2));
        Assert.That(error, Does.StartWith("error: "));
    }

    private static (int Exit, string Out, string Err) Exec(string dll, string[] args)
    {
        var info = new ProcessStartInfo("dotnet") { RedirectStandardOutput = true, RedirectStandardError = true, UseShellExecute = false };
        info.ArgumentList.Add(dll);
        foreach (string a in args) info.ArgumentList.Add(a);
        using var process = Process.Start(info)!;
        var output = process.StandardOutput.ReadToEndAsync();
        var error = process.StandardError.ReadToEndAsync();
        if (!process.WaitForExit(120_000))
        {
            process.Kill(entireProcessTree: true);
            Assert.Fail("the tool did not finish within 2 minutes");
        }
        return (process.ExitCode, output.Result, error.Result);
    }

    private static (long Offset, long Sequence) RecordAt(string directory, long sequence)
    {
        using var cursor = JournalReader.Open(directory).ReadFrom(sequence);
        Assert.That(cursor.MoveNext(), Is.True);
        return (cursor.Offset, cursor.Current.Sequence);
    }
}
