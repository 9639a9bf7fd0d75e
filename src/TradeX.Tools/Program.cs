namespace TradeX.Tools;

/// <summary>
/// Entry point: <c>dotnet TradeX.Tools.dll [replay] verify|stats|dump|audit|state DIR ...</c>
/// (<c>./run.sh replay ...</c>). Exit codes in <see cref="ExitCodes"/>.
/// </summary>
public static class Program
{
    public static int Main(string[] args) => ReplayCli.Run(args, Console.Out, Console.Error, interactive: !Console.IsOutputRedirected);
}
