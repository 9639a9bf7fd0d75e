namespace TradeX.Tools;

/// <summary>A problem the tool reports with one message and an exit code, without a stack trace.</summary>
public sealed class ToolException(int exitCode, string message) : Exception(message)
{
    public int ExitCode { get; } = exitCode;
}
