using TradeX.Core;
using TradeX.Protocol.Journal;
using TradeX.Sbe.Runtime;

namespace TradeX.Journal;

/// <summary>
/// Engine inputs to and from their SBE messages in <c>schemas/journal.xml</c> (schema id 2): template id
/// = <see cref="InputKind"/> code, every value exactly as the engine holds it. Enum fields go through
/// their raw wire bytes, so an input carrying an invalid code (which the engine rejects) is journaled
/// and replayed exactly as it arrived. Allocation-free both ways.
/// </summary>
/// <remarks>
/// The per-kind mapping (<c>HasTemplate</c>, <c>Encode</c>, one encoder and decoder per kind) is generated
/// from the schema by TradeX.Sbe's InputBindingGenerator, which fails the build when a schema message or
/// field and the engine's input types disagree. This part keeps what no schema says: the message checks
/// before decoding and the error text.
/// </remarks>
public static partial class InputCodec
{
    /// <summary>The longest message any template encodes (VenueFill: 8 + 69 bytes), with room for later versions.</summary>
    public const int MaxMessageLength = 1024;

    /// <summary>
    /// Decodes an SBE message of template <paramref name="kind"/> into the payload of
    /// <paramref name="input"/> (which the caller has cleared and whose Kind, Sequence and Time it sets).
    /// False, with a reason, for a message that is not a well-formed journal message of that template.
    /// </summary>
    public static bool TryDecode(InputKind kind, ReadOnlySpan<byte> message, ref EngineInput input, out string? error)
    {
        error = null;
        if (!HasTemplate(kind))
        {
            error = $"input kind {(byte)kind} has no journal template";
            return false;
        }
        if (!JournalSchema.TryReadHeader(message, 0, out SbeMessageHeader header, out SbeError headerError))
        {
            error = headerError.ToString();
            return false;
        }
        if (header.TemplateId != (int)kind)
        {
            error = $"SBE template {header.TemplateId} in a record of kind {(byte)kind}";
            return false;
        }
        if (message.Length != JournalSchema.HeaderLength + header.BlockLength)
        {
            error = $"SBE message of {message.Length} bytes, its header declares {JournalSchema.HeaderLength + header.BlockLength}";
            return false;
        }
        return DecodePayload(kind, message, ref input, out error);
    }

    private static JournalFormatException NoTemplate(in EngineInput input) => JournalFormatException.NoTemplate(input.Kind, input.Sequence);

    private static bool Fail(SbeError e, out string? error)
    {
        error = e.ToString();
        return false;
    }
}
