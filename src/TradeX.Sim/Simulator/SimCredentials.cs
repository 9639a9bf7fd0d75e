using System.Text.Json;

namespace TradeX.Sim.Simulator;

/// <summary>
/// The simulator's side of a participant store: each market maker's and taker's id, secret in clear and
/// accounts, as JSON (<c>{"marketMakers": [{"participant": 1, "secret": "...", "accounts": [101]}], "takers": [...]}</c>).
/// Use it to hand a simulator process the secrets whose salted hashes the node's store holds. The file is
/// created readable by its owner only and must live outside any git work tree (it is a credential).
/// </summary>
public sealed record SimCredentials(IReadOnlyList<SimParticipant> MarketMakers, IReadOnlyList<SimParticipant> Takers)
{
    /// <summary>Names the credentials file when <c>sim --credentials</c> does not.</summary>
    public const string EnvironmentVariable = "TRADEX_SIM_CREDENTIALS";

    /// <exception cref="SimCredentialsException">The file is missing, inside a git work tree, or not a credentials file (the message names it).</exception>
    public static SimCredentials Read(string path)
    {
        string full = Path.GetFullPath(path);
        if (!File.Exists(full)) throw new SimCredentialsException($"{path}: credentials file not found");
        RefuseInsideWorkTree(path, full);
        try
        {
            using var document = JsonDocument.Parse(File.ReadAllText(full));
            var root = document.RootElement;
            if (root.ValueKind != JsonValueKind.Object) throw new SimCredentialsException($"{path}: expected a JSON object with marketMakers and takers");
            var credentials = new SimCredentials(ReadList(root, "marketMakers", path), ReadList(root, "takers", path));
            if (credentials.MarketMakers.Count + credentials.Takers.Count == 0) throw new SimCredentialsException($"{path}: no marketMakers and no takers");
            return credentials;
        }
        catch (Exception ex) when (ex is JsonException or IOException or InvalidOperationException or FormatException or UnauthorizedAccessException)
        {
            throw new SimCredentialsException($"{path}: {ex.Message}");
        }
    }

    private static List<SimParticipant> ReadList(JsonElement root, string name, string path)
    {
        if (!root.TryGetProperty(name, out var list)) return [];
        var result = new List<SimParticipant>();
        int index = 0;
        foreach (var e in list.EnumerateArray())
        {
            string where = $"{path}: {name}[{index++}]";
            if (!e.TryGetProperty("participant", out var id) || id.ValueKind != JsonValueKind.Number || !id.TryGetInt32(out int participant) || participant <= 0)
                throw new SimCredentialsException($"{where}.participant: a positive participant id is needed");
            string secret = e.TryGetProperty("secret", out var s) ? s.GetString() ?? "" : "";
            if (secret.Length == 0) throw new SimCredentialsException($"{where}.secret: missing or empty");
            var accounts = e.TryGetProperty("accounts", out var a) ? a.EnumerateArray().Select(x => x.GetInt32()).ToList() : [];
            if (accounts.Count == 0) throw new SimCredentialsException($"{where}.accounts: at least one account is needed");
            result.Add(new SimParticipant(participant, secret, accounts));
        }
        return result;
    }

    /// <summary>Writes the file, readable by its owner only.</summary>
    public void Write(string path)
    {
        RefuseInsideWorkTree(path, Path.GetFullPath(path));
        using var stream = new MemoryStream();
        using (var json = new Utf8JsonWriter(stream, new JsonWriterOptions { Indented = true }))
        {
            json.WriteStartObject();
            WriteList(json, "marketMakers", MarketMakers);
            WriteList(json, "takers", Takers);
            json.WriteEndObject();
        }
        var options = new FileStreamOptions { Mode = FileMode.Create, Access = FileAccess.Write };
        if (!OperatingSystem.IsWindows()) options.UnixCreateMode = UnixFileMode.UserRead | UnixFileMode.UserWrite;
        using var file = new FileStream(path, options);
        file.Write(stream.GetBuffer(), 0, (int)stream.Length);
    }

    private static void WriteList(Utf8JsonWriter json, string name, IReadOnlyList<SimParticipant> participants)
    {
        json.WriteStartArray(name);
        foreach (var p in participants)
        {
            json.WriteStartObject();
            json.WriteNumber("participant", p.ParticipantId);
            json.WriteString("secret", p.Secret);
            json.WriteStartArray("accounts");
            foreach (int a in p.Accounts) json.WriteNumberValue(a);
            json.WriteEndArray();
            json.WriteEndObject();
        }
        json.WriteEndArray();
    }

    // The same rule as the gateway's participant store: secrets never sit where git could commit them.
    private static void RefuseInsideWorkTree(string path, string full)
    {
        for (var dir = Path.GetDirectoryName(full); !string.IsNullOrEmpty(dir); dir = Path.GetDirectoryName(dir))
            if (Path.Exists(Path.Combine(dir, ".git")))
                throw new SimCredentialsException($"{path}: the credentials file is inside the git work tree {dir}; keep it outside the repository");
    }
}

/// <summary>A credentials file that cannot be used; the message names the file and the field.</summary>
public sealed class SimCredentialsException(string message) : Exception(message);
