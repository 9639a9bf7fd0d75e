using System.Diagnostics;
using System.Globalization;

namespace TradeX.Metrics.Tests.Interop;

/// <summary>
/// Runs HdrInterop.java against Debian's libhdrhistogram-java: the real HdrHistogram, not a mock.
/// Ignores the calling test (with the reason) when java, javac or the jar is missing.
/// </summary>
internal static class JavaPeer
{
    private static readonly Lazy<string> Classes = new(Compile);

    public static string Jar => Environment.GetEnvironmentVariable("TRADEX_HDRHISTOGRAM_JAR") ?? "/usr/share/java/hdrhistogram.jar";

    public static void RequireOrIgnore()
    {
        string? missing = FindOnPath("java") is null ? "java"
            : FindOnPath("javac") is null ? "javac"
            : !File.Exists(Jar) ? Jar
            : null;
        if (missing is not null)
        {
            Assert.Ignore($"HdrHistogram interop needs {missing}; ./run.sh test installs default-jdk-headless and libhdrhistogram-java (Debian).");
        }
        _ = Classes.Value;
    }

    /// <summary>Deletes the compiled classes (called once the interop fixture is done).</summary>
    public static void DeleteCompiledClasses()
    {
        if (Classes.IsValueCreated && Directory.Exists(Classes.Value))
        {
            Directory.Delete(Classes.Value, recursive: true);
        }
    }

    public static JavaReport Run(params string[] arguments) => new(Execute("java", ["-cp", $"{Jar}:{Classes.Value}", "HdrInterop", .. arguments]));

    private static string Compile()
    {
        string output = Path.Combine(Path.GetTempPath(), $"tradex-hdr-interop-{Environment.ProcessId}");
        Directory.CreateDirectory(output);
        string source = Path.Combine(AppContext.BaseDirectory, "Interop", "HdrInterop.java");
        Execute("javac", ["-d", output, "-cp", Jar, source]);
        return output;
    }

    private static string Execute(string program, string[] arguments)
    {
        var start = new ProcessStartInfo(program) { RedirectStandardOutput = true, RedirectStandardError = true, UseShellExecute = false };
        foreach (string argument in arguments)
        {
            start.ArgumentList.Add(argument);
        }
        using Process process = Process.Start(start)!;
        Task<string> stderr = process.StandardError.ReadToEndAsync();
        string stdout = process.StandardOutput.ReadToEnd();
        if (!process.WaitForExit(120_000))
        {
            process.Kill(entireProcessTree: true);
            Assert.Fail($"{program} did not finish within two minutes");
        }
        if (process.ExitCode != 0)
        {
            Assert.Fail($"{program} {string.Join(' ', arguments)} failed with exit code {process.ExitCode}:\n{stderr.Result}");
        }
        return stdout;
    }

    private static string? FindOnPath(string program) =>
        (Environment.GetEnvironmentVariable("PATH") ?? string.Empty).Split(Path.PathSeparator)
            .Select(dir => Path.Combine(dir, program))
            .FirstOrDefault(File.Exists);
}

/// <summary>What HdrInterop.java printed, parsed.</summary>
internal sealed class JavaReport
{
    public JavaReport(string stdout)
    {
        Raw = stdout;
        string[] lines = stdout.Split('\n');
        int hgrmStart = Array.IndexOf(lines, "HGRM-BEGIN");
        int hgrmEnd = Array.IndexOf(lines, "HGRM-END");
        if (hgrmStart >= 0 && hgrmEnd > hgrmStart)
        {
            Hgrm = string.Join('\n', lines[(hgrmStart + 1)..hgrmEnd]) + "\n";
        }
        foreach (string line in lines.Where((_, i) => hgrmStart < 0 || i < hgrmStart || i > hgrmEnd))
        {
            string[] parts = line.Split(' ');
            switch (parts[0])
            {
                case "PLAIN": PlainHex = parts[1]; break;
                case "COMPRESSED": CompressedBase64 = parts[1]; break;
                case "TOTAL": Totals.Add(long.Parse(parts[1], CultureInfo.InvariantCulture)); break;
                case "MAX": Maxima.Add(long.Parse(parts[1], CultureInfo.InvariantCulture)); break;
                case "MIN": Minima.Add(long.Parse(parts[1], CultureInfo.InvariantCulture)); break;
                case "MEAN": MeanBits.Add(long.Parse(parts[1], CultureInfo.InvariantCulture)); break;
                case "P": Percentiles.Add((double.Parse(parts[1], CultureInfo.InvariantCulture), long.Parse(parts[2], CultureInfo.InvariantCulture))); break;
                case "V": Values.Add((long.Parse(parts[1], CultureInfo.InvariantCulture), long.Parse(parts[2], CultureInfo.InvariantCulture))); break;
                case "INTERVAL": Intervals.Add(line); break;
                case "STARTTIME": StartTimeSeconds = double.Parse(parts[1], CultureInfo.InvariantCulture); break;
            }
        }
    }

    public string Raw { get; }

    public string? Hgrm { get; }

    public string? PlainHex { get; }

    public string? CompressedBase64 { get; }

    public double? StartTimeSeconds { get; }

    public List<long> Totals { get; } = [];

    public List<long> Maxima { get; } = [];

    public List<long> Minima { get; } = [];

    public List<long> MeanBits { get; } = [];

    public List<(double Percentile, long Value)> Percentiles { get; } = [];

    public List<(long Value, long Count)> Values { get; } = [];

    public List<string> Intervals { get; } = [];
}
