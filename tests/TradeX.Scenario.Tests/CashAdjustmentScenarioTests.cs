using TradeX.Core;

namespace TradeX.Scenario.Tests;

/// <summary>The scenario language's deposit and withdraw lines, and the cash-adjustment scenario file.</summary>
public sealed class CashAdjustmentScenarioTests
{
    private static object? Parse(string line) => new ScenarioParser().Parse(line, 7);

    [Test]
    public void Deposit_and_withdraw_become_cash_adjustments_of_opposite_sign()
    {
        var deposit = ((ScenarioStep)Parse("deposit account=10 amount=50k ref=WIRE-1")!).Input;
        Assert.That(deposit.Kind, Is.EqualTo(InputKind.AdjustCash));
        Assert.That((deposit.AdjustCash.Account.Value, deposit.AdjustCash.Amount, deposit.AdjustCash.Reference.ToString()),
            Is.EqualTo((10, Money.Of(50_000), "WIRE-1")));

        var withdrawal = ((ScenarioStep)Parse("withdraw account=10 amount=$2.5M")!).Input;
        Assert.That((withdrawal.AdjustCash.Amount, withdrawal.AdjustCash.Reference.IsEmpty), Is.EqualTo((new Money(-2_500_000 * FixedPoint.Scale), true)));
    }

    [TestCase("deposit account=10 amount=-5", "'deposit' needs a positive amount=")]
    [TestCase("withdraw account=10 amount=0", "'withdraw' needs a positive amount=")]
    [TestCase("deposit account=10", "missing 'amount='")]
    [TestCase("deposit account=10 amount=5 ref=THIS-REFERENCE-IS-TOO-LONG", "ref 'THIS-REFERENCE-IS-TOO-LONG' must be 1-16 printable ASCII characters")]
    [TestCase("withdraw account=10 amount=5 memo=x", "'withdraw' does not take 'memo'")]
    public void A_malformed_cash_line_is_an_error_naming_the_problem(string line, string message)
    {
        var error = (ScenarioError)Parse(line)!;
        Assert.That(error.Line, Is.EqualTo(7));
        Assert.That(error.Message, Does.StartWith(message));
    }

    [Test]
    public void The_cash_adjustment_scenario_refuses_withdrawals_beyond_the_buying_power()
    {
        var dir = new DirectoryInfo(TestContext.CurrentContext.TestDirectory);
        while (dir is not null && !File.Exists(Path.Combine(dir.FullName, "TradeX.Core.sln"))) dir = dir.Parent;
        var runner = new ScenarioRunner();
        var events = new List<EngineEvent>();
        var errors = new List<ScenarioError>();
        using (var reader = File.OpenText(Path.Combine(dir!.FullName, "scenarios", "cash-adjustment.txt")))
            runner.Run(reader, (e, _) => events.Add(e), errors.Add);

        Assert.That(errors, Is.Empty);
        Assert.That(events.Count(e => e.Kind == EventKind.OrderAccepted), Is.EqualTo(5));
        Assert.That(events.Where(e => e.Kind == EventKind.OrderRejected).Select(e => e.OrderRejected.ClientOrderId.Value), Is.EqualTo(new[] { 2UL }));
        var cash = events.Where(e => (e.Kind == EventKind.InputAccepted && e.InputAccepted.Input == InputKind.AdjustCash) ||
                                     (e.Kind == EventKind.InputRejected && e.InputRejected.Input == InputKind.AdjustCash)).ToList();
        Assert.That(cash.Select(e => e.Kind == EventKind.InputAccepted ? "ok" : ((int)e.InputRejected.Reason).ToString()), Is.EqualTo(new[] { "ok", "52", "ok", "52" }));
        var account = runner.Engine.GetAccount(new AccountId(10))!;
        Assert.That((account.Cash, account.BuyingPower), Is.EqualTo((Money.Of(40_000), Money.Zero)));
        Assert.That(runner.Engine.CheckInvariants(), Is.Empty);
    }
}
