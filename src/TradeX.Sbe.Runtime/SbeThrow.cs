using System.Diagnostics.CodeAnalysis;
using System.Runtime.CompilerServices;

namespace TradeX.Sbe.Runtime;

/// <summary>
/// Throw helpers for generated code. Kept out of line (NoInlining) so the accessors that call
/// them stay small enough for the JIT to inline.
/// </summary>
public static class SbeThrow
{
    /// <summary>Throws <see cref="SbeDecodeException"/> for <paramref name="error"/>.</summary>
    [DoesNotReturn]
    [MethodImpl(MethodImplOptions.NoInlining)]
    public static void Decode(SbeError error) => throw new SbeDecodeException(error);

    /// <summary>Throws <see cref="SbeDecodeException"/> for a buffer that ends inside an element.</summary>
    [DoesNotReturn]
    [MethodImpl(MethodImplOptions.NoInlining)]
    public static void Truncated(string element, int offset, long needed, int bufferLength) =>
        throw new SbeDecodeException(new SbeError(SbeErrorCode.Truncated, element, offset, needed, bufferLength));

    /// <summary>Throws <see cref="SbeEncodeException"/>.</summary>
    [DoesNotReturn]
    [MethodImpl(MethodImplOptions.NoInlining)]
    public static void Encode(SbeErrorCode code, string element, int offset, long value, long limit) =>
        throw new SbeEncodeException(new SbeError(code, element, offset, value, limit));

    /// <summary>Throws <see cref="SbeEncodeException"/> with <see cref="SbeErrorCode.BufferTooSmall"/>.</summary>
    [DoesNotReturn]
    [MethodImpl(MethodImplOptions.NoInlining)]
    public static void BufferTooSmall(string element, int offset, long needed, int bufferLength) =>
        throw new SbeEncodeException(new SbeError(SbeErrorCode.BufferTooSmall, element, offset, needed, bufferLength));

    /// <summary>Throws <see cref="ArgumentOutOfRangeException"/> for an array index outside the field.</summary>
    [DoesNotReturn]
    [MethodImpl(MethodImplOptions.NoInlining)]
    public static void Index(string element, int index, int length) =>
        throw new ArgumentOutOfRangeException(nameof(index), index, $"{element} has {length} element(s)");

    /// <summary>Throws <see cref="InvalidOperationException"/>: a group entry was used with no current entry.</summary>
    [DoesNotReturn]
    [MethodImpl(MethodImplOptions.NoInlining)]
    public static void NoEntry(string element) =>
        throw new InvalidOperationException($"{element}: there is no current entry; call MoveNext() (decoders) or Next() (encoders) first");

    /// <summary>Throws <see cref="ArgumentOutOfRangeException"/> for a negative offset given to Wrap.</summary>
    [DoesNotReturn]
    [MethodImpl(MethodImplOptions.NoInlining)]
    public static void Offset(int offset) =>
        throw new ArgumentOutOfRangeException(nameof(offset), offset, "offset must be zero or positive");
}
