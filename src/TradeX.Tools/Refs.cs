using TradeX.Core;

namespace TradeX.Tools;

/// <summary>
/// What an input or event is about: accounts, instruments, (account, client order id) pairs and engine
/// order ids. Filters (dump) and order lifecycles (audit) match on these.
/// </summary>
public sealed partial class Refs
{
    public readonly List<int> Accounts = new(2);
    public readonly List<int> Instruments = new(1);
    public readonly List<(int Account, ulong ClientOrderId)> ClientOrders = new(2);
    public readonly List<long> OrderIds = new(2);
    /// <summary>Concerns every account (the global kill switch).</summary>
    public bool AllAccounts;

    /// <summary>
    /// From the input's fields whose schema type carries tx:ref (generated from schemas/journal.xml); only the two
    /// inputs whose subject depends on another field are spelled out here.
    /// </summary>
    public static Refs Of(in EngineInput input)
    {
        var r = new Refs();
        switch (input.Kind)
        {
            case InputKind.MassCancel:
                if (input.MassCancel.Scope == MassCancelScope.Account) r.Account(input.MassCancel.Target);
                if (input.MassCancel.Scope == MassCancelScope.Instrument) r.Instrument(input.MassCancel.Target);
                if (input.MassCancel.Instrument.Value != 0) r.Instrument(input.MassCancel.Instrument.Value);
                break;
            case InputKind.KillSwitch:
                if (input.KillSwitch.Scope == KillSwitchScope.Global) r.AllAccounts = true;
                else r.Account(input.KillSwitch.Account.Value);
                break;
            default:
                r.AddSchemaRefs(in input);
                break;
        }
        return r;
    }

    public static Refs Of(in EngineEvent e)
    {
        var r = new Refs();
        switch (e.Kind)
        {
            case EventKind.OrderAccepted:
            {
                var x = e.OrderAccepted;
                r.Account(x.Account.Value);
                r.Instrument(x.Instrument.Value);
                r.ClientOrder(x.Account.Value, x.ClientOrderId.Value);
                r.Order(x.OrderId.Value);
                break;
            }
            case EventKind.OrderRejected:
                r.Account(e.OrderRejected.Account.Value);
                r.Instrument(e.OrderRejected.Instrument.Value);
                r.ClientOrder(e.OrderRejected.Account.Value, e.OrderRejected.ClientOrderId.Value);
                break;
            case EventKind.Trade:
            {
                var x = e.Trade;
                r.Instrument(x.Instrument.Value);
                if (x.BuyAccount.Value != 0)
                {
                    r.Account(x.BuyAccount.Value);
                    r.ClientOrder(x.BuyAccount.Value, x.BuyClientOrderId.Value);
                    r.Order(x.BuyOrderId.Value);
                }
                if (x.SellAccount.Value != 0)
                {
                    r.Account(x.SellAccount.Value);
                    r.ClientOrder(x.SellAccount.Value, x.SellClientOrderId.Value);
                    r.Order(x.SellOrderId.Value);
                }
                break;
            }
            case EventKind.OrderCanceled:
            {
                var x = e.OrderCanceled;
                r.Account(x.Account.Value);
                r.Instrument(x.Instrument.Value);
                r.ClientOrder(x.Account.Value, x.ClientOrderId.Value);
                r.Order(x.OrderId.Value);
                break;
            }
            case EventKind.OrderReplaced:
            {
                var x = e.OrderReplaced;
                r.Account(x.Account.Value);
                r.Instrument(x.Instrument.Value);
                r.ClientOrder(x.Account.Value, x.OrigClientOrderId.Value);
                r.ClientOrder(x.Account.Value, x.ClientOrderId.Value);
                r.Order(x.OrderId.Value);
                break;
            }
            case EventKind.CancelRejected:
            {
                var x = e.CancelRejected;
                r.Account(x.Account.Value);
                r.ClientOrder(x.Account.Value, x.OrigClientOrderId.Value);
                r.ClientOrder(x.Account.Value, x.ClientOrderId.Value);
                r.Order(x.OrderId.Value);
                break;
            }
            case EventKind.PositionChanged:
                r.Account(e.PositionChanged.Account.Value);
                r.Instrument(e.PositionChanged.Instrument.Value);
                break;
            case EventKind.ExposureChanged: r.Account(e.ExposureChanged.Account.Value); break;
            case EventKind.LimitAlert: r.Account(e.LimitAlert.Account.Value); break;
            case EventKind.KillSwitchChanged:
                if (e.KillSwitchChanged.Scope == KillSwitchScope.Global) r.AllAccounts = true;
                else r.Account(e.KillSwitchChanged.Account.Value);
                break;
            case EventKind.VenueOrderRequested:
            {
                var x = e.VenueOrderRequested;
                r.Account(x.Account.Value);
                r.Instrument(x.Instrument.Value);
                r.ClientOrder(x.Account.Value, x.ClientOrderId.Value);
                r.Order(x.OrderId.Value);
                r.Order(x.ParentOrderId.Value);
                break;
            }
            case EventKind.ChildOrderClosed:
                r.Order(e.ChildOrderClosed.ChildOrderId.Value);
                r.Order(e.ChildOrderClosed.ParentOrderId.Value);
                break;
            case EventKind.QuoteStatus:
                r.Account(e.QuoteStatus.Account.Value);
                r.Instrument(e.QuoteStatus.Instrument.Value);
                break;
            case EventKind.ProtectionTripped: r.Instrument(e.ProtectionTripped.Instrument.Value); break;
            case EventKind.ProtectionReset: r.Instrument(e.ProtectionReset.Instrument.Value); break;
            case EventKind.VenueCancelRequested:
                r.Account(e.VenueCancelRequested.Account.Value);
                r.Instrument(e.VenueCancelRequested.Instrument.Value);
                r.Order(e.VenueCancelRequested.OrderId.Value);
                break;
            case EventKind.DuplicateFillIgnored: r.Order(e.DuplicateFillIgnored.OrderId.Value); break;
            case EventKind.FillBreak:
                r.Account(e.FillBreak.Account.Value);
                r.Instrument(e.FillBreak.Instrument.Value);
                r.Order(e.FillBreak.OrderId.Value);
                break;
            case EventKind.InputAccepted: r.Subject(e.InputAccepted.Input, e.InputAccepted.Subject); break;
            case EventKind.InputRejected: r.Subject(e.InputRejected.Input, e.InputRejected.Subject); break;
        }
        return r;
    }

    private void Subject(InputKind input, long subject)
    {
        switch (input)
        {
            case InputKind.DefineInstrument or InputKind.MarkPrice: Instrument((int)subject); break;
            case InputKind.DefineAccount or InputKind.SetLimit or InputKind.KillSwitch or InputKind.AdjustCash: Account((int)subject); break;
        }
    }

    private void Account(int account)
    {
        if (!Accounts.Contains(account)) Accounts.Add(account);
    }

    private void Instrument(int instrument)
    {
        if (instrument != 0 && !Instruments.Contains(instrument)) Instruments.Add(instrument);
    }

    private void ClientOrder(int account, ulong clientOrderId)
    {
        if (clientOrderId != 0 && !ClientOrders.Contains((account, clientOrderId))) ClientOrders.Add((account, clientOrderId));
    }

    private void Order(long orderId)
    {
        if (orderId != 0 && !OrderIds.Contains(orderId)) OrderIds.Add(orderId);
    }
}
