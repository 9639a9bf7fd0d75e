using System.Globalization;

namespace TradeX.Replication;

/// <summary>
/// The node's epoch (the cluster's term), kept in a file named <c>epoch</c> beside the journal so it survives restarts:
/// it only ever rises, by promotion or by following a primary of a newer epoch. Messages stamped with an older epoch
/// than a node's own are refused (fencing). Without a directory the epoch lives in memory (tests, in-memory journals).
/// </summary>
public sealed class NodeEpoch
{
    public const string FileName = "epoch";
    private readonly string? _path;
    private long _value;

    private NodeEpoch(string? path, ulong value)
    {
        _path = path;
        _value = (long)value;
    }

    /// <summary>Reads the epoch kept in <paramref name="directory"/> (1 when there is none yet), or an in-memory epoch of 1.</summary>
    /// <exception cref="InvalidDataException">The file exists but does not hold a positive number.</exception>
    public static NodeEpoch Open(string? directory)
    {
        if (directory is null) return new NodeEpoch(null, 1);
        string path = Path.Combine(directory, FileName);
        if (!File.Exists(path)) return new NodeEpoch(path, 1);
        string text = File.ReadAllText(path).Trim();
        if (!ulong.TryParse(text, NumberStyles.None, CultureInfo.InvariantCulture, out ulong value) || value == 0)
            throw new InvalidDataException($"{path}: '{text}' is not an epoch (a positive whole number)");
        return new NodeEpoch(path, value);
    }

    public ulong Value => (ulong)Interlocked.Read(ref _value);

    /// <summary>Raises the epoch to <paramref name="value"/> and makes it durable before returning; false if it is not higher.</summary>
    public bool Raise(ulong value)
    {
        if (value <= Value) return false;
        if (_path is not null)
        {
            string temp = _path + ".tmp";
            using (var file = new FileStream(temp, FileMode.Create, FileAccess.Write, FileShare.None))
            {
                file.Write(System.Text.Encoding.ASCII.GetBytes(value.ToString(CultureInfo.InvariantCulture) + "\n"));
                file.Flush(flushToDisk: true);
            }
            File.Move(temp, _path, overwrite: true);
        }
        Interlocked.Exchange(ref _value, (long)value);
        return true;
    }
}
