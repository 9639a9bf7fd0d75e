namespace TradeX.Fix.Protocol;

/// <summary>
/// FIX 4.4 tag numbers the engine itself reads or writes. Use these instead of literals so a reader
/// sees the field's name; application code may use any tag number directly.
/// </summary>
public static class Tag
{
    public const int Account = 1;
    public const int AvgPx = 6;
    public const int BeginSeqNo = 7;
    public const int BeginString = 8;
    public const int BodyLength = 9;
    public const int CheckSum = 10;
    public const int ClOrdID = 11;
    public const int CumQty = 14;
    public const int Currency = 15;
    public const int EndSeqNo = 16;
    public const int ExecID = 17;
    public const int ExecInst = 18;
    public const int HandlInst = 21;
    public const int SecurityIDSource = 22;
    public const int LastPx = 31;
    public const int LastQty = 32;
    public const int MsgSeqNum = 34;
    public const int MsgType = 35;
    public const int NewSeqNo = 36;
    public const int OrderID = 37;
    public const int OrderQty = 38;
    public const int OrdStatus = 39;
    public const int OrdType = 40;
    public const int OrigClOrdID = 41;
    public const int PossDupFlag = 43;
    public const int Price = 44;
    public const int RefSeqNum = 45;
    public const int SecurityID = 48;
    public const int SenderCompID = 49;
    public const int SenderSubID = 50;
    public const int SendingTime = 52;
    public const int Side = 54;
    public const int Symbol = 55;
    public const int TargetCompID = 56;
    public const int TargetSubID = 57;
    public const int Text = 58;
    public const int TimeInForce = 59;
    public const int TransactTime = 60;
    public const int SecureDataLen = 90;
    public const int SecureData = 91;
    public const int Signature = 89;
    public const int SignatureLength = 93;
    public const int RawDataLength = 95;
    public const int RawData = 96;
    public const int PossResend = 97;
    public const int EncryptMethod = 98;
    public const int StopPx = 99;
    public const int ExDestination = 100;
    public const int CxlRejReason = 102;
    public const int OrdRejReason = 103;
    public const int HeartBtInt = 108;
    public const int TestReqID = 112;
    public const int OrigSendingTime = 122;
    public const int GapFillFlag = 123;
    public const int ResetSeqNumFlag = 141;
    public const int ExecType = 150;
    public const int LeavesQty = 151;
    public const int XmlDataLen = 212;
    public const int XmlData = 213;
    public const int RefTagID = 371;
    public const int RefMsgType = 372;
    public const int SessionRejectReason = 373;
    public const int BusinessRejectRefID = 379;
    public const int BusinessRejectReason = 380;
    public const int CxlRejResponseTo = 434;
    public const int Username = 553;
    public const int Password = 554;
    public const int NextExpectedMsgSeqNum = 789;
}
