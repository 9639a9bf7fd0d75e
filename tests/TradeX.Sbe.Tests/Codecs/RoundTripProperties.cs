using FsCheck;
using FsCheck.Fluent;
using TradeX.Sbe.Model;
using TradeX.Sbe.Runtime;
using TradeX.Sbe.Tests.Oracle;
using TradeX.Sbe.Tests.Support;

namespace TradeX.Sbe.Tests.Codecs;

/// <summary>
/// For every message of every schema with generated codecs (order-entry.xml, and journal.xml as
/// soon as it exists; the test schemas; the reference Car schemas), FsCheck generates random
/// messages and checks them against an oracle that interprets the schema model independently:
/// the generated validator accepts the oracle's encoding at its exact length; decoding and
/// re-encoding with the generated flyweights reproduces it byte for byte; and the generated dump
/// shows exactly the values the oracle put in.
/// </summary>
[TestFixture]
public sealed class RoundTripProperties
{
    private const int CasesPerMessage = 100;

    public static IEnumerable<TestCaseData> Messages()
    {
        foreach (string path in SchemaCatalog.AllSchemaFiles())
        {
            var parsed = TradeX.Sbe.Parsing.SchemaParser.Parse(path, File.ReadAllText(path), p => File.Exists(p) ? File.ReadAllText(p) : null);
            foreach (MessageDef message in parsed.Schema?.Messages ?? new List<MessageDef>())
            {
                yield return new TestCaseData(path, message.Name).SetName($"{SchemaCatalog.Label(path)} {message.Name}: random values round-trip");
            }
        }
    }

    [TestCaseSource(nameof(Messages))]
    public void Random_values_round_trip_exactly(string schemaPath, string messageName)
    {
        SchemaUnderTest target = SchemaCatalog.Load(schemaPath);
        MessageDef message = target.Message(messageName);
        Arbitrary<BlockValue> values = ValueGenerators.Message(target.Schema, message).ToArbitrary();

        Check.One(
            Config.QuickThrowOnFailure.WithMaxTest(CasesPerMessage).WithQuietOnSuccess(true),
            Prop.ForAll(values, (BlockValue value) => RoundTrip(target, message, value)));
    }

    private static void RoundTrip(SchemaUnderTest target, MessageDef message, BlockValue value)
    {
        byte[] wire = WireOracle.Encode(target.Schema, message, value);

        if (!target.Descriptor.Validate(wire, out int length, out SbeError error))
        {
            throw new InvalidOperationException($"TryValidate rejected a well-formed {message.Name}: {error}\n{Convert.ToHexString(wire)}");
        }

        if (length != wire.Length)
        {
            throw new InvalidOperationException($"TryValidate measured {length} bytes, the message has {wire.Length}");
        }

        var output = new byte[wire.Length + 64];
        int written = target.Descriptor.Transcode(wire, output);
        if (!output.AsSpan(0, written).SequenceEqual(wire))
        {
            throw new InvalidOperationException($"decode + re-encode changed the bytes\nexpected {Convert.ToHexString(wire)}\nactual   {Convert.ToHexString(output, 0, written)}");
        }

        string expected = DumpOracle.Render(target.Schema, message, value);
        string actual = target.Descriptor.Describe(wire);
        if (actual != expected)
        {
            throw new InvalidOperationException($"dump differs\nexpected {expected}\nactual   {actual}");
        }
    }
}
