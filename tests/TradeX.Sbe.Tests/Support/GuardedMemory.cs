using System.Runtime.InteropServices;

namespace TradeX.Sbe.Tests.Support;

/// <summary>
/// Memory with an inaccessible page on each side (mmap + PROT_NONE), so that a single byte read or
/// written outside a span placed flush against either edge faults instantly and kills the test
/// run. This is how the fuzz tests prove "never reads outside the buffer" for code that reads
/// with unchecked unaligned loads. On platforms without mmap it falls back to ordinary memory
/// (<see cref="IsGuarded"/> is then false).
/// </summary>
internal sealed unsafe class GuardedMemory : IDisposable
{
    private const int ProtNone = 0;
    private const int ProtReadWrite = 3;
    private const int MapPrivateAnonymous = 0x02 | 0x20;
    private readonly byte* _base;
    private readonly nuint _total;
    private readonly byte* _data;
    private readonly byte[]? _fallback;

    public GuardedMemory(int minimumLength)
    {
        int page = Environment.SystemPageSize;
        int dataPages = (minimumLength + page - 1) / page;
        Length = dataPages * page;
        if (!OperatingSystem.IsLinux())
        {
            _fallback = new byte[Length];
            return;
        }

        _total = (nuint)((dataPages + 2) * page);
        _base = (byte*)Mmap(IntPtr.Zero, _total, ProtReadWrite, MapPrivateAnonymous, -1, 0);
        if (_base == (byte*)-1)
        {
            throw new InvalidOperationException($"mmap failed: errno {Marshal.GetLastPInvokeError()}");
        }

        if (Mprotect((IntPtr)_base, (nuint)page, ProtNone) != 0 || Mprotect((IntPtr)(_base + page + Length), (nuint)page, ProtNone) != 0)
        {
            throw new InvalidOperationException($"mprotect failed: errno {Marshal.GetLastPInvokeError()}");
        }

        _data = _base + page;
        IsGuarded = true;
    }

    public bool IsGuarded { get; }

    /// <summary>Start addresses of the two guard pages (0 when not guarded).</summary>
    public (ulong Before, ulong After) GuardAddresses =>
        IsGuarded ? ((ulong)_base, (ulong)(_data + Length)) : (0, 0);

    public int Length { get; }

    /// <summary>A span of <paramref name="length"/> bytes whose last byte is the last accessible one.</summary>
    public Span<byte> FlushEnd(int length) =>
        _fallback != null ? _fallback.AsSpan(Length - length, length) : new Span<byte>(_data + Length - length, length);

    /// <summary>A span of <paramref name="length"/> bytes whose first byte is the first accessible one.</summary>
    public Span<byte> FlushStart(int length) =>
        _fallback != null ? _fallback.AsSpan(0, length) : new Span<byte>(_data, length);

    public void Dispose()
    {
        if (_base != null)
        {
            Munmap((IntPtr)_base, _total);
        }
    }

    [DllImport("libc", EntryPoint = "mmap", SetLastError = true)]
    private static extern IntPtr Mmap(IntPtr address, nuint length, int protection, int flags, int fd, nint offset);

    [DllImport("libc", EntryPoint = "mprotect", SetLastError = true)]
    private static extern int Mprotect(IntPtr address, nuint length, int protection);

    [DllImport("libc", EntryPoint = "munmap", SetLastError = true)]
    private static extern int Munmap(IntPtr address, nuint length);
}
