namespace TradeX.Tools;

/// <summary>The replay tool's exit codes (documented in docs/journal.md).</summary>
public static class ExitCodes
{
    /// <summary>Done; for verify: every check passed.</summary>
    public const int Ok = 0;

    /// <summary>A damaged journal or snapshot file, a torn tail, or (verify) a failed check.</summary>
    public const int Damaged = 1;

    /// <summary>Bad arguments: unknown command or option, a value that does not parse, a sequence or time outside the journal.</summary>
    public const int BadArguments = 2;

    /// <summary>The directory does not exist or holds no journal segment.</summary>
    public const int NoJournal = 3;

    /// <summary>Nothing to report: the order (audit) or account (state) does not appear in the journal.</summary>
    public const int NotFound = 4;
}
