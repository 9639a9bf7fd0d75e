using System.Text.Json;

namespace TradeX.Gateway.Participants;

/// <summary>A participant as an operator or a test defines it, with its secret in clear (hashed when written).</summary>
public sealed record ParticipantDefinition(int Id, string Secret, IReadOnlyList<int> Accounts)
{
    public string? Name { get; init; }
    public CancelOnDisconnect CancelOnDisconnect { get; init; } = CancelOnDisconnect.QuotesOnly;
    public int MessagesPerSecond { get; init; }
    public IReadOnlyList<ProtectionSetting> Protection { get; init; } = [];
    /// <summary>PBKDF2 iterations for the stored hash (tests lower it to keep negotiation quick).</summary>
    public int HashIterations { get; init; } = SecretHash.DefaultIterations;
}

/// <summary>
/// Writes participant files: each secret becomes a salted hash, and the file is created readable by
/// its owner only. Used by tests, the simulator's set-up and operators (`TradeX.Sim hash-secret`).
/// </summary>
public static class ParticipantStoreFile
{
    public static void Write(string path, IEnumerable<ParticipantDefinition> participants)
    {
        using var stream = new MemoryStream();
        using (var json = new Utf8JsonWriter(stream, new JsonWriterOptions { Indented = true }))
        {
            json.WriteStartObject();
            json.WriteStartArray("participants");
            foreach (var p in participants)
            {
                json.WriteStartObject();
                json.WriteNumber("id", p.Id);
                json.WriteString("name", p.Name ?? $"participant-{p.Id}");
                json.WriteString("secret", SecretHash.Create(p.Secret, p.HashIterations));
                json.WriteStartArray("accounts");
                foreach (int a in p.Accounts) json.WriteNumberValue(a);
                json.WriteEndArray();
                json.WriteString("cancelOnDisconnect", p.CancelOnDisconnect switch
                {
                    CancelOnDisconnect.None => "none",
                    CancelOnDisconnect.All => "all",
                    _ => "quotes",
                });
                json.WriteNumber("messagesPerSecond", p.MessagesPerSecond);
                json.WriteStartArray("protection");
                foreach (var s in p.Protection)
                {
                    json.WriteStartObject();
                    json.WriteNumber("instrument", s.Instrument);
                    json.WriteNumber("windowMillis", Math.Max(1, s.WindowNanos / 1_000_000));
                    json.WriteNumber("maxQuantity", s.MaxQuantity);
                    json.WriteNumber("maxFills", s.MaxFills);
                    json.WriteEndObject();
                }
                json.WriteEndArray();
                json.WriteEndObject();
            }
            json.WriteEndArray();
            json.WriteEndObject();
        }
        var options = new FileStreamOptions { Mode = FileMode.Create, Access = FileAccess.Write };
        if (!OperatingSystem.IsWindows()) options.UnixCreateMode = UnixFileMode.UserRead | UnixFileMode.UserWrite;
        using var file = new FileStream(path, options);
        file.Write(stream.GetBuffer(), 0, (int)stream.Length);
    }
}
