using BenchmarkDotNet.Running;

// Every benchmark suite in this assembly; pick with --filter, e.g.
//   dotnet run -c Release --project bench/TradeX.Bench -- --filter '*Engine*'
BenchmarkSwitcher.FromAssembly(typeof(Program).Assembly).Run(args);
