namespace TradeX.Fix.Session;

/// <summary>Identifies a FIX session: BeginString, our SenderCompID, their TargetCompID (and an optional qualifier).</summary>
public sealed record SessionId(string BeginString, string SenderCompID, string TargetCompID, string Qualifier = "")
{
    public override string ToString() =>
        Qualifier.Length == 0 ? $"{BeginString}:{SenderCompID}->{TargetCompID}" : $"{BeginString}:{SenderCompID}->{TargetCompID}:{Qualifier}";

    /// <summary>The file-name form used by the store and the log: "FIX.4.4-SENDER-TARGET".</summary>
    public string FileName => Qualifier.Length == 0 ? $"{BeginString}-{SenderCompID}-{TargetCompID}" : $"{BeginString}-{SenderCompID}-{TargetCompID}-{Qualifier}";
}
