using System.Text;
using TradeX.Fix.Protocol;

namespace TradeX.Fix.Tests.Fuzz;

/// <summary>
/// Makes random and mutated FIX frames from a seed corpus: byte flips, insertions, deletions, truncation,
/// duplicated or swapped fields, random tag=value lists, pure noise. Half the mutants get their
/// BodyLength and CheckSum repaired, so they pass framing and reach the validator's deeper checks.
/// Deterministic for a given seed, so a failure can be replayed.
/// </summary>
public sealed class FixMutator(int seed)
{
    private readonly Random _random = new(seed);
    private readonly byte[][] _seeds = Support.Messages.SeedCorpus().ToArray();
    private readonly byte[] _scratch = new byte[4096];
    private static readonly int[] InterestingTags = [8, 9, 10, 11, 34, 35, 38, 40, 43, 44, 49, 52, 54, 55, 56, 60, 95, 96, 122, 150, 354, 355, 448, 453, 0, 5000, 9999, 123456789];
    private static readonly string[] InterestingValues = ["", "0", "-1", "Y", "N", "1", "2", "Z", "99999999999999999999", "20260101-00:00:00", "20261399-99:99:99", "1.5", "-", ".", "1 2 3", "\u0001", "=", "8=FIX.4.4"];

    /// <summary>The next input; the returned span is valid until the next call.</summary>
    public ReadOnlySpan<byte> Next()
    {
        int mode = _random.Next(10);
        int length = mode switch
        {
            0 => Noise(),
            1 or 2 => RandomFields(),
            _ => Mutate(),
        };
        if (_random.Next(2) == 0) length = Repair(length);
        return _scratch.AsSpan(0, length);
    }

    private int Noise()
    {
        int n = _random.Next(0, 300);
        _random.NextBytes(_scratch.AsSpan(0, n));
        if (n > 10 && _random.Next(2) == 0) "8=FIX.4.4\u00019="u8.CopyTo(_scratch);
        return n;
    }

    private int RandomFields()
    {
        var sb = new StringBuilder("8=FIX.4.4\u00019=0\u000135=");
        sb.Append(_random.Next(4) switch { 0 => "D", 1 => "8", 2 => "A", _ => ((char)_random.Next(32, 127)).ToString() }).Append('\u0001');
        int fields = _random.Next(0, 30);
        for (int i = 0; i < fields; i++)
        {
            int tag = _random.Next(3) == 0 ? InterestingTags[_random.Next(InterestingTags.Length)] : _random.Next(1, 1000);
            string value = _random.Next(3) == 0 ? InterestingValues[_random.Next(InterestingValues.Length)] : _random.Next(-1000, 100000).ToString();
            sb.Append(tag).Append('=').Append(value).Append('\u0001');
        }
        sb.Append("10=000\u0001");
        return Copy(Encoding.ASCII.GetBytes(sb.ToString()));
    }

    private int Mutate()
    {
        var seed = _seeds[_random.Next(_seeds.Length)];
        int n = Copy(seed);
        int mutations = 1 + _random.Next(4);
        for (int m = 0; m < mutations; m++)
        {
            switch (_random.Next(8))
            {
                case 0: // flip a byte
                    if (n > 0) _scratch[_random.Next(n)] = (byte)_random.Next(256);
                    break;
                case 1: // set a byte to a FIX delimiter
                    if (n > 0) _scratch[_random.Next(n)] = _random.Next(2) == 0 ? (byte)1 : (byte)'=';
                    break;
                case 2: // delete a range
                    if (n > 2)
                    {
                        int at = _random.Next(n), len = Math.Min(_random.Next(1, 12), n - at);
                        _scratch.AsSpan(at + len, n - at - len).CopyTo(_scratch.AsSpan(at));
                        n -= len;
                    }
                    break;
                case 3: // truncate
                    n = _random.Next(n + 1);
                    break;
                case 4: // insert an interesting field somewhere
                    {
                        var field = Encoding.ASCII.GetBytes($"{InterestingTags[_random.Next(InterestingTags.Length)]}={InterestingValues[_random.Next(InterestingValues.Length)]}\u0001");
                        int at = FieldStart(n);
                        n = Insert(at, n, field);
                    }
                    break;
                case 5: // duplicate a field
                    {
                        int a = FieldStart(n), end = FieldEnd(a, n);
                        var field = _scratch.AsSpan(a, end - a).ToArray();
                        n = Insert(FieldStart(n), n, field);
                    }
                    break;
                case 6: // change a digit run (tag, BodyLength, count)
                    for (int i = _random.Next(Math.Max(n, 1)); i < n; i++)
                        if (_scratch[i] is >= (byte)'0' and <= (byte)'9') { _scratch[i] = (byte)('0' + _random.Next(10)); break; }
                    break;
                case 7: // repeat the whole frame (two messages in one chunk)
                    if (2 * n < _scratch.Length) { _scratch.AsSpan(0, n).CopyTo(_scratch.AsSpan(n)); n *= 2; }
                    break;
            }
        }
        return n;
    }

    private int FieldStart(int n)
    {
        if (n == 0) return 0;
        int at = _random.Next(n);
        while (at > 0 && _scratch[at - 1] != 1) at--;
        return at;
    }

    private int FieldEnd(int start, int n)
    {
        int i = start;
        while (i < n && _scratch[i] != 1) i++;
        return Math.Min(i + 1, n);
    }

    private int Insert(int at, int n, byte[] bytes)
    {
        if (n + bytes.Length > _scratch.Length) return n;
        _scratch.AsSpan(at, n - at).CopyTo(_scratch.AsSpan(at + bytes.Length));
        bytes.CopyTo(_scratch.AsSpan(at));
        return n + bytes.Length;
    }

    private int Copy(byte[] bytes)
    {
        int n = Math.Min(bytes.Length, _scratch.Length);
        bytes.AsSpan(0, n).CopyTo(_scratch);
        return n;
    }

    /// <summary>Rewrites "8=..|9=..|" and "10=..|" around whatever body the mutant has, so framing is right.</summary>
    private int Repair(int n)
    {
        var span = _scratch.AsSpan(0, n);
        int firstSoh = span.IndexOf((byte)1);
        if (firstSoh < 0) return n;
        int secondSoh = span[(firstSoh + 1)..].IndexOf((byte)1);
        if (secondSoh < 0) return n;
        int bodyStart = firstSoh + 1 + secondSoh + 1;
        int checksumAt = span.LastIndexOf("\u000110="u8);
        int bodyEnd = checksumAt < bodyStart ? n : checksumAt + 1;
        var body = span[bodyStart..bodyEnd].ToArray();
        var head = Encoding.ASCII.GetBytes($"8=FIX.4.4\u00019={body.Length}\u0001");
        if (head.Length + body.Length + 7 > _scratch.Length) return n;
        head.CopyTo(_scratch, 0);
        body.CopyTo(_scratch, head.Length);
        int end = head.Length + body.Length;
        int sum = FixChecksum.Compute(_scratch.AsSpan(0, end));
        Encoding.ASCII.GetBytes($"10={sum:D3}\u0001").CopyTo(_scratch, end);
        return end + 7;
    }
}
