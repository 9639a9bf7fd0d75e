using TradeX.Core;
using TradeX.Scenario;

namespace TradeX.Node;

/// <summary><c>./run.sh scenario FILE</c>: events as JSON lines on stdout; unparsable lines as FILE:LINE: message on stderr.</summary>
public static class ScenarioCommand
{
    public static int Run(FileInfo file, TextWriter output, TextWriter errors)
    {
        if (!file.Exists)
        {
            errors.WriteLine($"error: scenario file '{file.FullName}' does not exist");
            return 2;
        }
        var runner = new ScenarioRunner(EngineOptions.Small);
        using var reader = file.OpenText();
        runner.Run(reader,
            (e, line) => output.WriteLine(EventJson.Format(in e, line)),
            error => errors.WriteLine($"{file.Name}:{error.Line}: {error.Message}"));
        output.Flush();
        errors.WriteLine($"{file.Name}: {runner.Applied} inputs applied, {runner.Errors} lines refused, state hash {runner.Engine.StateHash():x16}");
        return runner.Errors == 0 ? 0 : 1;
    }
}
