using System.Globalization;
using System.Text;
using System.Text.RegularExpressions;

namespace TradeX.Fix.Tests.Conformance;

/// <summary>
/// One frame as it came off the socket, split into its fields in wire order by the peer's own code. Compare
/// it with <see cref="ShouldBe"/> against the exact text expected, '*' standing for values that vary (BodyLength,
/// CheckSum, times): tags, values and their order must all match.
/// </summary>
public sealed partial class WireMessage
{
    private WireMessage(string text, List<(int Tag, string Value)> fields)
    {
        Text = text;
        Fields = fields;
    }

    /// <summary>The frame with '|' for SOH.</summary>
    public string Text { get; }
    public IReadOnlyList<(int Tag, string Value)> Fields { get; }

    public string? this[int tag] => Fields.Where(f => f.Tag == tag).Select(f => f.Value).FirstOrDefault();
    public string MsgType => this[35] ?? "";
    public int MsgSeqNum => int.Parse(this[34] ?? "0", CultureInfo.InvariantCulture);

    /// <summary>Splits a frame (already checked by <see cref="FixWire.FindFrame"/>) into fields.</summary>
    public static WireMessage Split(ReadOnlySpan<byte> frame)
    {
        string text = FixWire.Visible(frame);
        var fields = new List<(int, string)>();
        foreach (var field in Encoding.ASCII.GetString(frame).Split('\u0001', StringSplitOptions.RemoveEmptyEntries))
        {
            int eq = field.IndexOf('=');
            int tag = 0;
            if (eq <= 0 || !int.TryParse(field.AsSpan(0, eq), NumberStyles.None, CultureInfo.InvariantCulture, out tag))
                Assert.Fail($"our engine sent a field that is not tag=value ('{field}'): {text}");
            fields.Add((tag, field[(eq + 1)..]));
        }
        foreach (int timeTag in new[] { 52, 122 })
        {
            var value = fields.Where(f => f.Item1 == timeTag).Select(f => f.Item2).FirstOrDefault();
            if (value is not null && !UtcTimestamp().IsMatch(value)) Assert.Fail($"tag {timeTag} is not a UTCTimestamp: {text}");
        }
        return new WireMessage(text, fields);
    }

    /// <summary>
    /// Asserts this message is exactly <paramref name="expected"/>, e.g.
    /// <c>8=FIX.4.4|9=*|35=0|34=2|49=TRADEX|52=*|56=PEER|112=T1|10=*</c>: same fields in the same order, each
    /// value equal unless the expected value is '*'.
    /// </summary>
    public WireMessage ShouldBe(string expected, string? context = null)
    {
        var want = expected.Split('|', StringSplitOptions.RemoveEmptyEntries).Select(f =>
        {
            int eq = f.IndexOf('=');
            return (Tag: int.Parse(f.AsSpan(0, eq), CultureInfo.InvariantCulture), Value: f[(eq + 1)..]);
        }).ToList();
        for (int i = 0; i < Math.Max(want.Count, Fields.Count); i++)
        {
            bool same = i < want.Count && i < Fields.Count && want[i].Tag == Fields[i].Tag && (want[i].Value == "*" || want[i].Value == Fields[i].Value);
            if (same) continue;
            string w = i < want.Count ? $"{want[i].Tag}={want[i].Value}" : "(nothing)";
            string a = i < Fields.Count ? $"{Fields[i].Tag}={Fields[i].Value}" : "(nothing)";
            Assert.Fail($"{(context is null ? "" : context + ": ")}message differs at field {i + 1} (expected {w}, got {a})\n" +
                        $"  expected: {expected}\n  actual:   {Text}");
        }
        return this;
    }

    public override string ToString() => Text;

    [GeneratedRegex(@"^\d{8}-\d{2}:\d{2}:\d{2}(\.\d{3}|\.\d{6}|\.\d{9})?$")]
    private static partial Regex UtcTimestamp();
}
