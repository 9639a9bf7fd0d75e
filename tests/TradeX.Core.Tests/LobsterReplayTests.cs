using TradeX.Core;

namespace TradeX.Core.Tests;

/// <summary>
/// Real order flow: Nasdaq days from LOBSTER through the book, visible levels compared with the file
/// after every message. See <see cref="LobsterReplay"/> for the mapping and docs/lobster.md for the
/// measured rates and every class of mismatch.
/// </summary>
public sealed class LobsterReplayTests
{
    private static string DataPath(string relative)
    {
        var dir = new DirectoryInfo(TestContext.CurrentContext.TestDirectory);
        while (dir is not null && !File.Exists(Path.Combine(dir.FullName, "TradeX.Core.sln"))) dir = dir.Parent;
        string path = Path.Combine(dir?.Parent?.FullName ?? "/", "shared", "data", "lobster", relative);
        if (!File.Exists(path)) Assert.Ignore($"LOBSTER reference data not found at {path} (../shared/data/lobster); this test needs it.");
        return path;
    }

    private static LobsterReplay Run(string messages, string books, bool header, int levels, string symbol, string reference)
    {
        var replay = new LobsterReplay(levels, symbol, reference);
        bool first = true;
        foreach (var (_, m, b) in LobsterReplay.Read(messages, books, header))
        {
            int type = int.Parse(m[1]);
            if (first)
            {
                // Seed from row 1 with message 1 undone: the book as it stood when the file starts.
                first = false;
                replay.Reconcile(Undo(b, type, LobsterReplay.L(m[3]), LobsterReplay.L(m[4]), int.Parse(m[5]), levels));
                replay.Reconciliations.Clear();
            }
            replay.Apply(type, ulong.Parse(m[2]), LobsterReplay.L(m[3]), LobsterReplay.L(m[4]), int.Parse(m[5]));
            if (!replay.Compare(b)) replay.Reconcile(b);
        }
        var r = replay;
        TestContext.Out.WriteLine($"{symbol}: {r.Messages:N0} messages; visible levels identical after {r.VisibleMatches:N0} ({(double)r.VisibleMatches / r.Messages:P3})");
        TestContext.Out.WriteLine($"  per-message level change as the file says: {r.DeltaMatches:N0} of {r.DeltaChecks:N0}");
        TestContext.Out.WriteLine($"  visible executions {r.Executions:N0}: on exactly the named order {r.ExecutionsOnNamedOrder:N0}, of unseen liquidity {r.ExecutionsOfUnseenLiquidity:N0}, otherwise {r.ExecutionsMissed:N0}");
        TestContext.Out.WriteLine($"  executions that first needed orders ahead cleared (they had left invisibly): {r.ExecutionsAfterClearingAhead:N0}");
        TestContext.Out.WriteLine($"  cancels of unseen liquidity {r.CancelsOfUnseenLiquidity:N0}; unknown ids standing in for orders that left invisibly {r.StandIns:N0}; unexplained {r.UnexplainedUnknownIds:N0}; submissions that traded on arrival {r.SubmissionsThatTraded:N0}");
        foreach (var (cls, count) in r.Reconciliations.OrderByDescending(kv => kv.Value)) TestContext.Out.WriteLine($"  reconciled: {cls}: {count:N0}");
        foreach (var s in r.Examples) TestContext.Out.WriteLine($"  {s}");
        Assert.That(r.Engine.CheckInvariants(), Is.Empty);
        return r;
    }

    /// <summary>Row 1 minus message 1's own effect (LOBSTER: row i is the book after message i).</summary>
    private static string[] Undo(string[] row, int type, long size, long price, int direction, int levels)
    {
        var copy = (string[])row.Clone();
        long delta = type switch { 1 => size, 2 or 3 or 4 => -size, _ => 0 };
        int offset = direction == 1 ? 2 : 0;
        for (int k = 0; k < levels; k++)
        {
            if (LobsterReplay.L(copy[4 * k + offset]) != price) continue;
            copy[4 * k + offset + 1] = (LobsterReplay.L(copy[4 * k + offset + 1]) - delta).ToString(System.Globalization.CultureInfo.InvariantCulture);
        }
        return copy;
    }

    [Test]
    public void A_full_Nasdaq_day_of_AMZN_level_1_reproduces_the_top_of_book_after_every_message()
    {
        var r = Run(DataPath("AMZN_2012-06-21_level1_fullday/AMZN_2012-06-21_34200000_57600000_message_1.csv"),
            DataPath("AMZN_2012-06-21_level1_fullday/AMZN_2012-06-21_34200000_57600000_orderbook_1.csv"), header: true, levels: 1, "AMZN", "223.82");

        // Rates measured on this file (deterministic) and justified in docs/lobster.md: a level-1 file
        // describes only the best level, so what happens one level down is invisible. Every class of
        // mismatch is counted above; none is an engine fault on a message the file describes fully.
        Assert.That(r.Messages, Is.EqualTo(57_515));
        Assert.That((double)r.VisibleMatches / r.Messages, Is.GreaterThanOrEqualTo(0.855), "top of book identical after each message, before any reconciliation");
        Assert.That((double)r.DeltaMatches / r.DeltaChecks, Is.GreaterThanOrEqualTo(0.996), "messages that move their level exactly as the file says");
        Assert.That((double)r.ExecutionsOnNamedOrder / (r.ExecutionsOnNamedOrder + r.ExecutionsMissed), Is.GreaterThanOrEqualTo(0.983), "executions of known orders that trade against exactly the named order");
        Assert.That(r.ExecutionsOnNamedOrder - r.ExecutionsAfterClearingAhead, Is.GreaterThan(5_000));
        Assert.That(r.UnexplainedUnknownIds, Is.Zero);
        Assert.That(r.SubmissionsThatTraded, Is.Zero, "no submission ever crosses the rebuilt book");
    }

    [Test]
    public void The_first_999_AAPL_messages_at_level_10_reproduce_all_ten_levels_after_every_message()
    {
        var r = Run(DataPath("AAPL_2012-06-21_level10_first999/AAPL_2012-06-21_34200000_57600000_message_10.csv"),
            DataPath("AAPL_2012-06-21_level10_first999/AAPL_2012-06-21_34200000_57600000_orderbook_10.csv"), header: false, levels: 10, "AAPL", "585.33");

        // Ten visible levels leave little unseen: every message moves its level exactly as the file says,
        // every execution of a known order hits exactly that order, and the only mismatches are levels
        // coming into view from below the tenth (docs/lobster.md).
        Assert.That(r.Messages, Is.EqualTo(999));
        Assert.That(r.DeltaMatches, Is.EqualTo(r.DeltaChecks));
        Assert.That(r.ExecutionsMissed, Is.Zero);
        Assert.That(r.ExecutionsAfterClearingAhead, Is.Zero);
        Assert.That(r.UnexplainedUnknownIds + r.StandIns, Is.Zero);
        Assert.That((double)r.VisibleMatches / r.Messages, Is.GreaterThanOrEqualTo(0.985));
    }
}
