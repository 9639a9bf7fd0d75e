using System.Runtime.InteropServices;
using System.Text;

namespace TradeX.Core;

/// <summary>
/// A venue's execution id (FIX ExecID, tag 17), up to 32 printable ASCII characters stored inline.
/// Every venue fill carries one; the engine applies a fill once per (venue, execution id).
/// </summary>
[StructLayout(LayoutKind.Sequential)]
public readonly struct ExecutionId : IEquatable<ExecutionId>
{
    public const int Capacity = 32;
    private readonly ulong _a, _b, _c, _d;

    private ExecutionId(ulong a, ulong b, ulong c, ulong d)
    {
        _a = a; _b = b; _c = c; _d = d;
    }

    public bool IsEmpty => (_a | _b | _c | _d) == 0;

    public static ExecutionId FromParts(ulong a, ulong b, ulong c, ulong d) => new(a, b, c, d);

    public void GetParts(out ulong a, out ulong b, out ulong c, out ulong d)
    {
        a = _a; b = _b; c = _c; d = _d;
    }

    public static bool TryCreate(ReadOnlySpan<char> text, out ExecutionId value)
    {
        value = default;
        if (text.Length == 0 || text.Length > Capacity) return false;
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

    /// <summary>Reads exactly 32 bytes (zero padded).</summary>
    public static ExecutionId FromBytes(ReadOnlySpan<byte> bytes32) => new(
        BitConverter.ToUInt64(bytes32[..8]), BitConverter.ToUInt64(bytes32.Slice(8, 8)),
        BitConverter.ToUInt64(bytes32.Slice(16, 8)), BitConverter.ToUInt64(bytes32.Slice(24, 8)));

    public static ExecutionId Create(string text) =>
        TryCreate(text, out var v) ? v : throw new ArgumentException($"'{text}' is not 1-32 printable ASCII characters", nameof(text));

    public void CopyTo(Span<byte> bytes32)
    {
        BitConverter.TryWriteBytes(bytes32[..8], _a);
        BitConverter.TryWriteBytes(bytes32.Slice(8, 8), _b);
        BitConverter.TryWriteBytes(bytes32.Slice(16, 8), _c);
        BitConverter.TryWriteBytes(bytes32.Slice(24, 8), _d);
    }

    /// <summary>A well-mixed 64-bit hash, identical on every machine (used by the engine's maps).</summary>
    public ulong Hash64() => HashMix.Mix(HashMix.Mix(_a ^ HashMix.Mix(_b)) ^ HashMix.Mix(_c ^ HashMix.Mix(_d)));

    public bool Equals(ExecutionId other) => _a == other._a && _b == other._b && _c == other._c && _d == other._d;
    public override bool Equals(object? obj) => obj is ExecutionId o && Equals(o);
    public override int GetHashCode() => (int)Hash64();
    public static bool operator ==(ExecutionId x, ExecutionId y) => x.Equals(y);
    public static bool operator !=(ExecutionId x, ExecutionId y) => !x.Equals(y);

    public override string ToString()
    {
        Span<byte> bytes = stackalloc byte[Capacity];
        CopyTo(bytes);
        int n = bytes.IndexOf((byte)0);
        return Encoding.ASCII.GetString(bytes[..(n < 0 ? Capacity : n)]);
    }
}
