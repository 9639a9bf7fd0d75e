namespace TradeX.Core.Book;

/// <summary>The two sides of one instrument's price-time priority book.</summary>
internal sealed class OrderBook
{
    public readonly BookSide Bids;
    public readonly BookSide Asks;

    public OrderBook(OrderRecord[] orders, int initialLevels)
    {
        Bids = new BookSide(isBid: true, orders, initialLevels);
        Asks = new BookSide(isBid: false, orders, initialLevels);
    }

    public BookSide SideOf(Side side) => side == Side.Buy ? Bids : Asks;
    public BookSide Opposite(Side side) => side == Side.Buy ? Asks : Bids;
}
