using System.Globalization;
using TradeX.Fix.Session;
using TradeX.Fix.Validation;

namespace TradeX.Fix.Settings;

/// <summary>
/// Turns a QuickFIX-format settings file into checked <see cref="SessionSettings"/>. Each [SESSION]
/// inherits the [DEFAULT] keys and may override them. Unknown keys, bad values and missing required
/// keys fail with a <see cref="FixConfigurationException"/> naming file, section and key. Values may
/// use ${ENV_VAR}; relative paths are relative to the settings file. Secrets never sit in the file:
/// PasswordEnv / PasswordFile (and UsernameEnv) name where they are.
/// </summary>
public static class SessionSettingsReader
{
    /// <summary>Every key understood, as QuickFIX spells it.</summary>
    public static IReadOnlyList<string> KnownKeys { get; } =
    [
        "BeginString", "SenderCompID", "TargetCompID", "SessionQualifier", "ConnectionType",
        "SocketConnectHost", "SocketConnectPort", "SocketAcceptHost", "SocketAcceptPort", "SocketNodelay",
        "HeartBtInt", "StartTime", "EndTime", "StartDay", "EndDay", "TimeZone", "NonStopSession",
        "FileStorePath", "FileStoreSync", "PersistMessages", "FileLogPath",
        "DataDictionary", "UseDataDictionary", "ValidateFieldsOutOfOrder", "ValidateFieldsHaveValues",
        "ValidateUserDefinedFields", "AllowUnknownMsgFields", "CheckCompID", "CheckLatency", "MaxLatency",
        "ReconnectInterval", "ReconnectIntervalMax", "LogonTimeout", "LogoutTimeout",
        "ResetOnLogon", "ResetOnLogout", "ResetOnDisconnect",
        "Username", "UsernameEnv", "PasswordEnv", "PasswordFile",
    ];

    private static readonly HashSet<string> Known = new(KnownKeys, StringComparer.OrdinalIgnoreCase);

    public static IReadOnlyList<SessionSettings> Load(string path) => Read(SettingsFile.Load(path));

    public static IReadOnlyList<SessionSettings> Read(SettingsFile file)
    {
        foreach (var section in file.Sessions.Prepend(file.Defaults))
            foreach (var key in section.Keys)
            {
                section.TryGet(key, out _, out int line);
                if (key.Equals("Password", StringComparison.OrdinalIgnoreCase))
                    throw new FixConfigurationException($"{section.Where(key, line)}: a password may not be written in the settings file; use PasswordEnv=VARIABLE or PasswordFile=path");
                if (!Known.Contains(key))
                    throw new FixConfigurationException($"{section.Where(key, line)}: unknown setting (known: {string.Join(", ", KnownKeys)})");
            }
        if (file.Sessions.Count == 0) throw new FixConfigurationException($"{file.Path}: no [SESSION] section");
        var result = file.Sessions.Select(s => ReadSession(file, s)).ToList();
        var duplicate = result.GroupBy(s => s.SessionId).FirstOrDefault(g => g.Count() > 1);
        if (duplicate is not null) throw new FixConfigurationException($"{file.Path}: session {duplicate.Key} is defined more than once");
        return result;
    }

    private static SessionSettings ReadSession(SettingsFile file, SettingsSection session)
    {
        var r = new Reader(file, session);
        string beginString = r.Required("BeginString");
        if (!beginString.StartsWith("FIX.4.", StringComparison.Ordinal))
            throw new FixConfigurationException($"{r.Where("BeginString")}: '{beginString}' is not supported (FIX.4.x tag=value sessions)");
        var id = new SessionId(beginString, r.Required("SenderCompID"), r.Required("TargetCompID"), r.Optional("SessionQualifier") ?? "");
        var type = r.Required("ConnectionType").ToLowerInvariant() switch
        {
            "initiator" => ConnectionType.Initiator,
            "acceptor" => ConnectionType.Acceptor,
            var v => throw new FixConfigurationException($"{r.Where("ConnectionType")}: '{v}' is neither initiator nor acceptor"),
        };
        var settings = new SessionSettings
        {
            SessionId = id,
            ConnectionType = type,
            Origin = $"{file.Path} [SESSION] #{session.Ordinal} (line {session.Line})",
            SocketConnectHost = type == ConnectionType.Initiator ? r.Required("SocketConnectHost") : r.Optional("SocketConnectHost"),
            SocketConnectPort = type == ConnectionType.Initiator ? r.Port("SocketConnectPort", required: true) : r.Port("SocketConnectPort", required: false),
            SocketAcceptHost = r.Optional("SocketAcceptHost") ?? "0.0.0.0",
            SocketAcceptPort = type == ConnectionType.Acceptor ? r.Port("SocketAcceptPort", required: true) : r.Port("SocketAcceptPort", required: false),
            SocketNodelay = r.Bool("SocketNodelay", true),
            HeartBtInt = type == ConnectionType.Initiator ? r.Int("HeartBtInt", null, 0, 3600) : r.Int("HeartBtInt", 30, 0, 3600),
            Schedule = ReadSchedule(r),
            FileStorePath = r.Path("FileStorePath"),
            FileStoreSync = r.Bool("FileStoreSync", false),
            PersistMessages = r.Bool("PersistMessages", true),
            FileLogPath = r.Path("FileLogPath"),
            DataDictionary = r.Bool("UseDataDictionary", true) ? r.Path("DataDictionary", mustExist: true) : null,
            Validation = new ValidationOptions
            {
                FieldsOutOfOrder = r.Bool("ValidateFieldsOutOfOrder", true),
                FieldsHaveValues = r.Bool("ValidateFieldsHaveValues", true),
                UserDefinedFields = r.Bool("ValidateUserDefinedFields", true),
                AllowUnknownMessageFields = r.Bool("AllowUnknownMsgFields", false),
            },
            CheckCompID = r.Bool("CheckCompID", true),
            CheckLatency = r.Bool("CheckLatency", true),
            MaxLatency = TimeSpan.FromSeconds(r.Int("MaxLatency", 120, 1, 86400)),
            ReconnectInterval = TimeSpan.FromSeconds(r.Int("ReconnectInterval", 30, 1, 86400)),
            LogonTimeout = TimeSpan.FromSeconds(r.Int("LogonTimeout", 10, 1, 3600)),
            LogoutTimeout = TimeSpan.FromSeconds(r.Int("LogoutTimeout", 2, 1, 3600)),
            ResetOnLogon = r.Bool("ResetOnLogon", false),
            ResetOnLogout = r.Bool("ResetOnLogout", false),
            ResetOnDisconnect = r.Bool("ResetOnDisconnect", false),
            Username = r.Optional("Username") ?? r.FromEnv("UsernameEnv"),
            Password = r.FromEnv("PasswordEnv") ?? r.FromFile("PasswordFile"),
        };
        int maxInterval = r.Int("ReconnectIntervalMax", (int)settings.ReconnectInterval.TotalSeconds, 1, 86400);
        if (maxInterval < settings.ReconnectInterval.TotalSeconds)
            throw new FixConfigurationException($"{r.Where("ReconnectIntervalMax")}: {maxInterval} is less than ReconnectInterval");
        return settings with { ReconnectIntervalMax = TimeSpan.FromSeconds(maxInterval) };
    }

    private static SessionSchedule ReadSchedule(Reader r)
    {
        if (r.Bool("NonStopSession", false)) return SessionSchedule.NonStopSession;
        var start = r.Time("StartTime");
        var end = r.Time("EndTime");
        TimeZoneInfo zone = TimeZoneInfo.Utc;
        var zoneName = r.Optional("TimeZone");
        if (zoneName is not null)
        {
            try { zone = TimeZoneInfo.FindSystemTimeZoneById(zoneName); }
            catch (Exception e) when (e is TimeZoneNotFoundException or InvalidTimeZoneException)
            { throw new FixConfigurationException($"{r.Where("TimeZone")}: unknown time zone '{zoneName}'"); }
        }
        var startDay = r.Day("StartDay");
        var endDay = r.Day("EndDay");
        if ((startDay is null) != (endDay is null))
            throw new FixConfigurationException($"{r.Where(startDay is null ? "EndDay" : "StartDay")}: StartDay and EndDay go together");
        return startDay is null ? SessionSchedule.Daily(start, end, zone) : SessionSchedule.Weekly(startDay.Value, start, endDay!.Value, end, zone);
    }

    /// <summary>Looks a key up in the session, then in [DEFAULT], and remembers where it was found.</summary>
    private sealed class Reader(SettingsFile file, SettingsSection session)
    {
        private SettingsSection SectionOf(string key) => session.TryGet(key, out _, out _) ? session : file.Defaults;

        public string Where(string key)
        {
            var s = SectionOf(key);
            s.TryGet(key, out _, out int line);
            return line == 0 ? $"{file.Path}: [SESSION] #{session.Ordinal} (line {session.Line}) key '{key}'" : s.Where(key, line);
        }

        public string? Optional(string key)
        {
            if (!session.TryGet(key, out var v, out _) && !file.Defaults.TryGet(key, out v, out _)) return null;
            v = ExpandEnv(key, v);
            return v.Length == 0 ? null : v;
        }

        public string Required(string key) =>
            Optional(key) ?? throw new FixConfigurationException($"{Where(key)}: required setting is missing");

        public int Int(string key, int? fallback, int min, int max)
        {
            var v = Optional(key);
            if (v is null)
                return fallback ?? throw new FixConfigurationException($"{Where(key)}: required setting is missing");
            if (!int.TryParse(v, NumberStyles.None, CultureInfo.InvariantCulture, out int n) || n < min || n > max)
                throw new FixConfigurationException($"{Where(key)}: '{v}' is not an integer in {min}..{max}");
            return n;
        }

        public int Port(string key, bool required)
        {
            if (!required && Optional(key) is null) return 0;
            return Int(key, null, 1, 65535);
        }

        public bool Bool(string key, bool fallback)
        {
            var v = Optional(key);
            return v switch
            {
                null => fallback,
                "Y" or "y" => true,
                "N" or "n" => false,
                _ => throw new FixConfigurationException($"{Where(key)}: '{v}' is not Y or N"),
            };
        }

        public TimeOnly Time(string key)
        {
            var v = Required(key);
            if (!TimeOnly.TryParseExact(v, "HH:mm:ss", CultureInfo.InvariantCulture, DateTimeStyles.None, out var t))
                throw new FixConfigurationException($"{Where(key)}: '{v}' is not a time HH:MM:SS");
            return t;
        }

        public DayOfWeek? Day(string key)
        {
            var v = Optional(key);
            if (v is null) return null;
            foreach (var d in Enum.GetValues<DayOfWeek>())
            {
                var name = d.ToString();
                if (v.Equals(name, StringComparison.OrdinalIgnoreCase) || (v.Length >= 2 && name.StartsWith(v, StringComparison.OrdinalIgnoreCase)))
                    return d;
            }
            throw new FixConfigurationException($"{Where(key)}: '{v}' is not a day of the week");
        }

        public string? Path(string key, bool mustExist = false)
        {
            var v = Optional(key);
            if (v is null) return null;
            var baseDir = System.IO.Path.GetDirectoryName(System.IO.Path.GetFullPath(file.Path)) ?? ".";
            var full = System.IO.Path.GetFullPath(v, baseDir);
            if (mustExist && !File.Exists(full)) throw new FixConfigurationException($"{Where(key)}: file '{full}' does not exist");
            return full;
        }

        public string? FromEnv(string key)
        {
            var name = Optional(key);
            if (name is null) return null;
            return Environment.GetEnvironmentVariable(name) is { Length: > 0 } value
                ? value
                : throw new FixConfigurationException($"{Where(key)}: environment variable '{name}' is not set");
        }

        public string? FromFile(string key)
        {
            var path = Path(key, mustExist: true);
            return path is null ? null : File.ReadAllText(path).Trim();
        }

        private string ExpandEnv(string key, string value)
        {
            int start;
            while ((start = value.IndexOf("${", StringComparison.Ordinal)) >= 0)
            {
                int end = value.IndexOf('}', start);
                if (end < 0) throw new FixConfigurationException($"{Where(key)}: unterminated ${{ in '{value}'");
                var name = value[(start + 2)..end];
                var env = Environment.GetEnvironmentVariable(name)
                          ?? throw new FixConfigurationException($"{Where(key)}: environment variable '{name}' is not set");
                value = value[..start] + env + value[(end + 1)..];
            }
            return value;
        }
    }
}
