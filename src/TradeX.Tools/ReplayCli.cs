using System.CommandLine;
using System.CommandLine.Parsing;
using TradeX.Core;
using TradeX.Journal;
using TradeX.Tools.Commands;

namespace TradeX.Tools;

/// <summary>
/// The replay tool's command line: <c>[replay] verify|stats|dump|audit|state DIR ...</c>. Every failure
/// the operator can cause (bad arguments, a missing directory, a damaged file) ends in one message on
/// stderr and an exit code from <see cref="ExitCodes"/>; no stack traces.
/// </summary>
public static class ReplayCli
{
    public static int Run(string[] args, TextWriter stdout, TextWriter stderr, bool interactive)
    {
        if (args.Length > 0 && args[0] == "replay") args = args[1..];

        var maxOpenOrders = new Option<int>("--max-open-orders") { Description = "Engine capacity used when replaying; must match the node's engine.maxOpenOrders.", DefaultValueFactory = _ => EngineOptions.Default.MaxOpenOrders, Recursive = true };
        var maxPositions = new Option<int>("--max-positions") { Description = "Engine capacity used when replaying; must match the node's engine.maxPositions.", DefaultValueFactory = _ => EngineOptions.Default.MaxPositions, Recursive = true };
        var breakerViolations = new Option<int>("--circuit-breaker-violations") { Description = "Must match the node's engine.circuitBreakerViolations.", DefaultValueFactory = _ => EngineOptions.Default.CircuitBreakerViolations, Recursive = true };
        var breakerWindow = new Option<double>("--circuit-breaker-window-seconds") { Description = "Must match the node's engine.circuitBreakerWindowSeconds.", DefaultValueFactory = _ => EngineOptions.Default.CircuitBreakerWindowNanos / 1e9, Recursive = true };

        Argument<string> Directory() => new("directory") { Description = "The journal directory (segments *.journal, indexes *.index, snapshots *.snapshot)." };
        Option<OutputFormat> Format(params string[] allowed) => new("--format")
        {
            Description = $"Output format: {string.Join(", ", allowed)}.",
            HelpName = string.Join('|', allowed),
            DefaultValueFactory = _ => OutputFormat.Text,
            CustomParser = r =>
            {
                string text = r.Tokens.Count == 1 ? r.Tokens[0].Value : "";
                if (allowed.Contains(text, StringComparer.OrdinalIgnoreCase) && Enum.TryParse(text, ignoreCase: true, out OutputFormat format)) return format;
                r.AddError($"--format must be one of: {string.Join(", ", allowed)} (not '{text}')");
                return OutputFormat.Text;
            },
        };

        ToolContext Context(ParseResult r) => new(stdout, stderr, interactive, EngineOptions.Default with
        {
            MaxOpenOrders = r.GetValue(maxOpenOrders),
            MaxPositions = r.GetValue(maxPositions),
            CircuitBreakerViolations = r.GetValue(breakerViolations),
            CircuitBreakerWindowNanos = (long)(r.GetValue(breakerWindow) * 1e9),
            PreFaultMemory = false,
        }, recorded => recorded with
        {
            // Only what the operator typed overrides the settings recorded in the journal directory.
            MaxOpenOrders = Given(r, maxOpenOrders) ? r.GetValue(maxOpenOrders) : recorded.MaxOpenOrders,
            MaxPositions = Given(r, maxPositions) ? r.GetValue(maxPositions) : recorded.MaxPositions,
            CircuitBreakerViolations = Given(r, breakerViolations) ? r.GetValue(breakerViolations) : recorded.CircuitBreakerViolations,
            CircuitBreakerWindowNanos = Given(r, breakerWindow) ? (long)(r.GetValue(breakerWindow) * 1e9) : recorded.CircuitBreakerWindowNanos,
            PreFaultMemory = false,
        });
        static bool Given(ParseResult r, Option option) => r.GetResult(option) is { Implicit: false };

        var verifyDir = Directory();
        var verifyFormat = Format("text", "json");
        var verify = new Command("verify", "Check every record's CRC and message, sequence continuity and every snapshot file, then replay from the first input and check the state hash at every snapshot. Exit 0 when all passes, 1 otherwise.") { verifyDir, verifyFormat };
        verify.SetAction(r => Guard(stderr, () => VerifyCommand.Run(Context(r), r.GetValue(verifyDir)!, r.GetValue(verifyFormat))));

        var statsDir = Directory();
        var statsFormat = Format("text", "json");
        var bucket = new Option<double>("--bucket") { Description = "Seconds of engine time per rate bucket.", DefaultValueFactory = _ => 60 };
        var stats = new Command("stats", "Inputs by kind, rates over time, sizes, first and last sequence and time.") { statsDir, statsFormat, bucket };
        stats.SetAction(r => Guard(stderr, () => StatsCommand.Run(Context(r), r.GetValue(statsDir)!, r.GetValue(statsFormat), r.GetValue(bucket))));

        var dumpDir = Directory();
        var dumpFormat = Format("text", "json", "csv");
        var account = new Option<int?>("--account") { Description = "Only what concerns this account." };
        var order = new Option<ulong?>("--order") { Description = "Only what concerns this client order id (and the engine order it became)." };
        var instrument = new Option<int?>("--instrument") { Description = "Only what concerns this instrument." };
        var fromSeq = new Option<long?>("--from-seq") { Description = "First sequence to show." };
        var toSeq = new Option<long?>("--to-seq") { Description = "Last sequence to show." };
        var fromTime = new Option<string?>("--from-time") { Description = "First engine time to show: ISO-8601 UTC (2026-01-05T09:30:00.25Z) or Unix nanoseconds." };
        var toTime = new Option<string?>("--to-time") { Description = "Last engine time to show (same forms as --from-time)." };
        var noEvents = new Option<bool>("--no-events") { Description = "Inputs only, without replaying them through an engine." };
        var dump = new Command("dump", "Inputs and the events they caused, filtered, as text, JSON lines or CSV.") { dumpDir, dumpFormat, account, order, instrument, fromSeq, toSeq, fromTime, toTime, noEvents };
        dump.SetAction(r => Guard(stderr, () =>
        {
            var filter = new DumpFilter(r.GetValue(account), r.GetValue(order), r.GetValue(instrument), r.GetValue(fromSeq), r.GetValue(toSeq),
                Time(r.GetValue(fromTime), "--from-time"), Time(r.GetValue(toTime), "--to-time"));
            return DumpCommand.Run(Context(r), r.GetValue(dumpDir)!, filter, r.GetValue(dumpFormat), !r.GetValue(noEvents));
        }));

        var auditDir = Directory();
        var auditFormat = Format("text", "json");
        var orderId = new Argument<ulong>("order") { Description = "The client order id." };
        var auditAccount = new Option<int?>("--account") { Description = "The account that sent the order (client order ids are unique per account and day)." };
        var audit = new Command("audit", "The full lifecycle of one client order, in sequence order: received, risk decision with reason, acceptance, routing, fills, replaces, cancels.") { auditDir, orderId, auditAccount, auditFormat };
        audit.SetAction(r => Guard(stderr, () => AuditCommand.Run(Context(r), r.GetValue(auditDir)!, r.GetValue(orderId), r.GetValue(auditAccount), r.GetValue(auditFormat))));

        var stateDir = Directory();
        var stateFormat = Format("text", "json");
        var at = new Option<string>("--at") { Description = "A sequence number (state right after that input) or an ISO-8601 UTC time (state after the last input at or before it).", Required = true };
        var stateAccount = new Option<int?>("--account") { Description = "The account to show (default: every account)." };
        var state = new Command("state", "Positions, P&L, exposure and open orders of an account as they were at a sequence or a time.") { stateDir, at, stateAccount, stateFormat };
        state.SetAction(r => Guard(stderr, () => StateCommand.Run(Context(r), r.GetValue(stateDir)!, r.GetValue(at)!, r.GetValue(stateAccount), r.GetValue(stateFormat))));

        var root = new RootCommand("TradeX journal replay tool: verify, stats, dump, audit, state. Run as `replay <command> DIR ...` or `<command> DIR ...`.")
        {
            verify, stats, dump, audit, state, maxOpenOrders, maxPositions, breakerViolations, breakerWindow,
        };
        root.SetAction(_ =>
        {
            stderr.WriteLine("error: a command is required: verify, stats, dump, audit or state (see --help)");
            return ExitCodes.BadArguments;
        });

        ParseResult parsed = root.Parse(args);
        if (parsed.Errors.Count > 0)
        {
            stderr.WriteLine($"error: {parsed.Errors[0].Message}");
            stderr.WriteLine("Run with --help for usage.");
            return ExitCodes.BadArguments;
        }
        return parsed.Invoke(new InvocationConfiguration { Output = stdout, Error = stderr, EnableDefaultExceptionHandler = false });
    }

    private static long? Time(string? text, string option)
    {
        if (text is null) return null;
        return TimeText.TryParse(text, out long nanos) ? nanos : throw new ToolException(ExitCodes.BadArguments, $"{option} '{text}' is not a time (ISO-8601 UTC such as 2026-01-05T09:30:00.25Z, or Unix nanoseconds)");
    }

    /// <summary>Turns the failures an operator can cause into one message and an exit code.</summary>
    private static int Guard(TextWriter stderr, Func<int> command)
    {
        try
        {
            return command();
        }
        catch (ToolException e)
        {
            stderr.WriteLine($"error: {e.Message}");
            return e.ExitCode;
        }
        catch (JournalCorruptException e)
        {
            stderr.WriteLine($"error: {e.Message}");
            return ExitCodes.Damaged;
        }
        catch (DirectoryNotFoundException e)
        {
            stderr.WriteLine($"error: {e.Message}");
            return ExitCodes.NoJournal;
        }
        catch (Exception e) when (e is IOException or UnauthorizedAccessException)
        {
            stderr.WriteLine($"error: cannot read the journal: {e.Message}");
            return ExitCodes.Damaged;
        }
    }
}
