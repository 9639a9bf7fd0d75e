using FsCheck;
using FsCheck.Fluent;
using TradeX.Sbe.Tests.EveryFeature;

namespace TradeX.Sbe.Tests.Codecs;

/// <summary>
/// Decoders let groups and var data be read in any order, interleaved: a message's var data in the
/// middle of iterating a group, an entry's var data in the middle of its nested group, a group
/// re-opened half way. Random messages and random read scripts; every read must return the model's
/// value. (Only decoders a script has abandoned, such as a nested group of an entry already left,
/// are not read again: they are documented as stale.)
/// </summary>
[TestFixture]
public sealed class RandomAccessProperties
{
    private sealed record Leg(short Ratio, ushort[] Fills, string Note);

    private sealed record Model(uint Id, Leg[] Legs, string Memo);

    private static readonly Gen<string> Text = Gen.Choose(0, 6).SelectMany(n => Gen.ArrayOf(Gen.Elements('a', 'b', 'c', 'x', 'y'), n)).Select(c => new string(c));

    private static readonly Gen<Model> Models =
        from id in Gen.Choose(0, int.MaxValue)
        from legs in Gen.Choose(0, 4).SelectMany(n => Gen.ArrayOf(
            from ratio in Gen.Choose(short.MinValue, short.MaxValue)
            from fills in Gen.Choose(0, 3).SelectMany(f => Gen.ArrayOf(Gen.Choose(0, ushort.MaxValue).Select(q => (ushort)q), f))
            from note in Text
            select new Leg((short)ratio, fills, note), n))
        from memo in Text
        select new Model((uint)id, legs, memo);

    [Test]
    public void Interleaved_reads_in_any_order_return_the_encoded_values()
    {
        Gen<(Model, int)> cases = Models.SelectMany(m => Gen.Choose(0, int.MaxValue).Select(seed => (m, seed)));

        Check.One(
            Config.QuickThrowOnFailure.WithMaxTest(2_000).WithQuietOnSuccess(true),
            Prop.ForAll(cases.ToArbitrary(), c => Run(c.Item1, c.Item2)));
    }

    private static void Run(Model model, int seed)
    {
        var buffer = new byte[1024];
        int length = Encode(model, buffer);
        var random = new Random(seed);
        var message = EverythingDecoder.Wrap(buffer.AsSpan(0, length));
        var legs = message.Legs();
        int leg = -1;
        scoped EverythingDecoder.LegsDecoder.FillsDecoder fills = default;
        bool haveFills = false;
        int fill = -1;
        var trace = new List<string>();

        for (int step = 0; step < 40; step++)
        {
            switch (random.Next(8))
            {
                case 0:
                    trace.Add("memo");
                    Expect(message.GetMemoString(), model.Memo, trace);
                    break;
                case 1:
                    trace.Add("legs()");
                    legs = message.Legs();
                    Expect(legs.Count, model.Legs.Length, trace);
                    leg = -1;
                    haveFills = false;
                    break;
                case 2 when leg < model.Legs.Length:
                    trace.Add("legs.MoveNext");
                    bool moved = legs.MoveNext();
                    leg++;
                    haveFills = false;
                    Expect(moved, leg < model.Legs.Length, trace);
                    if (moved)
                    {
                        Expect(legs.Ratio, model.Legs[leg].Ratio, trace);
                    }

                    break;
                case 3 when leg >= 0 && leg < model.Legs.Length:
                    trace.Add("note");
                    Expect(legs.GetNoteString(), model.Legs[leg].Note, trace);
                    break;
                case 4 when leg >= 0 && leg < model.Legs.Length:
                    trace.Add("fills()");
                    fills = legs.Fills();
                    haveFills = true;
                    fill = -1;
                    Expect(fills.Count, model.Legs[leg].Fills.Length, trace);
                    break;
                case 5 when haveFills && fill < model.Legs[leg].Fills.Length:
                    trace.Add("fills.MoveNext");
                    bool next = fills.MoveNext();
                    fill++;
                    Expect(next, fill < model.Legs[leg].Fills.Length, trace);
                    if (next)
                    {
                        Expect(fills.Qty, model.Legs[leg].Fills[fill], trace);
                    }

                    break;
                case 6:
                    trace.Add("id");
                    Expect(message.Id, model.Id, trace);
                    break;
                case 7:
                    trace.Add("validate");
                    Expect(EverythingDecoder.TryValidate(buffer.AsSpan(0, length), 0, out int validated, out _) && validated == length, true, trace);
                    break;
            }
        }
    }

    private static void Expect<T>(T actual, T expected, List<string> trace)
    {
        if (!EqualityComparer<T>.Default.Equals(actual, expected))
        {
            throw new InvalidOperationException($"after {string.Join(", ", trace)}: read {actual}, expected {expected}");
        }
    }

    private static int Encode(Model model, Span<byte> buffer)
    {
        var message = EverythingEncoder.WrapAndApplyHeader(buffer);
        message.Id = model.Id;
        var legs = message.LegsCount(model.Legs.Length);
        foreach (Leg leg in model.Legs)
        {
            legs.Next();
            legs.Ratio = leg.Ratio;
            var fills = legs.FillsCount(leg.Fills.Length);
            foreach (ushort quantity in leg.Fills)
            {
                fills.Next();
                fills.Qty = quantity;
            }

            legs.SetNote(leg.Note);
        }

        message.SetMemo(model.Memo);
        return message.Finish();
    }
}
