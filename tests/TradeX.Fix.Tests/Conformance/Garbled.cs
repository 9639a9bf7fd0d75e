namespace TradeX.Fix.Tests.Conformance;

/// <summary>
/// Frames that FIX 4.4 calls garbled (Volume 2, "Message format": BeginString, BodyLength and MsgType first, a
/// correct BodyLength, CheckSum last and right), each built from otherwise correct fields ("35=...|" onwards).
/// </summary>
public static class Garbled
{
    /// <summary>A field without '=' inserted after the header (BodyLength and CheckSum computed over it).</summary>
    public static byte[] FieldWithoutEquals(string header, string body) => FixWire.Frame(header + "GARBLED|" + body);

    public static byte[] BodyLengthShort(string fields) => FixWire.Frame(fields, bodyLength: FixWire.Bytes(fields).Length - 5);

    /// <summary>BodyLength 20 bytes too long: the frame reaches into whatever follows it.</summary>
    public static byte[] BodyLengthLong(string fields) => FixWire.Frame(fields, bodyLength: FixWire.Bytes(fields).Length + 20);

    /// <summary>MsgType before BodyLength; the CheckSum (a sum of bytes) stays right.</summary>
    public static byte[] MsgTypeBeforeBodyLength(string fields)
    {
        int length = FixWire.Bytes(fields).Length;
        int end = fields.IndexOf('|');
        string msgType = fields[..(end + 1)];
        string good = FixWire.Visible(FixWire.Frame(fields));
        return FixWire.Bytes(good.Replace($"|9={length}|{msgType}", $"|{msgType}9={length}|"));
    }

    public static byte[] WrongCheckSum(string fields)
    {
        var good = FixWire.Frame(fields);
        int right = FixWire.CheckSum(good.AsSpan()[..^7]);
        return FixWire.Frame(fields, checkSum: ((right + 1) % 256).ToString("000"));
    }

    public static byte[] CheckSumNotANumber(string fields) => FixWire.Frame(fields, checkSum: "ABC");
}
