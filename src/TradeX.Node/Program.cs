namespace TradeX.Node;

/// <summary>
/// The TradeX node on its own: the main job with external clients only (<c>--load none</c>), demo, scenario,
/// config (see <see cref="NodeCommandLine"/>). The main job under simulated load is TradeX.Sim hosting the node
/// (<c>./run.sh</c>).
/// </summary>
public static class Program
{
    public static int Main(string[] args) => NodeCommandLine.Invoke(NodeCommandLine.Create(() => []), args);
}
