using System.Runtime.CompilerServices;
using System.Runtime.InteropServices;
using System.Text;

namespace TradeX.Core;

/// <summary>
/// Up to 16 printable ASCII characters stored inline (two longs), so text such as a symbol or an
/// operator's name can live in a pre-allocated input or event struct without a heap string.
/// Unused bytes are zero.
/// </summary>
[StructLayout(LayoutKind.Sequential)]
public readonly struct Ascii16 : IEquatable<Ascii16>
{
    public const int Capacity = 16;
    private readonly ulong _a;
    private readonly ulong _b;

    private Ascii16(ulong a, ulong b)
    {
        _a = a;
        _b = b;
    }

    public bool IsEmpty => _a == 0 && _b == 0;
    public ulong Low => _a;
    public ulong High => _b;

    public static Ascii16 FromParts(ulong low, ulong high) => new(low, high);

    /// <summary>Converts text of at most 16 printable ASCII characters; false for anything else.</summary>
    public static bool TryCreate(ReadOnlySpan<char> text, out Ascii16 value)
    {
        value = default;
        if (text.Length > Capacity) return false;
        Span<byte> bytes = stackalloc byte[Capacity];
        bytes.Clear();
        for (int i = 0; i < text.Length; i++)
        {
            char c = text[i];
            if (c < 0x21 || c > 0x7E) return false;
            bytes[i] = (byte)c;
        }
        value = FromBytes(bytes);
        return true;
    }

    /// <summary>Reads exactly 16 bytes (zero padded) as they appear on the wire.</summary>
    public static Ascii16 FromBytes(ReadOnlySpan<byte> sixteen) =>
        new(BitConverter.ToUInt64(sixteen[..8]), BitConverter.ToUInt64(sixteen.Slice(8, 8)));

    public static Ascii16 Create(string text) =>
        TryCreate(text, out var v) ? v : throw new ArgumentException($"'{text}' is not 1-16 printable ASCII characters", nameof(text));

    /// <summary>Writes the 16 bytes (zero padded).</summary>
    public void CopyTo(Span<byte> sixteen)
    {
        BitConverter.TryWriteBytes(sixteen[..8], _a);
        BitConverter.TryWriteBytes(sixteen.Slice(8, 8), _b);
    }

    public int Length
    {
        get
        {
            Span<byte> bytes = stackalloc byte[Capacity];
            CopyTo(bytes);
            int n = bytes.IndexOf((byte)0);
            return n < 0 ? Capacity : n;
        }
    }

    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    public bool Equals(Ascii16 other) => _a == other._a && _b == other._b;
    public override bool Equals(object? obj) => obj is Ascii16 o && Equals(o);
    public override int GetHashCode() => (int)HashMix.Mix(_a ^ HashMix.Mix(_b));
    public static bool operator ==(Ascii16 x, Ascii16 y) => x.Equals(y);
    public static bool operator !=(Ascii16 x, Ascii16 y) => !x.Equals(y);

    public override string ToString()
    {
        Span<byte> bytes = stackalloc byte[Capacity];
        CopyTo(bytes);
        return Encoding.ASCII.GetString(bytes[..Length]);
    }
}
