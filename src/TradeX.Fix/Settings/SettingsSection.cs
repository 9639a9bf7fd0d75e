namespace TradeX.Fix.Settings;

/// <summary>One [DEFAULT] or [SESSION] section as written: key → (value, line).</summary>
public sealed class SettingsSection(string file, string name, int line, int ordinal)
{
    private readonly Dictionary<string, (string Value, int Line)> _values = new(StringComparer.OrdinalIgnoreCase);

    public string File { get; } = file;
    public string Name { get; } = name;
    public int Line { get; } = line;
    /// <summary>1 for the first [SESSION], 2 for the second... (0 for [DEFAULT]).</summary>
    public int Ordinal { get; } = ordinal;
    public IEnumerable<string> Keys => _values.Keys;

    internal void Set(string key, string value, int line)
    {
        if (_values.ContainsKey(key)) throw new FixConfigurationException($"{Where(key, line)}: key '{key}' appears twice in the section");
        _values[key] = (value, line);
    }

    public bool TryGet(string key, out string value, out int line)
    {
        if (_values.TryGetValue(key, out var v)) { value = v.Value; line = v.Line; return true; }
        value = ""; line = 0;
        return false;
    }

    public string Where(string key, int line) =>
        Ordinal == 0 ? $"{File}:{line}: [{Name}] key '{key}'" : $"{File}:{line}: [{Name}] #{Ordinal} (line {Line}) key '{key}'";
}
