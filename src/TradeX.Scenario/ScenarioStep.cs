using TradeX.Core;

namespace TradeX.Scenario;

/// <summary>
/// One parsed scenario line: the engine input it becomes, the time it carries, and, for venue fills
/// and statuses that name an order by its client id, the reference the runner resolves against the
/// engine when the line is applied.
/// </summary>
public sealed record ScenarioStep(int Line, EngineInput Input, long Time, ClientOrderReference? OrderReference = null);

/// <summary>An order named by account and client order id (resolved to the engine's order id at apply time).</summary>
public sealed record ClientOrderReference(AccountId Account, ClientOrderId ClientOrderId);

/// <summary>A line that could not be parsed: its number and a message saying what is wrong.</summary>
public sealed record ScenarioError(int Line, string Message)
{
    public override string ToString() => $"line {Line}: {Message}";
}
