using System.Globalization;
using System.Net;
using TradeX.Fix.Session;
using TradeX.Fix.Validation;

namespace TradeX.Fix.Settings;

/// <summary>
/// Turns a QuickFIX-format settings file into checked <see cref="SessionSettings"/>. Each [SESSION]
/// inherits the [DEFAULT] keys and may override them. A key QuickFIX C++, QuickFIX/J or QuickFIX/n
/// documents but TradeX.Fix does not use is accepted with one warning per file (<see cref="SettingKeys"/>);
/// a key no FIX engine defines, a bad value or a missing required key fails with a
/// <see cref="FixConfigurationException"/> naming file, line, section and key. Values may use ${ENV_VAR};
/// relative paths are relative to the settings file. Secrets never sit in the file: PasswordEnv /
/// PasswordFile (and UsernameEnv) name where they are.
/// </summary>
public static class SessionSettingsReader
{
    /// <summary>Reads and checks the file; see <see cref="Read(SettingsFile, Action{string}?, Func{SessionSettings, SessionSettings}?)"/>.</summary>
    public static SettingsReadResult Read(string path, Action<string>? warn = null, Func<SessionSettings, SessionSettings>? configure = null) =>
        Read(SettingsFile.Load(path), warn, configure);

    /// <summary>
    /// The sessions of <paramref name="file"/> and its warnings, each warning also given once to
    /// <paramref name="warn"/>. <paramref name="configure"/>, when given, adjusts each session before it is
    /// checked (e.g. <c>s =&gt; s with { SocketAcceptPort = port }</c>), so a key it supplies may be missing
    /// from the file; what it sets is checked as strictly as the file.
    /// </summary>
    public static SettingsReadResult Read(SettingsFile file, Action<string>? warn = null, Func<SessionSettings, SessionSettings>? configure = null)
    {
        var ignored = new List<(int Line, string Key)>();
        foreach (var section in file.Sessions.Prepend(file.Defaults))
            foreach (var key in section.Keys)
            {
                section.TryGet(key, out _, out int line);
                if (key.Equals("Password", StringComparison.OrdinalIgnoreCase))
                    throw new FixConfigurationException($"{section.Where(key, line)}: a password may not be written in the settings file; use PasswordEnv=VARIABLE or PasswordFile=path");
                if (SettingKeys.IsRead(key)) continue;
                if (SettingKeys.IsIgnored(key)) { ignored.Add((line, key)); continue; }
                var closest = SettingKeys.Closest(key);
                throw new FixConfigurationException($"{section.Where(key, line)}: unknown setting (neither TradeX.Fix nor QuickFIX C++, QuickFIX/J or QuickFIX/n documents it)" +
                                                    (closest is null ? "" : $" (did you mean '{closest}'?)"));
            }
        if (file.Sessions.Count == 0) throw new FixConfigurationException($"{file.Path}: no [SESSION] section");
        var sessions = file.Sessions.Select(s => ReadSession(file, s, configure)).ToList();
        var duplicate = sessions.GroupBy(s => s.SessionId).FirstOrDefault(g => g.Count() > 1);
        if (duplicate is not null) throw new FixConfigurationException($"{file.Path}: session {duplicate.Key} is defined more than once");

        // One warning per key per file, at its first line, however many sections repeat it.
        var warnings = ignored.OrderBy(k => k.Line).DistinctBy(k => k.Key, StringComparer.OrdinalIgnoreCase)
            .Select(k => $"{file.Path}:{k.Line}: {k.Key} has no effect in TradeX.Fix; ignored").ToList();
        if (warn is not null) foreach (var w in warnings) warn(w);
        return new SettingsReadResult(sessions, warnings);
    }

    /// <summary>The sessions only; warnings go to <paramref name="warn"/> if given.</summary>
    public static IReadOnlyList<SessionSettings> Load(string path, Action<string>? warn = null) => Read(path, warn).Sessions;

    private static SessionSettings ReadSession(SettingsFile file, SettingsSection session, Func<SessionSettings, SessionSettings>? configure)
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
            // Endpoints may come from configure instead: their presence is checked after it (SessionSettingsRules).
            SocketConnectHost = r.Optional("SocketConnectHost"),
            SocketConnectPort = r.Port("SocketConnectPort"),
            SocketConnectAlternates = ReadAlternates(r),
            SocketAcceptHost = r.Optional("SocketAcceptHost") ?? "0.0.0.0",
            SocketAcceptPort = r.Port("SocketAcceptPort"),
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
            ValidateLengthAndChecksum = r.Bool("ValidateLengthAndChecksum", true),
            ValidateSequenceNumbers = r.Bool("ValidateSequenceNumbers", true),
            CheckCompID = r.Bool("CheckCompID", true),
            CheckLatency = r.Bool("CheckLatency", true),
            MaxLatency = TimeSpan.FromSeconds(r.Int("MaxLatency", 120, 1, 86400)),
            RequiresOrigSendingTime = r.Bool("RequiresOrigSendingTime", true),
            MaxMessagesInResendRequest = r.Int("MaxMessagesInResendRequest", 0, 0, int.MaxValue),
            SendRedundantResendRequests = r.Bool("SendRedundantResendRequests", false),
            EnableLastMsgSeqNumProcessed = r.Bool("EnableLastMsgSeqNumProcessed", false),
            TimestampPrecision = ReadTimestampPrecision(r),
            ReconnectInterval = TimeSpan.FromSeconds(r.Int("ReconnectInterval", 30, 1, 86400)),
            LogonTimeout = TimeSpan.FromSeconds(r.Int("LogonTimeout", 10, 1, 3600)),
            LogoutTimeout = TimeSpan.FromSeconds(r.Int("LogoutTimeout", 2, 1, 3600)),
            ResetOnLogon = r.Bool("ResetOnLogon", false),
            ResetOnLogout = r.Bool("ResetOnLogout", false),
            ResetOnDisconnect = r.Bool("ResetOnDisconnect", false),
            RefreshOnLogon = r.Bool("RefreshOnLogon", false),
            Username = r.Optional("Username") ?? r.FromEnv("UsernameEnv"),
            Password = r.FromEnv("PasswordEnv") ?? r.FromFile("PasswordFile"),
        };
        int maxInterval = r.Int("ReconnectIntervalMax", (int)settings.ReconnectInterval.TotalSeconds, 1, 86400);
        settings = settings with { ReconnectIntervalMax = TimeSpan.FromSeconds(maxInterval) };
        if (configure is not null) settings = configure(settings);
        if (SessionSettingsRules.FirstProblem(settings, anyFreePort: false) is { } broken)
            throw new FixConfigurationException($"{r.Where(broken.Key)}: {broken.Problem}");
        return settings;
    }

    /// <summary>
    /// TimestampPrecision as QuickFIX C++ (0, 3, 6, 9) or QuickFIX/J (SECONDS, MILLIS, MICROS, NANOS) write
    /// it; without it the legacy MillisecondsInTimeStamp (Y = 3, N = 0), which it overrides as in QuickFIX.
    /// </summary>
    private static int ReadTimestampPrecision(Reader r)
    {
        var v = r.Optional("TimestampPrecision");
        if (v is null) return r.Bool("MillisecondsInTimeStamp", true) ? 3 : 0;
        return v.ToUpperInvariant() switch
        {
            "0" or "SECONDS" => 0,
            "3" or "MILLIS" => 3,
            "6" or "MICROS" => 6,
            "9" or "NANOS" => 9,
            _ => throw new FixConfigurationException($"{r.Where("TimestampPrecision")}: '{v}' is not 0, 3, 6 or 9 (or SECONDS, MILLIS, MICROS, NANOS)"),
        };
    }

    /// <summary>SocketConnectHost1/SocketConnectPort1, 2, ...: numbered from 1 without gaps, each host with its port.</summary>
    private static IReadOnlyList<DnsEndPoint> ReadAlternates(Reader r)
    {
        var result = new List<DnsEndPoint>();
        for (int n = 1; ; n++)
        {
            var host = r.Optional($"SocketConnectHost{n}");
            bool hasPort = r.Optional($"SocketConnectPort{n}") is not null;
            if (host is null && !hasPort) break;
            if (host is null || !hasPort)
                throw new FixConfigurationException($"{r.Where(host is null ? $"SocketConnectPort{n}" : $"SocketConnectHost{n}")}: SocketConnectHost{n} and SocketConnectPort{n} go together");
            result.Add(new DnsEndPoint(host, r.Int($"SocketConnectPort{n}", null, 1, 65535)));
        }
        foreach (var key in r.Keys())
            foreach (var prefix in SettingKeys.ReadNumbered)
                if (SettingKeys.Number(key, prefix) > result.Count + 1)
                    throw new FixConfigurationException($"{r.Where(key)}: {prefix}{result.Count + 1} is missing (alternates are numbered 1, 2, 3... without gaps)");
        return result;
    }

    private static SessionSchedule ReadSchedule(Reader r)
    {
        if (r.Bool("NonStopSession", false)) return SessionSchedule.NonStopSession;
        var start = r.Time("StartTime");
        var end = r.Time("EndTime");
        TimeZoneInfo zone = TimeZoneInfo.Utc;
        var zoneName = r.Optional("TimeZone");
        if (r.Bool("UseLocalTime", false))
        {
            if (zoneName is not null) throw new FixConfigurationException($"{r.Where("UseLocalTime")}: UseLocalTime=Y and TimeZone cannot both be set");
            zone = TimeZoneInfo.Local;
        }
        else if (zoneName is not null)
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

    /// <summary>
    /// Looks a key up (under any of its spellings, see <see cref="SettingKeys.Aliases"/>) in the session, then in
    /// [DEFAULT], and remembers where it was found.
    /// </summary>
    private sealed class Reader(SettingsFile file, SettingsSection session)
    {
        private (SettingsSection Section, string Key, string Value, int Line)? Find(string key)
        {
            foreach (var section in new[] { session, file.Defaults })
            {
                (string Key, string Value, int Line)? hit = null;
                foreach (var spelling in SettingKeys.Spellings(key))
                {
                    if (!section.TryGet(spelling, out var value, out int line)) continue;
                    if (hit is { } first)
                        throw new FixConfigurationException($"{section.Where(spelling, line)}: the same setting as '{first.Key}' (line {first.Line}); keep one");
                    hit = (spelling, value, line);
                }
                if (hit is { } found) return (section, found.Key, found.Value, found.Line);
            }
            return null;
        }

        /// <summary>Every key this session sees: its own and those it inherits from [DEFAULT].</summary>
        public IEnumerable<string> Keys() => session.Keys.Concat(file.Defaults.Keys);

        public string Where(string key) =>
            Find(key) is { } found
                ? found.Section.Where(found.Key, found.Line)
                : $"{file.Path}: [SESSION] #{session.Ordinal} (line {session.Line}) key '{key}'";

        public string? Optional(string key)
        {
            if (Find(key) is not { } found) return null;
            var v = ExpandEnv(key, found.Value);
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

        /// <summary>0 when absent: whether it is required is decided once configure has had its say.</summary>
        public int Port(string key) => Optional(key) is null ? 0 : Int(key, null, 1, 65535);

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
