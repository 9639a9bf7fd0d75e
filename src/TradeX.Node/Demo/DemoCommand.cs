using System.Diagnostics;
using Spectre.Console;
using TradeX.Core;

namespace TradeX.Node.Demo;

/// <summary>Runs <see cref="DemoDay"/> and prints a summary a risk manager can read.</summary>
public static class DemoCommand
{
    public static int Run(int seed, int orders, TextWriter output)
    {
        var console = AnsiConsole.Create(new AnsiConsoleSettings { Out = new AnsiConsoleOutput(output), Ansi = Console.IsOutputRedirected ? AnsiSupport.No : AnsiSupport.Detect, ColorSystem = ColorSystemSupport.Detect });
        // Tables are wide; when the output is not a terminal (a log, a pipe) do not wrap them at 80 columns.
        if (Console.IsOutputRedirected) console.Profile.Width = 132;
        var day = new DemoDay(seed, orders);
        var clock = Stopwatch.StartNew();
        day.Run();
        clock.Stop();
        var engine = day.Engine;
        var sink = day.Sink;
        var counters = engine.Counters;

        console.Write(new Rule($"[bold]TradeX.Core demo day {DemoDay.Date:yyyy-MM-dd}[/] (seed {seed})").LeftJustified());
        console.MarkupLine($"{day.Inputs:N0} inputs ({day.OrdersSent:N0} new orders) through one engine in {clock.Elapsed.TotalMilliseconds:N0} ms " +
                           $"([grey]{day.Inputs / Math.Max(clock.Elapsed.TotalSeconds, 1e-9):N0} inputs/s including the generator[/])");
        console.MarkupLine($"Accepted {counters.OrdersAccepted:N0}, rejected {counters.OrdersRejected:N0}; " +
                           $"{sink.InternalTrades:N0} internal trades ({sink.InternalQuantity:N0} shares, {Usd(new Money(sink.InternalNotional))} USD), " +
                           $"{sink.VenueFills:N0} venue fills ({sink.VenueQuantity:N0} shares), {sink.DuplicateFills} duplicate venue fill(s) ignored, {sink.FillBreaks} refused or quarantined.");
        console.WriteLine();

        var happened = new List<(long Time, string Text)>(sink.Notes);
        foreach (var (time, change) in sink.KillSwitches)
            happened.Add((time, $"kill switch {(change.Active ? "ON" : "off")} for {(change.Scope == KillSwitchScope.Global ? "all accounts" : $"account {change.Account}")} by {change.Operator} ({change.Cause})"));
        foreach (var (time, reject) in sink.InputRejects)
            happened.Add((time, $"{reject.Input} input refused: {RejectReasons.Text(reject.Reason)} (code {(int)reject.Reason})"));
        var notes = new Table().Title("What happened").AddColumns("time", "event");
        foreach (var (time, text) in happened.OrderBy(h => h.Time)) notes.AddRow(TimeOfDay(time), Markup.Escape(text));
        console.Write(notes);

        var rejects = new Table().Title("Rejects by reason").AddColumns(new TableColumn("code"), new TableColumn("reason"), new TableColumn("count").RightAligned());
        foreach (var (reason, count) in sink.RejectsByReason.OrderByDescending(kv => kv.Value))
            rejects.AddRow(((int)reason).ToString(), Markup.Escape(RejectReasons.Text(reason)), count.ToString("N0"));
        console.Write(rejects);

        var cancels = new Table().Title("Cancels by reason").AddColumns(new TableColumn("reason"), new TableColumn("count").RightAligned());
        foreach (var (reason, count) in sink.CancelsByReason.OrderByDescending(kv => kv.Value)) cancels.AddRow(reason.ToString(), count.ToString("N0"));
        console.Write(cancels);

        var names = DemoDay.AccountNames.ToDictionary(a => a.Account, a => a.Who);
        var symbols = engine.Instruments().ToDictionary(i => i.Instrument.Value, i => i.Symbol);
        var exposure = new Table().Title("Exposure per account (end of day)")
            .AddColumns("account", "who", "long", "short", "gross", "net", "buying power", "daily P&L", "kill");
        foreach (var c in exposure.Columns.Skip(2)) c.RightAligned();
        foreach (var a in engine.Accounts())
            exposure.AddRow(a.Account.ToString(), names.GetValueOrDefault(a.Account.Value, ""), Usd(a.Long), Usd(a.Short), Usd(a.Gross), Usd(a.Net),
                Usd(a.BuyingPower), Usd(a.DailyPnl), a.KillSwitch ? "[red]ON[/]" : "off");
        console.Write(exposure);

        var positions = new Table().Title("Positions").AddColumns("account", "symbol", "qty", "avg cost", "mark", "unrealized", "realized");
        foreach (var c in positions.Columns.Skip(2)) c.RightAligned();
        foreach (var a in engine.Accounts())
            foreach (var p in engine.Positions(a.Account).Where(p => p.Quantity.Units != 0 || p.RealizedPnl != Money.Zero))
                positions.AddRow(a.Account.ToString(), symbols[p.Instrument.Value], p.Quantity.Units.ToString("N0"), p.AverageCost.ToString(), p.Mark.ToString(),
                    Usd(p.UnrealizedPnl), Usd(p.RealizedPnl));
        console.Write(positions);

        var alerts = new Table().Title("Limit alerts").AddColumns("time", "account", "limit", "kind", "level", "utilisation");
        foreach (var (time, alert) in sink.Alerts)
            alerts.AddRow(TimeOfDay(time), alert.Account.ToString(), alert.Type.ToString(), alert.Kind.ToString(),
                alert.Level switch { AlertLevel.Breached => "[red]breached[/]", AlertLevel.Critical => "[orange1]critical[/]", AlertLevel.Warning => "[yellow]warning[/]", _ => "normal" },
                $"{alert.UtilisationBps / 100.0:N1}%");
        console.Write(alerts);

        var problems = engine.CheckInvariants();
        console.MarkupLine(problems.Count == 0
            ? "Invariants: [green]book never crossed, incremental exposure equals recompute for every account[/]"
            : $"[red]Invariant violations: {problems.Count}[/] (first: {Markup.Escape(problems[0])})");
        console.MarkupLine($"State hash after {engine.LastSequence:N0} inputs: [bold]{engine.StateHash():x16}[/] (same seed, same hash)");
        return problems.Count == 0 ? 0 : 1;
    }

    private static string Usd(Money m)
    {
        decimal value = decimal.Parse(m.ToString(), System.Globalization.CultureInfo.InvariantCulture);
        string text = value.ToString("#,##0;-#,##0", System.Globalization.CultureInfo.InvariantCulture);
        return value < 0 ? $"[red]{text}[/]" : text;
    }

    private static string TimeOfDay(long nanos) => Scenario.EventJson.TimeText(nanos).Substring(11, 12);
}
