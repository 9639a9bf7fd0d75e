namespace TradeX.Fix.Protocol;

/// <summary>
/// MsgType(35) values as UTF-8 literals: comparing a parsed message's type against these allocates
/// nothing (<c>message.IsMsgType(MsgTypes.ExecutionReport)</c>).
/// </summary>
public static class MsgTypes
{
    public static ReadOnlySpan<byte> Heartbeat => "0"u8;
    public static ReadOnlySpan<byte> TestRequest => "1"u8;
    public static ReadOnlySpan<byte> ResendRequest => "2"u8;
    public static ReadOnlySpan<byte> Reject => "3"u8;
    public static ReadOnlySpan<byte> SequenceReset => "4"u8;
    public static ReadOnlySpan<byte> Logout => "5"u8;
    public static ReadOnlySpan<byte> ExecutionReport => "8"u8;
    public static ReadOnlySpan<byte> OrderCancelReject => "9"u8;
    public static ReadOnlySpan<byte> Logon => "A"u8;
    public static ReadOnlySpan<byte> NewOrderSingle => "D"u8;
    public static ReadOnlySpan<byte> OrderCancelRequest => "F"u8;
    public static ReadOnlySpan<byte> OrderCancelReplaceRequest => "G"u8;
    public static ReadOnlySpan<byte> BusinessMessageReject => "j"u8;

    /// <summary>
    /// True for the seven session-level (administrative) message types of FIX 4.4. These are never
    /// resent on a ResendRequest: a SequenceReset-GapFill stands in for them.
    /// </summary>
    public static bool IsAdmin(ReadOnlySpan<byte> msgType) =>
        msgType.Length == 1 && msgType[0] is (byte)'0' or (byte)'1' or (byte)'2' or (byte)'3' or (byte)'4' or (byte)'5' or (byte)'A';
}
