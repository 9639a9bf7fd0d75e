using System.Globalization;
using System.Text.Json;

namespace TradeX.Gateway.Participants;

/// <summary>A participant file that cannot be used; the message names the file and the field.</summary>
public sealed class ParticipantStoreException(string message) : Exception(message);

/// <summary>
/// The participants the gateway admits, read from a JSON file kept outside the repository: its path is
/// given by the host or by the environment variable <see cref="EnvironmentVariable"/>. Secrets are
/// stored as salted hashes only (<see cref="SecretHash"/>). Format and fields: docs/gateway.md,
/// "Participant store". Unknown fields, bad values and duplicate ids stop loading with the field named;
/// a file inside a git work tree is refused, so secrets cannot be committed by accident.
/// </summary>
public sealed class ParticipantStore
{
    public const string EnvironmentVariable = "TRADEX_PARTICIPANTS";

    private readonly Dictionary<int, Participant> _byId;

    public ParticipantStore(IEnumerable<Participant> participants, string source = "(in memory)")
    {
        Source = source;
        Participants = participants.ToArray();
        _byId = new Dictionary<int, Participant>();
        foreach (var p in Participants)
        {
            if (!_byId.TryAdd(p.Id, p)) throw new ParticipantStoreException($"{source}: participant {p.Id} is defined twice");
        }
    }

    /// <summary>Where the participants came from (a file path), for messages.</summary>
    public string Source { get; }

    public IReadOnlyList<Participant> Participants { get; }

    public Participant? Find(long id) => id is > 0 and <= int.MaxValue && _byId.TryGetValue((int)id, out var p) ? p : null;

    /// <summary>Loads the file named by <see cref="EnvironmentVariable"/>.</summary>
    public static ParticipantStore LoadFromEnvironment()
    {
        string? path = Environment.GetEnvironmentVariable(EnvironmentVariable);
        if (string.IsNullOrWhiteSpace(path)) throw new ParticipantStoreException($"{EnvironmentVariable} is not set: it must name the participant file");
        return Load(path);
    }

    /// <summary>Loads and validates a participant file.</summary>
    /// <param name="allowInsideRepository">Accept a file inside a git work tree (never for real secrets).</param>
    public static ParticipantStore Load(string path, bool allowInsideRepository = false)
    {
        string full = Path.GetFullPath(path);
        if (!File.Exists(full)) throw new ParticipantStoreException($"{path}: participant file not found");
        if (!allowInsideRepository && FindRepositoryRoot(full) is { } repository)
            throw new ParticipantStoreException($"{path}: the participant file is inside the git work tree {repository}; keep it outside the repository");
        string json;
        try
        {
            json = File.ReadAllText(full);
        }
        catch (IOException ex)
        {
            throw new ParticipantStoreException($"{path}: {ex.Message}");
        }
        return Parse(json, path);
    }

    /// <summary>Parses the JSON text of a participant file; <paramref name="source"/> names it in errors.</summary>
    public static ParticipantStore Parse(string json, string source)
    {
        JsonDocument document;
        try
        {
            document = JsonDocument.Parse(json, new JsonDocumentOptions { CommentHandling = JsonCommentHandling.Skip, AllowTrailingCommas = true });
        }
        catch (JsonException ex)
        {
            throw new ParticipantStoreException($"{source}: not valid JSON: {ex.Message}");
        }
        using (document)
        {
            var root = document.RootElement;
            if (root.ValueKind != JsonValueKind.Object) throw Error(source, "(root)", "must be an object");
            CheckFields(source, "(root)", root, "participants");
            if (!root.TryGetProperty("participants", out var list) || list.ValueKind != JsonValueKind.Array)
                throw Error(source, "participants", "must be an array");
            var participants = new List<Participant>();
            int index = 0;
            foreach (var item in list.EnumerateArray())
            {
                participants.Add(ParseParticipant(source, $"participants[{index}]", item));
                index++;
            }
            var duplicate = participants.GroupBy(p => p.Id).FirstOrDefault(g => g.Count() > 1);
            if (duplicate is not null) throw Error(source, "participants", $"participant id {duplicate.Key} appears twice");
            var sharedAccount = participants.SelectMany(p => p.Accounts.Select(a => (Account: a, p.Id))).GroupBy(x => x.Account).FirstOrDefault(g => g.Count() > 1);
            if (sharedAccount is not null)
                throw Error(source, "participants", $"account {sharedAccount.Key} is listed by participants {string.Join(" and ", sharedAccount.Select(x => x.Id))}");
            return new ParticipantStore(participants, source);
        }
    }

    private static Participant ParseParticipant(string source, string path, JsonElement e)
    {
        if (e.ValueKind != JsonValueKind.Object) throw Error(source, path, "must be an object");
        CheckFields(source, path, e, "id", "name", "secret", "accounts", "cancelOnDisconnect", "messagesPerSecond", "protection");
        int id = RequiredInt(source, path, e, "id", min: 1);
        string name = e.TryGetProperty("name", out var n) ? String(source, $"{path}.name", n) : $"participant-{id}";
        if (!e.TryGetProperty("secret", out var s)) throw Error(source, $"{path}.secret", "is required (a salted hash: pbkdf2-sha256$ITERATIONS$SALT$HASH)");
        string secret = String(source, $"{path}.secret", s);
        if (!SecretHash.IsWellFormed(secret, out string hashError)) throw Error(source, $"{path}.secret", hashError);

        if (!e.TryGetProperty("accounts", out var accountsElement) || accountsElement.ValueKind != JsonValueKind.Array)
            throw Error(source, $"{path}.accounts", "must be an array of account ids");
        var accounts = new List<int>();
        int a = 0;
        foreach (var account in accountsElement.EnumerateArray())
        {
            accounts.Add(Int(source, $"{path}.accounts[{a}]", account, min: 1));
            a++;
        }
        if (accounts.Count == 0) throw Error(source, $"{path}.accounts", "must name at least one account");

        var cod = CancelOnDisconnect.QuotesOnly;
        if (e.TryGetProperty("cancelOnDisconnect", out var c))
        {
            cod = String(source, $"{path}.cancelOnDisconnect", c) switch
            {
                "none" => CancelOnDisconnect.None,
                "quotes" => CancelOnDisconnect.QuotesOnly,
                "all" => CancelOnDisconnect.All,
                var other => throw Error(source, $"{path}.cancelOnDisconnect", $"'{other}' is not one of none, quotes, all"),
            };
        }
        int rate = e.TryGetProperty("messagesPerSecond", out var r) ? Int(source, $"{path}.messagesPerSecond", r, min: 0) : 0;

        var protection = new List<ProtectionSetting>();
        if (e.TryGetProperty("protection", out var p))
        {
            if (p.ValueKind != JsonValueKind.Array) throw Error(source, $"{path}.protection", "must be an array");
            int i = 0;
            foreach (var item in p.EnumerateArray())
            {
                string at = $"{path}.protection[{i}]";
                if (item.ValueKind != JsonValueKind.Object) throw Error(source, at, "must be an object");
                CheckFields(source, at, item, "instrument", "windowMillis", "maxQuantity", "maxFills");
                int instrument = item.TryGetProperty("instrument", out var ins) ? Int(source, $"{at}.instrument", ins, min: 0) : 0;
                long window = RequiredInt(source, at, item, "windowMillis", min: 1);
                long maxQuantity = item.TryGetProperty("maxQuantity", out var mq) ? Long(source, $"{at}.maxQuantity", mq) : 0;
                int maxFills = item.TryGetProperty("maxFills", out var mf) ? Int(source, $"{at}.maxFills", mf, min: 0) : 0;
                if (maxQuantity == 0 && maxFills == 0) throw Error(source, at, "needs maxQuantity or maxFills");
                if (protection.Any(x => x.Instrument == instrument)) throw Error(source, $"{at}.instrument", $"instrument {instrument} appears twice");
                protection.Add(new ProtectionSetting(instrument, window * 1_000_000, maxQuantity, maxFills));
                i++;
            }
        }
        return new Participant(id, name, secret, accounts, cod, rate, protection);
    }

    private static void CheckFields(string source, string path, JsonElement e, params string[] known)
    {
        foreach (var property in e.EnumerateObject())
        {
            if (Array.IndexOf(known, property.Name) < 0)
                throw Error(source, path == "(root)" ? property.Name : $"{path}.{property.Name}", $"unknown field (known: {string.Join(", ", known)})");
        }
    }

    private static int RequiredInt(string source, string path, JsonElement e, string name, int min)
    {
        if (!e.TryGetProperty(name, out var v)) throw Error(source, $"{path}.{name}", "is required");
        return Int(source, $"{path}.{name}", v, min);
    }

    private static int Int(string source, string path, JsonElement v, int min)
    {
        if (v.ValueKind != JsonValueKind.Number || !v.TryGetInt32(out int value)) throw Error(source, path, $"{v.GetRawText()} is not an integer");
        if (value < min) throw Error(source, path, $"{value} is below {min.ToString(CultureInfo.InvariantCulture)}");
        return value;
    }

    private static long Long(string source, string path, JsonElement v)
    {
        if (v.ValueKind != JsonValueKind.Number || !v.TryGetInt64(out long value) || value < 0) throw Error(source, path, $"{v.GetRawText()} is not a non-negative integer");
        return value;
    }

    private static string String(string source, string path, JsonElement v)
    {
        if (v.ValueKind != JsonValueKind.String) throw Error(source, path, "must be a string");
        return v.GetString()!;
    }

    private static ParticipantStoreException Error(string source, string path, string message) => new($"{source}: {path}: {message}");

    private static string? FindRepositoryRoot(string file)
    {
        for (var dir = Path.GetDirectoryName(file); !string.IsNullOrEmpty(dir); dir = Path.GetDirectoryName(dir))
        {
            if (Directory.Exists(Path.Combine(dir, ".git")) || File.Exists(Path.Combine(dir, ".git"))) return dir;
        }
        return null;
    }
}
