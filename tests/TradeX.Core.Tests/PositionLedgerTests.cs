using TradeX.Core;
using TradeX.Core.Book;
using TradeX.Core.Positions;
using TradeX.Core.Risk;

namespace TradeX.Core.Tests;

/// <summary>Positions and P&amp;L on their own: a ledger, an account and an instrument, without an engine.</summary>
public sealed class PositionLedgerTests
{
    private static readonly long Unit = Money.Of(1).Raw;

    private PositionLedger _ledger = null!;
    private Account _account = null!;
    private Instrument _instrument = null!;
    private int _slot;

    [SetUp]
    public void SetUp()
    {
        _ledger = new PositionLedger(capacity: 4);
        _account = new Account(id: 10, index: 0, participant: 1, EngineOptions.Small) { Cash = 1_000_000 * Unit };
        _instrument = new Instrument(id: 1, index: 0, new OrderRecord[1], initialLevels: 4) { Mark = Price.Of(100).Raw, TickSize = 1, LotSize = 1 };
        _slot = _ledger.FindOrCreate(_account, _instrument);
    }

    private ref PositionRecord Position => ref _ledger.Records[_slot];

    private void Fill(long signedQuantity, long price) => _ledger.ApplyFill(_account, _instrument, _slot, signedQuantity, Price.Of(price).Raw, Price.Of(price).Raw);

    [Test]
    public void Buying_and_selling_back_higher_realizes_the_difference_into_cash_and_pnl()
    {
        Fill(+100, 100);
        Assert.That((Position.Quantity, _account.Cash), Is.EqualTo((100L, 990_000 * Unit)));
        Assert.That(_instrument.HolderCount, Is.EqualTo(1));

        Fill(-40, 110);
        Assert.That(Position.Realized, Is.EqualTo(400 * Unit));
        Assert.That(Position.Cost, Is.EqualTo(6_000 * Unit), "the remaining 60 keep their proportional cost");
        Assert.That(_account.Realized, Is.EqualTo(400 * Unit));

        Fill(-60, 90);
        Assert.That((Position.Quantity, Position.Cost, Position.Realized), Is.EqualTo((0L, 0L, -200 * Unit)));
        Assert.That(_account.Cash, Is.EqualTo(999_800 * Unit));
        Assert.That(_instrument.HolderCount, Is.EqualTo(0), "a flat position leaves the holder list");
    }

    [Test]
    public void A_new_mark_moves_value_exposure_and_unrealized_pnl_by_the_difference()
    {
        Fill(+10, 100);
        Assert.That(_account.LongExposure, Is.EqualTo(1_000 * Unit));
        _instrument.Mark = Price.Of(120).Raw;
        _ledger.Remark(_account, _slot, _instrument.Mark);
        Assert.That((Position.Value, _account.LongExposure, _account.Unrealized), Is.EqualTo((1_200 * Unit, 1_200 * Unit, 200 * Unit)));
    }

    [Test]
    public void A_short_sale_holds_its_proceeds_and_reservation_and_buying_back_releases_them_in_proportion()
    {
        Fill(-10, 100);
        Assert.That(Position.ShortHold, Is.EqualTo(2_000 * Unit));
        Assert.That(_account.Holds, Is.EqualTo(2_000 * Unit));
        Fill(+5, 100);
        Assert.That(Position.ShortHold, Is.EqualTo(1_000 * Unit));
        Fill(+5, 100);
        Assert.That((Position.ShortHold, _account.Holds), Is.EqualTo((0L, 0L)));
    }

    [Test]
    public void A_reservation_and_its_release_leave_the_account_where_it_was()
    {
        var order = new OrderRecord { Side = Side.Buy, Leaves = 50, ReservePrice = Price.Of(100).Raw, PositionIndex = _slot };
        _ledger.Reserve(_account, ref order);
        Assert.That((Position.OpenBuyQuantity, _account.ReservedBuy, _account.LongExposure), Is.EqualTo((50L, 5_000 * Unit, 5_000 * Unit)));
        _ledger.Release(_account, ref order, 50);
        Assert.That((Position.OpenBuyQuantity, _account.ReservedBuy, _account.LongExposure, _account.Holds), Is.EqualTo((0L, 0L, 0L, 0L)));
    }

    [Test]
    public void The_table_is_fixed_a_full_one_answers_none_and_an_existing_position_is_found_again()
    {
        for (int i = 1; i < 4; i++)
            Assert.That(_ledger.FindOrCreate(_account, new Instrument(id: 1 + i, index: i, new OrderRecord[1], 4)), Is.EqualTo(i));
        Assert.That(_ledger.FindOrCreate(_account, new Instrument(id: 9, index: 9, new OrderRecord[1], 4)), Is.EqualTo(OrderStore.None));
        Assert.That(_ledger.FindOrCreate(_account, _instrument), Is.EqualTo(_slot));
        Assert.That(_ledger.TryFind(_account.Index, _instrument.Index, out int found) && found == _slot, Is.True);
    }

    [Test]
    public void Its_snapshot_section_reads_back_into_the_same_bytes()
    {
        Fill(+100, 100);
        Fill(-30, 105);
        var w = new StateWriter();
        _ledger.Save(w, [_instrument], 1);
        byte[] saved = w.WrittenSpan.ToArray();

        var account = new Account(id: 10, index: 0, participant: 1, EngineOptions.Small)
        {
            LongExposure = _account.LongExposure, ShortExposure = _account.ShortExposure, Holds = _account.Holds,
        };
        var instrument = new Instrument(id: 1, index: 0, new OrderRecord[1], 4) { Mark = _instrument.Mark };
        var restored = new PositionLedger(capacity: 4);
        var r = new StateReader(saved);
        restored.Load(r, [account], 1, [instrument], 1);
        Assert.That(r.AtEnd, Is.True);
        var again = new StateWriter();
        restored.Save(again, [instrument], 1);
        Assert.That(again.WrittenSpan.ToArray(), Is.EqualTo(saved));
        Assert.That(instrument.HolderCount, Is.EqualTo(1));
    }
}
