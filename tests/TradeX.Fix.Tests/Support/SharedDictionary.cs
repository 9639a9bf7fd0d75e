using TradeX.Fix.Dictionary;

namespace TradeX.Fix.Tests.Support;

/// <summary>FIX44.xml loaded once per test run (it is immutable).</summary>
public static class SharedDictionary
{
    private static DataDictionary? _fix44;
    private static readonly object Sync = new();

    public static DataDictionary Fix44
    {
        get
        {
            var path = TestPaths.Fix44Dictionary;
            lock (Sync) return _fix44 ??= DataDictionaryLoader.Load(path);
        }
    }
}
