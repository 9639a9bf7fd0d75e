using System.Buffers.Binary;
using System.Diagnostics.CodeAnalysis;
using System.IO.Compression;

namespace TradeX.Metrics;

/// <summary>
/// HdrHistogram's V2 binary encoding, plain and compressed, as used in histogram log files and read
/// by HdrHistogram's tools in every language. Plain: a 40-byte big-endian header (cookie, payload
/// length, normalizing offset, significant digits, lowest, highest, integer-to-double ratio) then the
/// counts as ZigZag LEB128, a run of zeros written as one negative number. Compressed: a cookie, the
/// compressed length and the plain encoding deflated in zlib format. The plain encoding is byte-for-byte
/// Java's; compressed bytes depend on the zlib build, but decode to the same plain bytes everywhere.
/// </summary>
public static class HistogramEncoding
{
    /// <summary>The V2 cookie of a plain encoding (0x1c849303 | 0x10).</summary>
    public const int V2EncodingCookie = 0x1c849313;

    /// <summary>The V2 cookie of a compressed encoding (0x1c849304 | 0x10): base64 of it starts "HISTF".</summary>
    public const int V2CompressedEncodingCookie = 0x1c849314;

    private const int HeaderSize = 40;
    private const int CompressedHeaderSize = 8;

    /// <summary>The plain V2 encoding of <paramref name="histogram"/>.</summary>
    public static byte[] Encode(HdrHistogram histogram)
    {
        ArgumentNullException.ThrowIfNull(histogram);
        // Counts are written up to the bucket of the largest value; everything above is zero anyway.
        int countsLimit = histogram.CountsIndexFor(histogram.MaxValue) + 1;
        byte[] buffer = new byte[HeaderSize + (countsLimit * ZigZagLeb128.MaxBytes)];
        Span<byte> payload = buffer.AsSpan(HeaderSize);
        int written = 0;
        int index = 0;
        while (index < countsLimit)
        {
            long count = histogram.CountAtIndex(index++);
            if (count == 0)
            {
                long zeros = 1;
                while (index < countsLimit && histogram.CountAtIndex(index) == 0)
                {
                    zeros++;
                    index++;
                }
                written += ZigZagLeb128.Write(payload[written..], zeros > 1 ? -zeros : 0);
            }
            else
            {
                written += ZigZagLeb128.Write(payload[written..], count);
            }
        }
        Span<byte> header = buffer.AsSpan(0, HeaderSize);
        BinaryPrimitives.WriteInt32BigEndian(header, V2EncodingCookie);
        BinaryPrimitives.WriteInt32BigEndian(header[4..], written);
        BinaryPrimitives.WriteInt32BigEndian(header[8..], 0); // normalizing index offset: never shifted here
        BinaryPrimitives.WriteInt32BigEndian(header[12..], histogram.SignificantDigits);
        BinaryPrimitives.WriteInt64BigEndian(header[16..], histogram.LowestDiscernibleValue);
        BinaryPrimitives.WriteInt64BigEndian(header[24..], histogram.HighestTrackableValue);
        BinaryPrimitives.WriteDoubleBigEndian(header[32..], 1.0); // integer-to-double conversion ratio
        return buffer[..(HeaderSize + written)];
    }

    /// <summary>The compressed V2 encoding of <paramref name="histogram"/>.</summary>
    public static byte[] EncodeCompressed(HdrHistogram histogram)
    {
        byte[] plain = Encode(histogram);
        using var compressed = new MemoryStream();
        compressed.Write(new byte[CompressedHeaderSize]);
        using (var zlib = new ZLibStream(compressed, CompressionLevel.Optimal, leaveOpen: true))
        {
            zlib.Write(plain);
        }
        byte[] result = compressed.ToArray();
        BinaryPrimitives.WriteInt32BigEndian(result, V2CompressedEncodingCookie);
        BinaryPrimitives.WriteInt32BigEndian(result.AsSpan(4), result.Length - CompressedHeaderSize);
        return result;
    }

    /// <summary>The compressed encoding in base64: the form histogram log lines carry ("HISTF...").</summary>
    public static string ToBase64Compressed(HdrHistogram histogram) => Convert.ToBase64String(EncodeCompressed(histogram));

    /// <summary>
    /// Decodes a base64 compressed (or plain) V2 histogram. Never throws on bad input: returns false and
    /// an error naming what is wrong. <paramref name="minHighestTrackableValue"/> widens the decoded range if wanted.
    /// </summary>
    public static bool TryDecodeBase64(string? base64, [NotNullWhen(true)] out HdrHistogram? histogram, [NotNullWhen(false)] out string? error, long minHighestTrackableValue = 0)
    {
        histogram = null;
        byte[] bytes;
        try
        {
            bytes = Convert.FromBase64String((base64 ?? string.Empty).Trim());
        }
        catch (FormatException)
        {
            error = "not valid base64";
            return false;
        }
        return TryDecode(bytes, out histogram, out error, minHighestTrackableValue);
    }

    /// <summary>Decodes a plain or compressed V2 encoding (told apart by the cookie). Never throws on bad input.</summary>
    public static bool TryDecode(ReadOnlySpan<byte> data, [NotNullWhen(true)] out HdrHistogram? histogram, [NotNullWhen(false)] out string? error, long minHighestTrackableValue = 0)
    {
        histogram = null;
        if (data.Length < 4)
        {
            error = $"too short for a histogram encoding ({data.Length} bytes)";
            return false;
        }
        int cookie = BinaryPrimitives.ReadInt32BigEndian(data);
        if (cookie == V2CompressedEncodingCookie)
        {
            return TryDecodeCompressed(data, out histogram, out error, minHighestTrackableValue);
        }
        if (cookie == V2EncodingCookie)
        {
            return TryDecodePlain(data, out histogram, out error, minHighestTrackableValue);
        }
        error = $"unsupported encoding cookie 0x{cookie:x8}: only HdrHistogram V2 (0x{V2EncodingCookie:x8} plain, 0x{V2CompressedEncodingCookie:x8} compressed) is supported";
        return false;
    }

    private static bool TryDecodeCompressed(ReadOnlySpan<byte> data, out HdrHistogram? histogram, out string? error, long minHighestTrackableValue)
    {
        histogram = null;
        if (data.Length < CompressedHeaderSize)
        {
            error = "compressed histogram shorter than its 8-byte header";
            return false;
        }
        int length = BinaryPrimitives.ReadInt32BigEndian(data[4..]);
        if (length < 0 || length > data.Length - CompressedHeaderSize)
        {
            error = $"compressed length {length} does not fit in the {data.Length - CompressedHeaderSize} bytes that follow the header";
            return false;
        }
        byte[] plain;
        try
        {
            using var input = new MemoryStream(data.Slice(CompressedHeaderSize, length).ToArray());
            using var zlib = new ZLibStream(input, CompressionMode.Decompress);
            using var output = new MemoryStream();
            zlib.CopyTo(output);
            plain = output.ToArray();
        }
        catch (InvalidDataException exception)
        {
            error = $"compressed contents are not valid zlib data: {exception.Message}";
            return false;
        }
        if (plain.Length < 4 || BinaryPrimitives.ReadInt32BigEndian(plain) != V2EncodingCookie)
        {
            error = "the decompressed contents are not a V2 histogram encoding";
            return false;
        }
        return TryDecodePlain(plain, out histogram, out error, minHighestTrackableValue);
    }

    private static bool TryDecodePlain(ReadOnlySpan<byte> data, out HdrHistogram? histogram, out string? error, long minHighestTrackableValue)
    {
        histogram = null;
        if (data.Length < HeaderSize)
        {
            error = $"histogram encoding shorter than its {HeaderSize}-byte header ({data.Length} bytes)";
            return false;
        }
        int payloadLength = BinaryPrimitives.ReadInt32BigEndian(data[4..]);
        int normalizingIndexOffset = BinaryPrimitives.ReadInt32BigEndian(data[8..]);
        int digits = BinaryPrimitives.ReadInt32BigEndian(data[12..]);
        long lowest = BinaryPrimitives.ReadInt64BigEndian(data[16..]);
        long highest = BinaryPrimitives.ReadInt64BigEndian(data[24..]);
        if (payloadLength < 0 || payloadLength > data.Length - HeaderSize)
        {
            error = $"payload length {payloadLength} does not fit in the {data.Length - HeaderSize} bytes after the header";
            return false;
        }
        if (normalizingIndexOffset != 0)
        {
            error = $"normalizing index offset {normalizingIndexOffset} is not supported (only unshifted histograms)";
            return false;
        }
        if (digits < 0 || digits > 5 || lowest < 1 || lowest > long.MaxValue / 2 || highest < 2 * lowest)
        {
            error = $"invalid histogram parameters: significant digits {digits}, lowest {lowest}, highest {highest}";
            return false;
        }
        try
        {
            histogram = new HdrHistogram(lowest, Math.Max(highest, minHighestTrackableValue), digits);
        }
        catch (ArgumentOutOfRangeException exception)
        {
            error = $"invalid histogram parameters: {exception.Message}";
            return false;
        }
        ReadOnlySpan<byte> payload = data.Slice(HeaderSize, payloadLength);
        int index = 0;
        while (!payload.IsEmpty)
        {
            if (!ZigZagLeb128.TryRead(payload, out long count, out int length))
            {
                error = "the payload ends in the middle of a count";
                histogram = null;
                return false;
            }
            payload = payload[length..];
            if (count < 0)
            {
                if (-count > histogram.CountsLength - (long)index)
                {
                    error = $"a run of {-count} zeros goes past the histogram's {histogram.CountsLength} counts";
                    histogram = null;
                    return false;
                }
                index += (int)-count;
                continue;
            }
            if (index >= histogram.CountsLength)
            {
                error = $"the payload has more counts than the histogram's {histogram.CountsLength}";
                histogram = null;
                return false;
            }
            histogram.SetCountAtIndex(index++, count);
        }
        error = null;
        return true;
    }
}
