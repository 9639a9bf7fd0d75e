namespace TradeX.Fix.Protocol;

/// <summary>
/// Which length field announces which raw-data field (EncodedTextLen(354) → EncodedText(355) ...).
/// A data value may contain SOH, so the parser must read exactly the announced number of bytes.
/// Use <see cref="Fix44"/> without a dictionary; a loaded dictionary builds its own map.
/// </summary>
public sealed class DataFieldMap
{
    private readonly int[] _dataTagByLengthTag;

    public DataFieldMap(IEnumerable<(int LengthTag, int DataTag)> pairs)
    {
        var list = pairs.ToList();
        int max = list.Count == 0 ? 0 : list.Max(p => p.LengthTag);
        _dataTagByLengthTag = new int[max + 1];
        foreach (var (l, d) in list) _dataTagByLengthTag[l] = d;
    }

    /// <summary>The pairs of the standard FIX 4.4 specification.</summary>
    public static DataFieldMap Fix44 { get; } = new(new[]
    {
        (90, 91), (93, 89), (95, 96), (212, 213), (348, 349), (350, 351), (352, 353), (354, 355),
        (356, 357), (358, 359), (360, 361), (362, 363), (364, 365), (445, 446), (618, 619), (621, 622),
    });

    /// <summary>DataTag by length tag, 0 where none: read directly by the parser's loop.</summary>
    internal int[] Table => _dataTagByLengthTag;

    public int DataTagFor(int lengthTag) =>
        (uint)lengthTag < (uint)_dataTagByLengthTag.Length ? _dataTagByLengthTag[lengthTag] : 0;
}
