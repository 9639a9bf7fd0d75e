using System.Runtime.CompilerServices;

namespace TradeX.Core;

public sealed partial class Engine
{
    /// <summary>A fill moves its position and account (<see cref="PositionLedger.ApplyFill"/>).</summary>
    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    private void ApplyFill(Account a, int positionSlot, long signedQuantity, long price, long reservePrice) =>
        _ledger.ApplyFill(a, _instruments[_positions[positionSlot].InstrumentIndex], positionSlot, signedQuantity, price, reservePrice);

    /// <summary>A new mark revalues only the positions that hold the instrument: cost ∝ holders, not accounts.</summary>
    private void OnMarkPrice(in MarkPrice m)
    {
        Instrument? instrument = FindInstrument(m.Instrument.Value);
        if (instrument is null) { RejectInput(InputKind.MarkPrice, RejectReason.UnknownInstrument, m.Instrument.Value); return; }
        if (m.Price.Raw <= 0) { RejectInput(InputKind.MarkPrice, RejectReason.InvalidPrice, m.Instrument.Value); return; }
        if (m.Price.Raw == instrument.Mark) return;
        instrument.Mark = m.Price.Raw;
        for (int slot = instrument.HolderHead; slot != None; slot = _positions[slot].HolderNext)
        {
            Account a = _accounts[_positions[slot].AccountIndex];
            _ledger.Remark(a, slot, m.Price.Raw);
            PublishExposure(a);
        }
    }
}
