using TradeX.Core;

namespace TradeX.Core.Tests;

/// <summary>
/// Deposits and withdrawals move an account's cash and so its buying power; a withdrawal may take only the
/// cash that open orders and positions do not hold, so an accepted order never loses its cover.
/// </summary>
[TestFixture]
public sealed class CashAdjustmentTests
{
    private static EngineDriver Desk()
    {
        var d = new EngineDriver();
        d.Instrument(1, "ACME", reference: "100");
        d.Account(10, participant: 1, cash: 10_000);
        return d;
    }

    private static List<EngineEvent> Adjust(EngineDriver d, int account, long amount, string reference = "WIRE-1") =>
        d.Apply(EngineInput.Of(new AdjustCash { Account = new AccountId(account), Amount = Money.Of(amount), Reference = Ascii16.Create(reference) }));

    private static void AssertClean(EngineDriver d) => Assert.That(d.Engine.CheckInvariants(), Is.Empty);

    [Test]
    public void A_deposit_raises_cash_and_buying_power_and_reports_the_new_exposure()
    {
        var d = Desk();
        var events = Adjust(d, 10, 50_000);

        Assert.That(events.Select(e => e.Kind), Is.EqualTo(new[] { EventKind.InputAccepted, EventKind.ExposureChanged }));
        Assert.That((events[0].InputAccepted.Input, events[0].InputAccepted.Subject), Is.EqualTo((InputKind.AdjustCash, 10L)));
        Assert.That((events[1].ExposureChanged.Cash, events[1].ExposureChanged.BuyingPower), Is.EqualTo((Money.Of(60_000), Money.Of(60_000))));
        Assert.That(d.AccountView(10).BuyingPower, Is.EqualTo(Money.Of(60_000)));
        AssertClean(d);
    }

    [Test]
    public void Five_10k_orders_against_10k_cash_accept_one_and_a_40k_deposit_covers_the_other_four()
    {
        var d = Desk();
        var first = Enumerable.Range(0, 5).Select(_ => d.Buy(10, 1, "100", 100).Single(e => e.Kind is EventKind.OrderAccepted or EventKind.OrderRejected)).ToList();
        Assert.That(first.Count(e => e.Kind == EventKind.OrderAccepted), Is.EqualTo(1));

        Adjust(d, 10, 40_000);
        var second = Enumerable.Range(0, 4).Select(_ => d.Buy(10, 1, "100", 100).Single(e => e.Kind is EventKind.OrderAccepted or EventKind.OrderRejected)).ToList();
        Assert.That(second.Select(e => e.Kind), Is.All.EqualTo(EventKind.OrderAccepted));
        Assert.That(d.AccountView(10).BuyingPower, Is.EqualTo(Money.Zero));
        AssertClean(d);
    }

    [Test]
    public void A_withdrawal_up_to_the_buying_power_is_accepted_and_one_beyond_it_is_refused_whole()
    {
        var d = Desk();
        d.Buy(10, 1, "100", 30); // holds 3,000 of the 10,000
        Assert.That(d.AccountView(10).BuyingPower, Is.EqualTo(Money.Of(7_000)));

        var refused = Adjust(d, 10, -7_001, "WIRE-OUT-1");
        Assert.That(refused.Single().Kind, Is.EqualTo(EventKind.InputRejected));
        Assert.That(refused[0].InputRejected.Reason, Is.EqualTo(RejectReason.WithdrawalExceedsBuyingPower));
        Assert.That((int)refused[0].InputRejected.Reason, Is.EqualTo(52), "a stable code");
        Assert.That(RejectReasons.Text(RejectReason.WithdrawalExceedsBuyingPower), Is.EqualTo("withdrawal exceeds the account's buying power"));
        Assert.That(d.AccountView(10).Cash, Is.EqualTo(Money.Of(10_000)), "nothing withdrawn");

        var accepted = Adjust(d, 10, -7_000, "WIRE-OUT-2");
        Assert.That(accepted.Select(e => e.Kind), Is.EqualTo(new[] { EventKind.InputAccepted, EventKind.ExposureChanged }));
        Assert.That((d.AccountView(10).Cash, d.AccountView(10).BuyingPower), Is.EqualTo((Money.Of(3_000), Money.Zero)));
        AssertClean(d);
    }

    [Test]
    public void Zero_an_unknown_account_and_an_overflow_are_answered_with_their_codes()
    {
        var d = Desk();
        Assert.That(Adjust(d, 10, 0).Single().InputRejected.Reason, Is.EqualTo(RejectReason.InvalidCashAdjustment));
        Assert.That((int)RejectReason.InvalidCashAdjustment, Is.EqualTo(53));
        Assert.That(Adjust(d, 99, 1_000).Single().InputRejected.Reason, Is.EqualTo(RejectReason.UnknownAccount));
        var huge = d.Apply(EngineInput.Of(new AdjustCash { Account = new AccountId(10), Amount = new Money(long.MaxValue) }));
        Assert.That(huge.Single().InputRejected.Reason, Is.EqualTo(RejectReason.InvalidCashAdjustment));
        var lowest = d.Apply(EngineInput.Of(new AdjustCash { Account = new AccountId(10), Amount = new Money(long.MinValue) }));
        Assert.That(lowest.Single().InputRejected.Reason, Is.EqualTo(RejectReason.WithdrawalExceedsBuyingPower));
        Assert.That(d.AccountView(10).Cash, Is.EqualTo(Money.Of(10_000)));
        AssertClean(d);
    }

    [Test]
    public void A_replay_of_the_same_adjustments_reaches_the_same_state_hash()
    {
        var d = Desk();
        d.Buy(10, 1, "100", 30);
        Adjust(d, 10, 25_000);
        Adjust(d, 10, -40_000);
        Adjust(d, 10, -5_000);

        var replay = new EngineDriver();
        foreach (EngineInput input in d.Journal) replay.Engine.Apply(in input);
        Assert.That(replay.Engine.StateHash(), Is.EqualTo(d.Engine.StateHash()));
        Assert.That(replay.AccountView(10).Cash, Is.EqualTo(Money.Of(30_000)));
    }
}
