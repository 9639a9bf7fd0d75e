namespace TradeX.Gateway.Participants;

/// <summary>What the gateway cancels through the engine when a session's connection drops.</summary>
public enum CancelOnDisconnect
{
    /// <summary>Nothing: orders and quotes keep working.</summary>
    None = 0,
    /// <summary>The session's quotes; its orders keep working (the usual market-maker setting).</summary>
    QuotesOnly = 1,
    /// <summary>Every open order and quote the session entered.</summary>
    All = 2,
}

/// <summary>Market-maker protection bounds, sent to the engine as a SetProtection input when the gateway starts.</summary>
/// <param name="Instrument">The instrument, or 0 for the participant's default in every instrument.</param>
/// <param name="WindowNanos">The sliding window of engine time in which fills are counted.</param>
/// <param name="MaxQuantity">Filled quantity in the window above which quotes are pulled (0 = no bound).</param>
/// <param name="MaxFills">Number of fills in the window above which quotes are pulled (0 = no bound).</param>
public sealed record ProtectionSetting(int Instrument, long WindowNanos, long MaxQuantity, int MaxFills);

/// <summary>
/// A participant (a market-maker firm or desk) as the participant store describes it: who it is, the
/// salted hash of its secret, the accounts it may trade, its protection and its session options.
/// </summary>
public sealed class Participant
{
    private readonly int[] _accounts;

    public Participant(int id, string name, string secretHash, IEnumerable<int> accounts, CancelOnDisconnect cancelOnDisconnect,
        int messagesPerSecond, IEnumerable<ProtectionSetting> protection)
    {
        Id = id;
        Name = name;
        SecretHash = secretHash;
        _accounts = accounts.Distinct().Order().ToArray();
        CancelOnDisconnect = cancelOnDisconnect;
        MessagesPerSecond = messagesPerSecond;
        Protection = protection.ToArray();
    }

    public int Id { get; }
    public string Name { get; }

    /// <summary>The secret's salted hash (<see cref="Participants.SecretHash"/> form); never the secret itself.</summary>
    public string SecretHash { get; }

    public IReadOnlyList<int> Accounts => _accounts;
    public CancelOnDisconnect CancelOnDisconnect { get; }

    /// <summary>Application messages per second each of its sessions may send (0 = unlimited).</summary>
    public int MessagesPerSecond { get; }

    public IReadOnlyList<ProtectionSetting> Protection { get; }

    /// <summary>Whether the participant may trade <paramref name="account"/> (no allocation: the gateway asks on every message).</summary>
    public bool Owns(long account)
    {
        if (account <= 0 || account > int.MaxValue) return false;
        return Array.BinarySearch(_accounts, (int)account) >= 0;
    }
}
