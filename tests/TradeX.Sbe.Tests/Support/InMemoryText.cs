using Microsoft.CodeAnalysis;
using Microsoft.CodeAnalysis.Text;

namespace TradeX.Sbe.Tests.Support;

/// <summary>An AdditionalFiles item held in memory, for driving the generators in-process.</summary>
internal sealed class InMemoryText(string path, string text) : AdditionalText
{
    public override string Path { get; } = path;

    public override SourceText GetText(CancellationToken cancellationToken = default) => SourceText.From(text);
}
