using System.Reflection;
using TradeX.Core;

namespace TradeX.Journal.Tests;

/// <summary>Every input kind through its SBE message and back, compared as raw bytes: a field the codec forgot would show.</summary>
[TestFixture]
public sealed class InputCodecTests
{
    [Test]
    public void Every_input_kind_of_the_engine_has_a_journal_template()
    {
        var missing = Enum.GetValues<InputKind>().Where(k => k != InputKind.None && !InputCodec.HasTemplate(k)).ToList();
        Assert.That(missing, Is.Empty, "input kinds the journal cannot record: add a message to schemas/journal.xml and to InputCodec");
    }

    [Test]
    public void Random_values_of_every_kind_round_trip_byte_for_byte()
    {
        var rng = new Random(11);
        var buffer = new byte[RecordFormat.MaxLength];
        foreach (InputKind kind in Enum.GetValues<InputKind>().Where(InputCodec.HasTemplate))
        {
            for (int trial = 0; trial < 300; trial++)
            {
                EngineInput input = RandomInput(rng, kind);
                int length = RecordFormat.Write(in input, input.Time, buffer);
                Assert.That(RecordFormat.CheckFrame(buffer.AsSpan(0, length), out int framed, out _), Is.Null);
                Assert.That(framed, Is.EqualTo(length));
                var decoded = default(EngineInput);
                Assert.That(RecordFormat.TryDecode(buffer.AsSpan(0, length), ref decoded, out string? error), Is.True, error);
                Assert.That(Journals.Bytes(decoded), Is.EqualTo(Journals.Bytes(input)), $"{kind} trial {trial}");
            }
        }
    }

    [Test]
    public void Invalid_enum_codes_are_journaled_as_they_arrived()
    {
        var input = EngineInput.Of(new NewOrder { Side = (Side)7, Type = (OrderType)0, TimeInForce = (TimeInForce)9, Quantity = Quantity.Of(1) });
        input.Sequence = 1;
        var buffer = new byte[RecordFormat.MaxLength];
        int length = RecordFormat.Write(in input, 0, buffer);
        var decoded = default(EngineInput);
        Assert.That(RecordFormat.TryDecode(buffer.AsSpan(0, length), ref decoded, out _), Is.True);
        Assert.That((byte)decoded.NewOrder.Side, Is.EqualTo(7));
        Assert.That((byte)decoded.NewOrder.Type, Is.EqualTo(0));
        Assert.That((byte)decoded.NewOrder.TimeInForce, Is.EqualTo(9));
    }

    [Test]
    public void A_version_0_mass_cancel_written_before_the_instrument_field_existed_reads_as_every_instrument()
    {
        // Header (blockLength 6, template 7, schema 2, version 0), then scope, target, quotesOnly: the version-0 block.
        byte[] v0 = [6, 0, 7, 0, 2, 0, 0, 0, (byte)MassCancelScope.Participant, 3, 0, 0, 0, 1];
        var decoded = default(EngineInput);
        Assert.That(InputCodec.TryDecode(InputKind.MassCancel, v0, ref decoded, out string? error), Is.True, error);
        Assert.That(decoded.MassCancel.Scope, Is.EqualTo(MassCancelScope.Participant));
        Assert.That(decoded.MassCancel.Target, Is.EqualTo(3));
        Assert.That(decoded.MassCancel.QuotesOnly, Is.True);
        Assert.That(decoded.MassCancel.Instrument.Value, Is.EqualTo(0));

        var narrowed = EngineInput.Of(new MassCancel { Scope = MassCancelScope.Participant, Target = 3, Instrument = new InstrumentId(9) });
        var buffer = new byte[64];
        int length = InputCodec.Encode(in narrowed, buffer);
        Assert.That(length, Is.EqualTo(8 + 10), "version 1 appends the 4-byte instrument to the block");
        Assert.That(BitConverter.ToUInt16(buffer, 6), Is.EqualTo(2), "written as the schema's current version");
        Assert.That(BitConverter.ToInt32(buffer, 14), Is.EqualTo(9));
    }

    [Test]
    public void A_version_1_instrument_written_before_the_protection_band_existed_reads_as_no_band()
    {
        var current = EngineInput.Of(new DefineInstrument
        {
            Instrument = new InstrumentId(4), Symbol = Ascii16.Create("ACME"), TickSize = Price.Parse("0.01"), LotSize = Quantity.Of(100),
            ReferencePrice = Price.Of(50), PriceBandBps = 1000, MarketProtectionTicks = 7,
        });
        var buffer = new byte[128];
        int length = InputCodec.Encode(in current, buffer);
        Assert.That(length, Is.EqualTo(8 + 48 + 8), "version 2 appends the two 4-byte bands to the 48-byte block");

        // The same record as version 1 wrote it: a 48-byte block, header version 1.
        byte[] v1 = buffer[..(8 + 48)];
        v1[0] = 48;
        v1[6] = 1;
        var decoded = default(EngineInput);
        Assert.That(InputCodec.TryDecode(InputKind.DefineInstrument, v1, ref decoded, out string? error), Is.True, error);
        Assert.That((decoded.DefineInstrument.Symbol.ToString(), decoded.DefineInstrument.PriceBandBps), Is.EqualTo(("ACME", 1000)));
        Assert.That((decoded.DefineInstrument.MarketProtectionTicks, decoded.DefineInstrument.MarketProtectionBps), Is.EqualTo((0, 0)));

        var roundTrip = default(EngineInput);
        Assert.That(InputCodec.TryDecode(InputKind.DefineInstrument, buffer.AsSpan(0, length), ref roundTrip, out error), Is.True, error);
        Assert.That(roundTrip.DefineInstrument.MarketProtectionTicks, Is.EqualTo(7));
    }

    [Test]
    public void An_input_kind_without_a_template_is_refused_not_written_in_part()
    {
        var input = new EngineInput { Kind = (InputKind)200, Sequence = 5 };
        var e = Assert.Throws<JournalFormatException>(() => RecordFormat.Write(in input, 0, new byte[RecordFormat.MaxLength]));
        Assert.That(e!.Message, Does.Contain("200").And.Contain("input 5"));
    }

    [Test]
    public void The_record_frame_has_the_documented_layout()
    {
        var input = EngineInput.Of(new MarkPrice { Instrument = new InstrumentId(3), Price = new Price(101_500_000) });
        input.Sequence = 0x0102030405060708;
        input.Time = 1_000;
        var buffer = new byte[RecordFormat.MaxLength];
        int length = RecordFormat.Write(in input, 2_000, buffer);
        var b = buffer.AsSpan(0, length);
        Assert.That(BitConverter.ToUInt32(b), Is.EqualTo((uint)length));
        Assert.That(length, Is.EqualTo(32 + 8 + 12 + 4), "header, SBE header, MarkPrice block (int32 + int64), CRC");
        Assert.That(b[4], Is.EqualTo((byte)InputKind.MarkPrice));
        Assert.That(b[5], Is.EqualTo(1));
        Assert.That(BitConverter.ToInt64(b[8..]), Is.EqualTo(0x0102030405060708));
        Assert.That(BitConverter.ToInt64(b[16..]), Is.EqualTo(1_000));
        Assert.That(BitConverter.ToInt64(b[24..]), Is.EqualTo(2_000));
        Assert.That(BitConverter.ToUInt16(b[34..]), Is.EqualTo(8), "SBE template id = input kind");
        Assert.That(BitConverter.ToUInt16(b[36..]), Is.EqualTo(2), "SBE schema id 2");
        Assert.That(BitConverter.ToInt32(b[40..]), Is.EqualTo(3));
        Assert.That(BitConverter.ToInt64(b[44..]), Is.EqualTo(101_500_000));
        Assert.That(BitConverter.ToUInt32(b[(length - 4)..]), Is.EqualTo(Crc32C.Compute(b[..(length - 4)])));
    }

    [Test]
    public void Every_single_bit_flip_in_a_record_is_detected()
    {
        var input = EngineInput.Of(new VenueFill { ExecutionId = ExecutionId.Create("EXEC-1"), Quantity = Quantity.Of(5), Price = Price.Of(10) });
        input.Sequence = 9;
        var buffer = new byte[RecordFormat.MaxLength];
        int length = RecordFormat.Write(in input, 0, buffer);
        for (int bit = 0; bit < length * 8; bit++)
        {
            var copy = buffer.AsSpan(0, length).ToArray();
            copy[bit / 8] ^= (byte)(1 << (bit % 8));
            Assert.That(RecordFormat.CheckFrame(copy, out _, out _), Is.Not.Null, $"bit {bit}");
        }
    }

    /// <summary>
    /// An input of <paramref name="kind"/> whose payload has every field, however deeply nested, set to a
    /// random value by reflection: a field added to the engine and forgotten by the codec fails the
    /// byte comparison instead of going unnoticed.
    /// </summary>
    internal static EngineInput RandomInput(Random rng, InputKind kind)
    {
        object boxed = new EngineInput { Kind = kind, Sequence = rng.NextInt64(1, long.MaxValue), Time = rng.NextInt64(long.MinValue, long.MaxValue) };
        FieldInfo payload = typeof(EngineInput).GetField(kind.ToString(), BindingFlags.Public | BindingFlags.Instance)
            ?? throw new InvalidOperationException($"EngineInput has no payload field named {kind}");
        payload.SetValue(boxed, RandomValue(rng, payload.FieldType));
        return (EngineInput)boxed;
    }

    private static object RandomValue(Random rng, Type type)
    {
        if (type == typeof(bool)) return rng.Next(2) == 0;
        if (type.IsEnum) return Enum.ToObject(type, RandomValue(rng, Enum.GetUnderlyingType(type)));
        if (type == typeof(byte)) return (byte)rng.Next(256);
        if (type == typeof(sbyte)) return (sbyte)rng.Next(-128, 128);
        if (type == typeof(short)) return (short)rng.Next(short.MinValue, short.MaxValue + 1);
        if (type == typeof(ushort)) return (ushort)rng.Next(ushort.MaxValue + 1);
        if (type == typeof(int)) return rng.Next(int.MinValue, int.MaxValue);
        if (type == typeof(uint)) return (uint)rng.NextInt64(uint.MaxValue + 1L);
        if (type == typeof(long)) return rng.NextInt64(long.MinValue, long.MaxValue);
        if (type == typeof(ulong)) return (ulong)rng.NextInt64(long.MinValue, long.MaxValue);
        if (!type.IsValueType || type.IsPrimitive) throw new InvalidOperationException($"no random value for {type}");
        object value = Activator.CreateInstance(type)!;
        foreach (FieldInfo field in type.GetFields(BindingFlags.Public | BindingFlags.NonPublic | BindingFlags.Instance))
        {
            field.SetValue(value, RandomValue(rng, field.FieldType));
        }
        return value;
    }
}
