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

    /// <summary>Every message of every reference schema (CME MDP3 FixBinary.xml and the SBE tool's test schemas), compiled in this process.</summary>
    public static IEnumerable<TestCaseData> ReferenceMessages()
    {
        bool any = false;
        foreach (string relative in CompiledReferenceSchemas.RelativePaths())
        {
            string path = Path.Combine(TestPaths.ReferenceDataDirectory, relative);
            var parsed = TradeX.Sbe.Parsing.SchemaParser.Parse(path, File.ReadAllText(path), p => File.Exists(p) ? File.ReadAllText(p) : null);
            foreach (MessageDef message in parsed.Schema?.Messages ?? new List<MessageDef>())
            {
                any = true;
                yield return new TestCaseData(relative, message.Name).SetName($"sbe-reference/{relative} {message.Name} (compiled in-process): random values round-trip");
            }
        }

        if (!any)
        {
            yield return new TestCaseData(string.Empty, string.Empty).SetName("Reference schemas compiled in-process (data absent)");
        }
    }

    [TestCaseSource(nameof(Messages))]
    public void Random_values_round_trip_exactly(string schemaPath, string messageName) =>
        Verify(SchemaCatalog.Load(schemaPath), messageName);

    [TestCaseSource(nameof(ReferenceMessages))]
    public void Random_values_round_trip_exactly_through_codecs_compiled_in_process(string relativePath, string messageName)
    {
        if (relativePath.Length == 0)
        {
            Assert.Ignore($"SBE reference data not found at {TestPaths.ReferenceDataDirectory}: these properties need ../shared/data/sbe-reference.");
        }

        Verify(CompiledReferenceSchemas.Load(relativePath), messageName);
    }

    private static void Verify(SchemaUnderTest target, string messageName)
    {
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
