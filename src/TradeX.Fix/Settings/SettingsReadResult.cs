namespace TradeX.Fix.Settings;

/// <summary>
/// What <see cref="SessionSettingsReader.Read(string, Action{string}?, Func{SessionSettings, SessionSettings}?)"/>
/// made of a file: the checked sessions, in file order, and one warning per documented QuickFIX key that has
/// no effect here ("fix-config/x.cfg:12: SocketReuseAddress has no effect in TradeX.Fix; ignored").
/// </summary>
public sealed record SettingsReadResult(IReadOnlyList<SessionSettings> Sessions, IReadOnlyList<string> Warnings);
