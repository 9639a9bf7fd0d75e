namespace TradeX.Node;

public static class Program
{
    public static int Main(string[] args)
    {
        Console.Error.WriteLine("TradeX.Node: the engine demo is being built (issue 2).");
        return 2;
    }
}
