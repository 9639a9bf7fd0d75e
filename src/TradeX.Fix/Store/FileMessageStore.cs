using System.Buffers.Binary;
using System.Globalization;
using System.Text;

namespace TradeX.Fix.Store;

/// <summary>
/// A file store that survives a crash or restart. Three files per session in one directory, named
/// after the session (<c>FIX.4.4-SENDER-TARGET</c>):
/// <list type="bullet">
/// <item><c>.seqnums</c>: "SSSSSSSSSS:TTTTTTTTTT\n", next sender and next target number, rewritten in place.</item>
/// <item><c>.messages</c>: append-only records [int32 LE MsgSeqNum][int32 LE length][frame bytes].</item>
/// <item><c>.session</c>: the creation time "yyyyMMdd-HH:mm:ss" (UTC) of the current sequence.</item>
/// </list>
/// A message record is appended before the sequence numbers are updated; on open, a torn last record is
/// cut off and the next sender number is at least one past the last stored message, so nothing sent is
/// ever reused. With <c>sync</c> every write is fsynced (FileStoreSync=Y); otherwise it reaches the OS
/// page cache, which survives a process kill but not a power loss.
/// </summary>
public sealed class FileMessageStore : IMessageStore
{
    private const int SeqRecordLength = 22;
    private readonly FileStream _seqFile;
    private readonly FileStream _messageFile;
    private readonly string _sessionFilePath;
    private readonly bool _sync;
    private long[] _offsetBySeq = new long[1024];
    private byte[] _scratch = new byte[4096];
    private readonly byte[] _seqScratch = new byte[SeqRecordLength];
    // End of the messages file, tracked here so an append needs no stat call.
    private long _messagesEnd;

    public FileMessageStore(string directory, string sessionName, bool sync, DateTime now)
    {
        Directory.CreateDirectory(directory);
        string basePath = Path.Combine(directory, Sanitize(sessionName));
        _sync = sync;
        _sessionFilePath = basePath + ".session";
        FilePrefix = basePath;
        _seqFile = new FileStream(basePath + ".seqnums", FileMode.OpenOrCreate, FileAccess.ReadWrite, FileShare.Read, 0);
        _messageFile = new FileStream(basePath + ".messages", FileMode.OpenOrCreate, FileAccess.ReadWrite, FileShare.Read, 0);
        if (ReadCreationTime() is { } created) CreationTime = created;
        else WriteCreationTime(now);
        Recover();
    }

    /// <summary>The path of the store's files without extension.</summary>
    public string FilePrefix { get; }
    public int NextSenderMsgSeqNum { get; private set; } = 1;
    public int NextTargetMsgSeqNum { get; private set; } = 1;
    public DateTime CreationTime { get; private set; }

    /// <summary>Reads the files again: numbers, index of stored messages and creation time, as another process left them.</summary>
    public void Refresh()
    {
        Array.Clear(_offsetBySeq);
        NextSenderMsgSeqNum = NextTargetMsgSeqNum = 1;
        if (ReadCreationTime() is { } created) CreationTime = created;
        Recover();
    }

    private DateTime? ReadCreationTime() =>
        File.Exists(_sessionFilePath) && DateTime.TryParseExact(File.ReadAllText(_sessionFilePath).Trim(), "yyyyMMdd-HH:mm:ss",
            CultureInfo.InvariantCulture, DateTimeStyles.AdjustToUniversal | DateTimeStyles.AssumeUniversal, out var created)
            ? created : null;

    private void Recover()
    {
        int lastStored = 0;
        long length = _messageFile.Length, pos = 0;
        Span<byte> header = stackalloc byte[8];
        while (pos + 8 <= length)
        {
            _messageFile.Position = pos;
            _messageFile.ReadExactly(header);
            int seq = BinaryPrimitives.ReadInt32LittleEndian(header);
            int len = BinaryPrimitives.ReadInt32LittleEndian(header[4..]);
            if (seq <= 0 || len <= 0 || pos + 8 + len > length) break;
            // A record is whole only if its frame ends with the SOH after CheckSum.
            _messageFile.Position = pos + 8 + len - 1;
            if (_messageFile.ReadByte() != 1) break;
            Index(seq, pos);
            lastStored = Math.Max(lastStored, seq);
            pos += 8 + len;
        }
        if (pos != length) _messageFile.SetLength(pos);
        _messageFile.Position = pos;
        _messagesEnd = pos;

        if (_seqFile.Length >= SeqRecordLength)
        {
            _seqFile.Position = 0;
            _seqFile.ReadExactly(_seqScratch);
            var text = Encoding.ASCII.GetString(_seqScratch);
            if (int.TryParse(text.AsSpan(0, 10), out int s) && int.TryParse(text.AsSpan(11, 10), out int t))
            {
                NextSenderMsgSeqNum = Math.Max(1, s);
                NextTargetMsgSeqNum = Math.Max(1, t);
            }
        }
        NextSenderMsgSeqNum = Math.Max(NextSenderMsgSeqNum, lastStored + 1);
        WriteSeqNums();
    }

    public void StoreSent(int msgSeqNum, ReadOnlySpan<byte> frame)
    {
        int total = 8 + frame.Length;
        if (_scratch.Length < total) _scratch = new byte[total * 2];
        BinaryPrimitives.WriteInt32LittleEndian(_scratch, msgSeqNum);
        BinaryPrimitives.WriteInt32LittleEndian(_scratch.AsSpan(4), frame.Length);
        frame.CopyTo(_scratch.AsSpan(8));
        long pos = _messagesEnd;
        _messageFile.Position = pos;
        _messageFile.Write(_scratch, 0, total);
        _messagesEnd = pos + total;
        if (_sync) _messageFile.Flush(flushToDisk: true);
        Index(msgSeqNum, pos);
        NextSenderMsgSeqNum = msgSeqNum + 1;
        WriteSeqNums();
    }

    public void SetNextSenderMsgSeqNum(int value)
    {
        NextSenderMsgSeqNum = value;
        WriteSeqNums();
    }

    public void SetNextTargetMsgSeqNum(int value)
    {
        NextTargetMsgSeqNum = value;
        WriteSeqNums();
    }

    public int TryRead(int msgSeqNum, ref byte[] buffer)
    {
        if (msgSeqNum <= 0 || msgSeqNum >= _offsetBySeq.Length) return -1;
        long offset = _offsetBySeq[msgSeqNum] - 1;
        if (offset < 0) return -1;
        Span<byte> header = stackalloc byte[8];
        RandomAccess.Read(_messageFile.SafeFileHandle, header, offset);
        int len = BinaryPrimitives.ReadInt32LittleEndian(header[4..]);
        if (buffer.Length < len) buffer = new byte[len * 2];
        int read = RandomAccess.Read(_messageFile.SafeFileHandle, buffer.AsSpan(0, len), offset + 8);
        return read == len ? len : -1;
    }

    public void Reset(DateTime now)
    {
        _messageFile.SetLength(0);
        _messageFile.Position = 0;
        _messagesEnd = 0;
        Array.Clear(_offsetBySeq);
        NextSenderMsgSeqNum = NextTargetMsgSeqNum = 1;
        WriteSeqNums();
        WriteCreationTime(now);
    }

    private void Index(int seq, long offset)
    {
        if (seq >= _offsetBySeq.Length)
        {
            int size = _offsetBySeq.Length;
            while (size <= seq) size *= 2;
            Array.Resize(ref _offsetBySeq, size);
        }
        _offsetBySeq[seq] = offset + 1;
    }

    private void WriteSeqNums()
    {
        var s = _seqScratch.AsSpan();
        WriteTen(s, NextSenderMsgSeqNum);
        s[10] = (byte)':';
        WriteTen(s[11..], NextTargetMsgSeqNum);
        s[21] = (byte)'\n';
        _seqFile.Position = 0;
        _seqFile.Write(_seqScratch, 0, SeqRecordLength);
        if (_sync) _seqFile.Flush(flushToDisk: true);
    }

    private static void WriteTen(Span<byte> d, int value)
    {
        for (int i = 9; i >= 0; i--) { d[i] = (byte)('0' + value % 10); value /= 10; }
    }

    private void WriteCreationTime(DateTime now)
    {
        CreationTime = new DateTime(now.Ticks - now.Ticks % TimeSpan.TicksPerSecond, DateTimeKind.Utc);
        File.WriteAllText(_sessionFilePath, CreationTime.ToString("yyyyMMdd-HH:mm:ss", CultureInfo.InvariantCulture) + "\n");
    }

    private static string Sanitize(string name)
    {
        var invalid = Path.GetInvalidFileNameChars();
        return new string(name.Select(c => invalid.Contains(c) || c == ' ' ? '_' : c).ToArray());
    }

    public void Dispose()
    {
        _seqFile.Dispose();
        _messageFile.Dispose();
    }
}
