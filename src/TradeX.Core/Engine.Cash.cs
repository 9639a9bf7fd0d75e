using TradeX.Core.Risk;

namespace TradeX.Core;

public sealed partial class Engine
{
    /// <summary>
    /// A deposit or withdrawal: the account's cash moves by the amount, and with it the buying power (cash less
    /// what open orders and positions hold). A withdrawal may take the buying power and no more, so an order
    /// already accepted can never find its reservation uncovered; a larger one is refused whole. Journaled like
    /// every input, with its reference.
    /// </summary>
    private void OnAdjustCash(in AdjustCash c)
    {
        Account? account = FindAccount(c.Account.Value);
        if (account is null) { RejectInput(InputKind.AdjustCash, RejectReason.UnknownAccount, c.Account.Value); return; }
        Int128 cash = (Int128)account.Cash + c.Amount.Raw;
        if (c.Amount.Raw == 0 || cash > long.MaxValue || cash < long.MinValue)
        {
            RejectInput(InputKind.AdjustCash, RejectReason.InvalidCashAdjustment, c.Account.Value);
            return;
        }
        if (c.Amount.Raw < 0 && cash < account.Holds)
        {
            RejectInput(InputKind.AdjustCash, RejectReason.WithdrawalExceedsBuyingPower, c.Account.Value);
            return;
        }
        account.Cash = (long)cash;
        AcceptInput(InputKind.AdjustCash, c.Account.Value);
        PublishExposure(account);
    }
}
