using System.CommandLine;
using System.Globalization;
using System.Net;
using System.Net.Sockets;
using TradeX.Disruptor;
using TradeX.Node.Config;
using TradeX.Sim.Load;
using TradeX.Sim.Placement;
using TradeX.Sim.Simulator;

namespace TradeX.Sim;

/// <summary>
/// <c>sim --connect HOST:PORT</c>: the market-maker simulator as a process of its own against a running node's
/// gateway, so the node's figures are not the client's; the main job starts it this way. <c>sim-credentials DIR</c>
/// writes a participant store for a node started by hand and the secrets for <c>sim</c>. Exit codes: 0 the run
/// completed, 1 it could not connect or could not write its report, 2 bad arguments or files.
/// </summary>
public static class SimCommand
{
    public static Command Create()
    {
        var connect = new Option<string>("--connect") { Description = "The node's gateway, HOST:PORT (the main job prints it: \"Gateway listening on ...\").", Required = true };
        var credentials = new Option<string?>("--credentials")
        {
            Description = $"The market makers' and takers' secrets (JSON, outside the repository; ./run.sh sim-credentials writes one). Default: the file {SimCredentials.EnvironmentVariable} names.",
        };
        var config = new Option<string?>("--config") { Description = "A node configuration file: its simulator section, instruments and accounts (the embedded default where it is silent)." };
        var duration = new Option<double?>("--duration") { Description = "Seconds to run, warm-up included (default from the configuration: 20)." };
        var rate = new Option<double?>("--rate") { Description = "Taker requests per second over all takers (default from the configuration)." };
        var core = new Option<int?>("--core") { Description = "Pin the whole process (every thread) to this core." };
        var receive = new Option<string?>("--receive")
        {
            Description = "How the clients wait for responses: busy-poll (spin on non-blocking sockets, as a market maker's client on a core of its own does; " +
                          "the node's sends then wake no sleeping thread) or block. Default: busy-poll with --core, block without.",
        };
        receive.AcceptOnlyFromAmong("busy-poll", "block");
        var reportJson = new Option<string?>("--report-json") { Description = "Also write the results as JSON: counts, rejects, each latency histogram whole (HDR, base64) and its percentiles." };
        var untilStdinCloses = new Option<bool>("--until-stdin-closes") { Description = "Stop early when standard input closes (how the main job stops its child).", Hidden = true };
        var sim = new Command("sim", "Run the market-maker simulator as its own process against a running node's gateway and print latency as the market makers see it.")
        {
            connect, credentials, config, duration, rate, core, receive, reportJson, untilStdinCloses,
        };
        sim.SetAction(r => Run(r.GetValue(connect)!, r.GetValue(credentials), r.GetValue(config), r.GetValue(duration), r.GetValue(rate), r.GetValue(core),
            r.GetValue(reportJson), r.GetValue(receive), r.GetValue(untilStdinCloses), Console.Out, Console.Error));
        return sim;
    }

    public static Command CreateCredentials()
    {
        var directory = new Argument<string>("directory") { Description = "Where to write participants.json (the node's store) and credentials.json (the simulator's secrets); outside the repository." };
        var config = new Option<string?>("--config") { Description = "A node configuration file naming the simulator's participants and their accounts." };
        var command = new Command("sim-credentials", "Write a participant store with fresh random secrets for the configuration's market makers and takers, and the secrets for sim.")
        {
            directory, config,
        };
        command.SetAction(r => WriteCredentials(r.GetValue(directory)!, r.GetValue(config), Console.Out, Console.Error));
        return command;
    }

    public static int Run(string connect, string? credentialsFile, string? configFile, double? durationSeconds, double? ratePerSecond, int? core, string? reportJson,
        string? receive, bool untilStdinCloses, TextWriter output, TextWriter errors)
    {
        if (!TryEndpoint(connect, out var endpoint, out string? problem))
        {
            errors.WriteLine($"error: --connect {problem}");
            return 2;
        }
        credentialsFile ??= Environment.GetEnvironmentVariable(SimCredentials.EnvironmentVariable);
        if (string.IsNullOrWhiteSpace(credentialsFile))
        {
            errors.WriteLine($"error: no credentials: give --credentials FILE or set {SimCredentials.EnvironmentVariable} (./run.sh sim-credentials DIR writes one with the node's participant store)");
            return 2;
        }
        if (core is { } c && ProcessAffinity.Refusal(c, "--core") is { } refused)
        {
            errors.WriteLine($"error: {refused}");
            return 2;
        }
        SimulatorOptions options;
        try
        {
            var node = LoadConfig(configFile, durationSeconds, ratePerSecond);
            options = SimulatorConfiguration.Options(node, endpoint!, SimCredentials.Read(credentialsFile));
            // A client on a core of its own spins on its sockets; a sleeping one would make every response wake it.
            options = options with { BusyPollReceive = receive is null ? core is not null : receive == "busy-poll" };
        }
        catch (Exception ex) when (ex is ConfigException or SimCredentialsException)
        {
            errors.WriteLine($"error: {ex.Message}");
            return 2;
        }

        string placement = core is { } pin
            ? ProcessAffinity.PinWholeProcess(pin, $"simulator process {Environment.ProcessId}").Message
            : $"simulator process {Environment.ProcessId} not pinned (may use cores [{string.Join(",", CpuAffinity.AllowedCores())}]; --core N pins it)";
        errors.WriteLine($"sim: {placement}; responses read by {(options.BusyPollReceive ? "one thread busy-polling every session's socket" : "a blocking thread per session")} (--receive)");
        errors.WriteLine($"sim: {options.MarketMakers.Count} market makers, {options.Takers.Count} takers to {options.Endpoint} for {(options.Warmup + options.Duration).TotalSeconds:0.#} s " +
                         $"({options.Warmup.TotalSeconds:0.#} s warm-up); Ctrl-C stops early");

        using var cancel = new CancellationTokenSource();
        ConsoleCancelEventHandler onCancel = (_, e) =>
        {
            e.Cancel = true;   // a clean stop: the simulator ends its run and reports
            cancel.Cancel();
        };
        Console.CancelKeyPress += onCancel;
        if (untilStdinCloses) WatchStandardInput(cancel);
        SimulatorResult result;
        try
        {
            result = MarketMakerSimulator.Run(options, cancel.Token);
        }
        catch (Exception ex) when (ex is Client.OrderEntrySessionException or SocketException or IOException or TimeoutException)
        {
            errors.WriteLine($"error: {options.Endpoint}: {ex.Message}");
            return 1;
        }
        finally
        {
            Console.CancelKeyPress -= onCancel;
        }
        output.Write(result.Describe());
        if (reportJson is not null)
        {
            try
            {
                SimulatorResultFile.Write(reportJson, result, placement);
            }
            catch (Exception ex) when (ex is IOException or UnauthorizedAccessException)
            {
                errors.WriteLine($"error: --report-json {reportJson}: {ex.Message}");
                return 1;
            }
        }
        return 0;
    }

    /// <summary>The configuration as the main job reads it, with the same command-line changes (<c>--duration</c> shortens the warm-up to a quarter at most).</summary>
    private static NodeConfig LoadConfig(string? file, double? durationSeconds, double? ratePerSecond)
    {
        var config = NodeConfig.Load(file);
        config.Run.Load = "simulator";
        if (durationSeconds is { } d)
        {
            config.Run.DurationSeconds = d;
            config.Simulator.WarmupSeconds = Math.Min(config.Simulator.WarmupSeconds, d / 4);
        }
        if (ratePerSecond is { } r) config.Simulator.OrdersPerSecond = r;
        config.Revalidate(file);
        return config;
    }

    private static void WatchStandardInput(CancellationTokenSource cancel)
    {
        var watcher = new Thread(() =>
        {
            try
            {
                using var input = Console.OpenStandardInput();
                var buffer = new byte[256];
                while (input.Read(buffer, 0, buffer.Length) > 0)
                {
                }
            }
            catch (IOException)
            {
                // A broken pipe is a closed one.
            }
            cancel.Cancel();
        })
        { Name = "stdin-watch", IsBackground = true };
        watcher.Start();
    }

    private static bool TryEndpoint(string text, out IPEndPoint? endpoint, out string? problem)
    {
        endpoint = null;
        problem = null;
        int colon = text.LastIndexOf(':');
        if (colon <= 0 || !int.TryParse(text.AsSpan(colon + 1), NumberStyles.None, CultureInfo.InvariantCulture, out int port) || port is < 1 or > 65535)
        {
            problem = $"'{text}' is not HOST:PORT (a port 1-65535)";
            return false;
        }
        string host = text[..colon].Trim('[', ']');
        if (IPAddress.TryParse(host, out var address))
        {
            endpoint = new IPEndPoint(address, port);
            return true;
        }
        try
        {
            var addresses = Dns.GetHostAddresses(host);
            var chosen = addresses.FirstOrDefault(a => a.AddressFamily == AddressFamily.InterNetwork) ?? addresses.FirstOrDefault();
            if (chosen is not null)
            {
                endpoint = new IPEndPoint(chosen, port);
                return true;
            }
            problem = $"'{host}' has no address";
        }
        catch (SocketException ex)
        {
            problem = $"'{host}': {ex.Message}";
        }
        return false;
    }

    private static int WriteCredentials(string directory, string? configFile, TextWriter output, TextWriter errors)
    {
        NodeConfig config;
        try
        {
            config = LoadConfig(configFile, null, null);
        }
        catch (ConfigException ex)
        {
            errors.WriteLine($"error: {ex.Message}");
            return 2;
        }
        string store = Path.Combine(directory, SimulatorConfiguration.StoreFile), secrets = Path.Combine(directory, SimulatorConfiguration.CredentialsFile);
        try
        {
            Directory.CreateDirectory(directory);
            var credentials = SimulatorConfiguration.WriteParticipants(config, directory);
            TradeX.Gateway.Participants.ParticipantStore.Load(store);   // the node's own check: outside any git work tree, well formed
            credentials.Write(secrets);
        }
        catch (Exception ex) when (ex is TradeX.Gateway.Participants.ParticipantStoreException or SimCredentialsException or IOException or UnauthorizedAccessException)
        {
            if (File.Exists(store)) File.Delete(store);
            errors.WriteLine($"error: {ex.Message}");
            return 2;
        }
        output.WriteLine($"wrote {store} (the node's participant store: salted hashes) and {secrets} (the simulator's secrets, readable by you only)");
        output.WriteLine($"  node:      TRADEX_PARTICIPANTS={store} ./run.sh --load none --duration 120{(configFile is null ? "" : $" --config {configFile}")}");
        output.WriteLine($"  simulator: ./run.sh sim --connect 127.0.0.1:PORT --credentials {secrets}{(configFile is null ? "" : $" --config {configFile}")} --core 1");
        return 0;
    }
}
