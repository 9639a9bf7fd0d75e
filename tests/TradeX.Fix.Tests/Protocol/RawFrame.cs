using System.Text;
using TradeX.Fix.Protocol;

namespace TradeX.Fix.Tests.Protocol;

/// <summary>
/// Frames written field by field, in whatever order a test needs (out-of-order headers, odd tags): "|" stands
/// for SOH; BodyLength and CheckSum are computed unless the test overrides them.
/// </summary>
public static class RawFrame
{
    /// <summary>"8=FIX.4.4|9=n|" + <paramref name="fieldsFrom35"/> + "10=ccc|".</summary>
    public static byte[] Wrap(string fieldsFrom35, int? bodyLength = null, int? checkSum = null) =>
        Wrap(Encoding.ASCII.GetBytes(fieldsFrom35.Replace('|', '\u0001')), bodyLength, checkSum);

    public static byte[] Wrap(byte[] body, int? bodyLength = null, int? checkSum = null)
    {
        var head = Encoding.ASCII.GetBytes($"8=FIX.4.4\u00019={bodyLength ?? body.Length}\u0001");
        var message = head.Concat(body).ToArray();
        int sum = checkSum ?? FixChecksum.Compute(message);
        return message.Concat(Encoding.ASCII.GetBytes($"10={sum:D3}\u0001")).ToArray();
    }

    /// <summary>The tags of a frame in wire order.</summary>
    public static int[] Tags(ReadOnlySpan<byte> frame, DataFieldMap? dataFields = null)
    {
        var m = new FixMessage(dataFields);
        var status = m.Parse(frame);
        if (status != FixParseStatus.Ok) throw new InvalidOperationException($"frame does not parse: {status}");
        var tags = new int[m.FieldCount];
        for (int i = 0; i < tags.Length; i++) tags[i] = m.TagAt(i);
        return tags;
    }

    public static string Text(ReadOnlySpan<byte> frame) => Encoding.ASCII.GetString(frame).Replace('\u0001', '|');
}
