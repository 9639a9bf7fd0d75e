using Spectre.Console;
using TradeX.Core;

namespace TradeX.Tools;

/// <summary>Where a command writes, with which engine options it replays, and whether it may draw a progress bar.</summary>
public sealed class ToolContext(TextWriter output, TextWriter error, bool interactive, EngineOptions engineOptions,
    Func<EngineOptions, EngineOptions>? explicitOptions = null)
{
    public TextWriter Out { get; } = output;
    public TextWriter Error { get; } = error;

    /// <summary>True when stdout is a terminal: long runs then show a progress bar.</summary>
    public bool Interactive { get; } = interactive;

    public EngineOptions EngineOptions { get; } = engineOptions;

    /// <summary>
    /// The engine settings to replay <paramref name="directory"/> with: what the node recorded there
    /// (<see cref="TradeX.Journal.EngineSettingsFile"/>), else the defaults; options given on the command line win.
    /// </summary>
    public EngineOptions EngineOptionsFor(string directory)
    {
        EngineOptions recorded = TradeX.Journal.EngineSettingsFile.TryRead(directory, EngineOptions) ?? EngineOptions;
        return explicitOptions is null ? recorded : explicitOptions(recorded);
    }

    public void Warn(string message) => Error.WriteLine($"warning: {message}");

    /// <summary>Runs <paramref name="work"/>, drawing a progress bar over <paramref name="total"/> units when interactive.</summary>
    public void Progress(string description, long total, Action<Action<long>> work)
    {
        if (!Interactive || total <= 0)
        {
            work(_ => { });
            return;
        }
        AnsiConsole.Progress()
            .AutoClear(true)
            .Columns(new TaskDescriptionColumn(), new ProgressBarColumn(), new PercentageColumn(), new RemainingTimeColumn())
            .Start(context =>
            {
                var task = context.AddTask(description, maxValue: total);
                work(done => task.Value = Math.Min(done, total));
                task.Value = total;
            });
    }
}
