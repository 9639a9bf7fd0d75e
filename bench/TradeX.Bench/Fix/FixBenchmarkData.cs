using System.Text;
using TradeX.Fix.Dictionary;
using TradeX.Fix.Protocol;

namespace TradeX.Bench.Fix;

/// <summary>The messages the FIX benchmarks use, and where the FIX44.xml dictionary is found.</summary>
internal static class FixBenchmarkData
{
    /// <summary>A typical NewOrderSingle from a client: 8 body fields, the standard header.</summary>
    public static byte[] NewOrderSingle() =>
        new FixFrameBuilder("FIX.4.4").Build("D"u8, "CLIENT"u8, "TRADEX"u8, 1234, new DateTime(2026, 1, 5, 10, 0, 0, DateTimeKind.Utc),
            Encoding.ASCII.GetBytes("11=ORD-100001|1=ACC-7|21=1|55=IBM|54=1|60=20260105-10:00:00.000|38=100|40=2|44=123.45|59=0|".Replace('|', '\u0001'))).ToArray();

    /// <summary>TRADEX_FIX_DICTIONARY, else .deps/fix/FIX44.xml above the benchmark's directory (run.sh fetches it).</summary>
    public static DataDictionary Dictionary()
    {
        var env = Environment.GetEnvironmentVariable("TRADEX_FIX_DICTIONARY");
        if (!string.IsNullOrEmpty(env) && File.Exists(env)) return DataDictionaryLoader.Load(env);
        for (var dir = new DirectoryInfo(AppContext.BaseDirectory); dir is not null; dir = dir.Parent)
        {
            var candidate = Path.Combine(dir.FullName, ".deps", "fix", "FIX44.xml");
            if (File.Exists(candidate)) return DataDictionaryLoader.Load(candidate);
        }
        throw new FileNotFoundException("FIX44.xml not found: set TRADEX_FIX_DICTIONARY or run ./run.sh test once to fetch it");
    }
}
