namespace TradeX.Fix.Settings;

/// <summary>
/// A settings file that cannot be used: unknown key, invalid value, missing required key. The message
/// names the file, the section (and its line) and the key, so start-up fails with something an operator
/// can act on.
/// </summary>
public sealed class FixConfigurationException(string message) : Exception(message);
