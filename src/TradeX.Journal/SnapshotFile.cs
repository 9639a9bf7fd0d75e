using System.Buffers.Binary;
using Microsoft.Win32.SafeHandles;
using TradeX.Core;

namespace TradeX.Journal;

/// <summary>What a snapshot file's header says about the engine state it holds.</summary>
/// <param name="Path">Full path of the file.</param>
/// <param name="Sequence">The last input applied before the snapshot was taken.</param>
/// <param name="EngineTime">Engine time at the snapshot.</param>
/// <param name="StateHash">The engine's <see cref="Engine.StateHash"/> at the snapshot.</param>
/// <param name="EngineFormatVersion">The engine's <see cref="Engine.SnapshotFormatVersion"/> that wrote the state.</param>
/// <param name="StateLength">Bytes of engine state.</param>
public sealed record SnapshotInfo(string Path, long Sequence, long EngineTime, ulong StateHash, int EngineFormatVersion, long StateLength);

/// <summary>
/// A snapshot file (<c>NNN.snapshot</c>, NNN = its sequence in 20 digits): a 56-byte header and the
/// engine's canonical state bytes (<see cref="Engine.Snapshot(StateWriter)"/>), little-endian:
/// <code>
///  0  8 bytes  magic "TXJSNAP1"
///  8  uint16   file format version (1)
/// 10  uint16   reserved (0)
/// 12  int32    engine snapshot format version (Engine.SnapshotFormatVersion)
/// 16  int64    sequence: the last input applied
/// 24  int64    engine time
/// 32  uint64   StateHash (StateHash64 of the state bytes, = Engine.StateHash())
/// 40  int64    state length
/// 48  uint32   CRC-32C of the state bytes
/// 52  uint32   CRC-32C of header bytes 0..51
/// 56  ...      state bytes
/// </code>
/// Written to <c>NNN.snapshot.tmp</c>, synced, renamed, and the directory synced, so a file with the
/// final name is always complete unless the disk damaged it afterwards, which its checks detect.
/// </summary>
public static class SnapshotFile
{
    public const int HeaderLength = 56;
    public const ushort FormatVersion = 1;
    private static ReadOnlySpan<byte> Magic => "TXJSNAP1"u8;

    /// <summary>Takes a snapshot of <paramref name="engine"/> now, on the calling thread, and writes it (tools and tests).</summary>
    public static SnapshotInfo Write(string directory, Engine engine)
    {
        var state = new StateWriter();
        engine.Snapshot(state);
        return Write(directory, state.WrittenSpan, engine.LastSequence, engine.Now);
    }

    /// <summary>Writes engine state bytes taken after input <paramref name="sequence"/> as a snapshot file; returns its description.</summary>
    public static SnapshotInfo Write(string directory, ReadOnlySpan<byte> state, long sequence, long engineTime)
    {
        Directory.CreateDirectory(directory);
        ulong hash = StateHash64.Compute(state);
        var header = new byte[HeaderLength];
        Magic.CopyTo(header);
        BinaryPrimitives.WriteUInt16LittleEndian(header.AsSpan(8), FormatVersion);
        BinaryPrimitives.WriteInt32LittleEndian(header.AsSpan(12), Engine.SnapshotFormatVersion);
        BinaryPrimitives.WriteInt64LittleEndian(header.AsSpan(16), sequence);
        BinaryPrimitives.WriteInt64LittleEndian(header.AsSpan(24), engineTime);
        BinaryPrimitives.WriteUInt64LittleEndian(header.AsSpan(32), hash);
        BinaryPrimitives.WriteInt64LittleEndian(header.AsSpan(40), state.Length);
        BinaryPrimitives.WriteUInt32LittleEndian(header.AsSpan(48), Crc32C.Compute(state));
        BinaryPrimitives.WriteUInt32LittleEndian(header.AsSpan(52), Crc32C.Compute(header.AsSpan(0, 52)));

        string path = Path.Combine(directory, JournalFiles.SnapshotName(sequence));
        string temporary = path + JournalFiles.TemporaryExtension;
        using (SafeFileHandle handle = File.OpenHandle(temporary, FileMode.Create, FileAccess.Write, FileShare.None))
        {
            RandomAccess.Write(handle, header, 0);
            RandomAccess.Write(handle, state, HeaderLength);
            FileSync.Data(handle);
        }
        File.Move(temporary, path, overwrite: true);
        FileSync.Directory(directory);
        return new SnapshotInfo(path, sequence, engineTime, hash, Engine.SnapshotFormatVersion, state.Length);
    }

    /// <summary>
    /// Reads and checks a snapshot file: header CRC, magic, versions, length, state CRC, the state's hash
    /// against the recorded one, and the file name's sequence against the header's. False with the reason
    /// for any failure (the file is then to be ignored in favour of an older one).
    /// </summary>
    public static bool TryRead(string path, out SnapshotInfo? info, out byte[] state, out string? error)
    {
        info = null;
        state = [];
        byte[] data;
        try
        {
            data = File.ReadAllBytes(path);
        }
        catch (Exception e) when (e is IOException or UnauthorizedAccessException)
        {
            error = $"cannot be read: {e.Message}";
            return false;
        }
        if (!TryParseHeader(path, data, out info, out error)) return false;
        var body = data.AsSpan(HeaderLength);
        if (BinaryPrimitives.ReadUInt32LittleEndian(data.AsSpan(48)) != Crc32C.Compute(body))
        {
            error = "state CRC mismatch";
            return false;
        }
        ulong computed = StateHash64.Compute(body);
        if (computed != info!.StateHash)
        {
            error = $"state hash 0x{computed:x16} differs from the recorded 0x{info.StateHash:x16}";
            return false;
        }
        state = body.ToArray();
        return true;
    }

    /// <summary>Reads only the header of a snapshot file (no state checks): for listings.</summary>
    public static bool TryReadHeader(string path, out SnapshotInfo? info, out string? error)
    {
        info = null;
        var header = new byte[HeaderLength];
        long length;
        try
        {
            using SafeFileHandle handle = File.OpenHandle(path, FileMode.Open, FileAccess.Read, FileShare.ReadWrite);
            length = RandomAccess.GetLength(handle);
            int n = RandomAccess.Read(handle, header, 0);
            if (n < HeaderLength)
            {
                error = $"cut short: {length} bytes, the header alone is {HeaderLength}";
                return false;
            }
        }
        catch (Exception e) when (e is IOException or UnauthorizedAccessException)
        {
            error = $"cannot be read: {e.Message}";
            return false;
        }
        return TryParseHeader(path, header, out info, out error, length);
    }

    private static bool TryParseHeader(string path, ReadOnlySpan<byte> data, out SnapshotInfo? info, out string? error, long fileLength = -1)
    {
        info = null;
        if (fileLength < 0) fileLength = data.Length;
        if (data.Length < HeaderLength)
        {
            error = $"cut short: {data.Length} bytes, the header alone is {HeaderLength}";
            return false;
        }
        if (!data[..8].SequenceEqual(Magic))
        {
            error = "not a snapshot file (bad magic)";
            return false;
        }
        if (BinaryPrimitives.ReadUInt32LittleEndian(data.Slice(52)) != Crc32C.Compute(data[..52]))
        {
            error = "header CRC mismatch";
            return false;
        }
        int version = BinaryPrimitives.ReadUInt16LittleEndian(data.Slice(8));
        if (version != FormatVersion)
        {
            error = $"snapshot file format {version} is not supported (expected {FormatVersion})";
            return false;
        }
        int engineVersion = BinaryPrimitives.ReadInt32LittleEndian(data.Slice(12));
        long sequence = BinaryPrimitives.ReadInt64LittleEndian(data.Slice(16));
        long engineTime = BinaryPrimitives.ReadInt64LittleEndian(data.Slice(24));
        ulong hash = BinaryPrimitives.ReadUInt64LittleEndian(data.Slice(32));
        long stateLength = BinaryPrimitives.ReadInt64LittleEndian(data.Slice(40));
        if (stateLength != fileLength - HeaderLength)
        {
            error = $"header declares {stateLength} bytes of state, the file holds {fileLength - HeaderLength}";
            return false;
        }
        if (JournalFiles.TryParse(path, JournalFiles.SnapshotExtension, out long named) && named != sequence)
        {
            error = $"header says sequence {sequence}, the file name says {named}";
            return false;
        }
        info = new SnapshotInfo(path, sequence, engineTime, hash, engineVersion, stateLength);
        error = null;
        return true;
    }
}
