namespace TradeX.Core;

/// <summary>
/// Moves money into or out of an account's cash: a deposit (positive <see cref="Amount"/>) or a withdrawal
/// (negative), with the reference of the movement (a wire id) so the journal names it. A withdrawal may take
/// only the buying power, the cash that open orders and positions do not hold; a larger one is refused whole.
/// </summary>
public struct AdjustCash
{
    public AccountId Account;
    public Money Amount;
    /// <summary>The movement's reference, e.g. the wire id; informational (the engine does not deduplicate by it).</summary>
    public Ascii16 Reference;
}
