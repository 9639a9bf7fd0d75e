namespace TradeX.Fix.Settings;

/// <summary>
/// The raw content of a QuickFIX-format settings file: one optional [DEFAULT] section and any number of
/// [SESSION] sections of key=value lines; '#' and ';' start comment lines. No meaning is given to keys
/// here: <see cref="SessionSettingsReader"/> does that.
/// </summary>
public sealed class SettingsFile
{
    private SettingsFile(string path, SettingsSection defaults, IReadOnlyList<SettingsSection> sessions)
    {
        Path = path;
        Defaults = defaults;
        Sessions = sessions;
    }

    public string Path { get; }
    public SettingsSection Defaults { get; }
    public IReadOnlyList<SettingsSection> Sessions { get; }

    public static SettingsFile Load(string path)
    {
        if (!File.Exists(path)) throw new FixConfigurationException($"{path}: settings file not found");
        return Parse(path, File.ReadAllLines(path));
    }

    public static SettingsFile Parse(string path, IEnumerable<string> lines)
    {
        var defaults = new SettingsSection(path, "DEFAULT", 0, 0);
        var sessions = new List<SettingsSection>();
        SettingsSection? current = null;
        int lineNo = 0;
        foreach (var raw in lines)
        {
            lineNo++;
            var line = raw.Trim();
            if (line.Length == 0 || line[0] is '#' or ';') continue;
            if (line[0] == '[')
            {
                if (!line.EndsWith(']')) throw new FixConfigurationException($"{path}:{lineNo}: section header '{line}' lacks ']'");
                var name = line[1..^1].Trim();
                if (name.Equals("DEFAULT", StringComparison.OrdinalIgnoreCase)) current = defaults;
                else if (name.Equals("SESSION", StringComparison.OrdinalIgnoreCase))
                {
                    current = new SettingsSection(path, "SESSION", lineNo, sessions.Count + 1);
                    sessions.Add(current);
                }
                else throw new FixConfigurationException($"{path}:{lineNo}: unknown section [{name}] (only [DEFAULT] and [SESSION])");
                continue;
            }
            int eq = line.IndexOf('=');
            if (eq <= 0) throw new FixConfigurationException($"{path}:{lineNo}: expected key=value, got '{line}'");
            if (current is null) throw new FixConfigurationException($"{path}:{lineNo}: key '{line[..eq].Trim()}' outside any section");
            current.Set(line[..eq].Trim(), line[(eq + 1)..].Trim(), lineNo);
        }
        return new SettingsFile(path, defaults, sessions);
    }
}
