using System.Runtime.CompilerServices;

namespace TradeX.Core;

/// <summary>
/// Deterministic 64-bit mixing (the SplitMix64 finalizer). Used for the engine's hash maps and for
/// <c>StateHash</c>; unlike <see cref="object.GetHashCode"/> for strings, it is the same on every
/// machine and in every process.
/// </summary>
public static class HashMix
{
    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    public static ulong Mix(ulong z)
    {
        z = (z ^ (z >> 30)) * 0xBF58476D1CE4E5B9UL;
        z = (z ^ (z >> 27)) * 0x94D049BB133111EBUL;
        return z ^ (z >> 31);
    }
}
