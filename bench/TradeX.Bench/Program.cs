using BenchmarkDotNet.Columns;
using BenchmarkDotNet.Configs;
using BenchmarkDotNet.Running;

// Every benchmark suite in this assembly; pick with --filter, e.g.
//   dotnet run -c Release --project bench/TradeX.Bench -- --filter '*Engine*'
// The median is shown beside the mean: this machine is shared, and the median is the figure
// bench/RESULTS.md reports.
// `ring-harness` is not BenchmarkDotNet: the .NET half of bench/ring-vs-java.sh (see Disruptor/RingHarness.cs).
if (args is ["ring-harness", ..])
{
    Environment.ExitCode = TradeX.Bench.Disruptor.RingHarness.Run(args[1..]);
    return;
}
BenchmarkSwitcher.FromAssembly(typeof(Program).Assembly)
    .Run(args, DefaultConfig.Instance.AddColumn(StatisticColumn.Median));
