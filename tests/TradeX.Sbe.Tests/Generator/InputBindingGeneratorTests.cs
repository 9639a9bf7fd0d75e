using System.Collections.Immutable;
using Microsoft.CodeAnalysis;
using Microsoft.CodeAnalysis.CSharp;
using Microsoft.CodeAnalysis.Diagnostics;
using Microsoft.CodeAnalysis.Text;
using TradeX.Sbe.Binding;
using TradeX.Sbe.Tests.Support;

namespace TradeX.Sbe.Tests.Generator;

/// <summary>
/// The input binding: a journal-style schema bound to a miniature engine (an input union, a kind enum, payload
/// structs) becomes a codec and a field list that compile; every disagreement between the two is an SBE020
/// compile error, in the schema file or at the engine member.
/// </summary>
[TestFixture]
public sealed class InputBindingGeneratorTests
{
    private const string Schema = """
        <sbe:messageSchema xmlns:sbe="http://fixprotocol.io/2016/sbe" xmlns:tx="urn:tradex:engine-binding" package="demo" id="9" version="1">
            <types>
                <composite name="messageHeader">
                    <type name="blockLength" primitiveType="uint16"/>
                    <type name="templateId" primitiveType="uint16"/>
                    <type name="schemaId" primitiveType="uint16"/>
                    <type name="version" primitiveType="uint16"/>
                </composite>
                <composite name="Money">
                    <type name="mantissa" primitiveType="int64"/>
                    <type name="exponent" primitiveType="int8" presence="constant">-6</type>
                </composite>
                <type name="Text8" primitiveType="char" length="8" characterEncoding="US-ASCII"/>
                <enum name="Flag" encodingType="uint8"><validValue name="False">0</validValue><validValue name="True">1</validValue></enum>
                <enum name="Side" encodingType="uint8"><validValue name="Buy">1</validValue><validValue name="Sell">2</validValue></enum>
            </types>
            <sbe:message name="Deposit" id="1" tx:show="acct=account amount ref=reference side urgent">
                <field name="account" id="1" type="int32"/>
                <field name="amount" id="2" type="Money"/>
                <field name="reference" id="3" type="Text8" tx:member="Ref"/>
                <field name="side" id="4" type="Side"/>
                <field name="urgent" id="5" type="Flag" sinceVersion="1"/>
            </sbe:message>
            <sbe:message name="Tick" id="2"/>
        </sbe:messageSchema>
        """;

    private const string Engine = """
        namespace Mini
        {
            public enum Kind : byte { None = 0, Deposit = 1, Tick = 2 }
            public enum Side : byte { Buy = 1, Sell = 2 }
            public readonly struct Amount { public readonly long Raw; public Amount(long raw) => Raw = raw; }
            public readonly struct AccountId { public int Value { get; } public AccountId(int value) => Value = value; }
            public struct Text8
            {
                public const int Capacity = 8;
                private long _bytes;
                public static Text8 FromBytes(System.ReadOnlySpan<byte> eight) => new Text8 { _bytes = System.BitConverter.ToInt64(eight) };
                public void CopyTo(System.Span<byte> eight) => System.BitConverter.TryWriteBytes(eight, _bytes);
                public override string ToString() => _bytes.ToString();
            }
            public struct Deposit { public AccountId Account; public Amount Amount; public Text8 Ref; public Side Side; public bool Urgent; }
            public struct Tick { }
            [System.Runtime.InteropServices.StructLayout(System.Runtime.InteropServices.LayoutKind.Explicit)]
            public struct Input
            {
                [System.Runtime.InteropServices.FieldOffset(0)] public Kind Kind;
                [System.Runtime.InteropServices.FieldOffset(8)] public Deposit Deposit;
                [System.Runtime.InteropServices.FieldOffset(8)] public Tick Tick;
            }
        }
        namespace Mini.Journal
        {
            public readonly record struct Field(string Name, object Value);
            public static partial class Codec
            {
                public static bool Decode(Mini.Kind kind, System.ReadOnlySpan<byte> m, ref Mini.Input input, out string? error) => DecodePayload(kind, m, ref input, out error);
                private static System.Exception NoTemplate(in Mini.Input input) => new System.InvalidOperationException(input.Kind.ToString());
                private static bool Fail(TradeX.Sbe.Runtime.SbeError e, out string? error) { error = e.ToString(); return false; }
            }
            public static partial class Fields
            {
                public static System.Collections.Generic.List<Field> Of(in Mini.Input input) { var f = new System.Collections.Generic.List<Field>(); AddSchemaFields(in input, f); return f; }
                private static decimal Money(long raw) => raw / 1_000_000m;
                private static string Name<T>(T value) where T : struct, System.Enum => value.ToString();
            }
        }
        """;

    [Test]
    public void A_bound_schema_becomes_a_codec_and_a_field_list_that_compile()
    {
        (Compilation output, ImmutableArray<Diagnostic> diagnostics) = Run(Schema, Engine);

        Assert.That(diagnostics, Is.Empty);
        Assert.That(output.GetDiagnostics().Where(d => d.Severity == DiagnosticSeverity.Error), Is.Empty);
        string codec = output.SyntaxTrees.Single(t => t.FilePath.EndsWith("InputCodec.g.cs", StringComparison.Ordinal)).ToString();
        Assert.That(codec, Does.Contain("e.Amount.SetMantissa(x.Amount.Raw);").And.Contain("e.SideRaw = (byte)x.Side;")
            .And.Contain("x.Urgent = d.UrgentInActingVersion ? d.UrgentRaw != 0 : default;"), "an older record reads a newer field as its default");
        string fields = output.SyntaxTrees.Single(t => t.FilePath.EndsWith("InputFields.g.cs", StringComparison.Ordinal)).ToString();
        Assert.That(fields.IndexOf("\"acct\"", StringComparison.Ordinal), Is.LessThan(fields.IndexOf("\"ref\"", StringComparison.Ordinal)), "tx:show names and orders");
    }

    [Test]
    public void With_tx_baseVersion_a_message_unchanged_since_then_keeps_that_header_version()
    {
        string grown = Schema.Replace("id=\"9\" version=\"1\"", "id=\"9\" version=\"2\" tx:baseVersion=\"1\"")
            .Replace("<sbe:message name=\"Tick\" id=\"2\"/>", "<sbe:message name=\"Tick\" id=\"2\" sinceVersion=\"2\"/>");
        (Compilation output, ImmutableArray<Diagnostic> diagnostics) = Run(grown, Engine);

        Assert.That(diagnostics, Is.Empty);
        string codec = output.SyntaxTrees.Single(t => t.FilePath.EndsWith("InputCodec.g.cs", StringComparison.Ordinal)).ToString();
        string deposit = codec[codec.IndexOf("int EncodeDeposit(", StringComparison.Ordinal)..codec.IndexOf("bool DecodeDeposit(", StringComparison.Ordinal)];
        string tick = codec[codec.IndexOf("int EncodeTick(", StringComparison.Ordinal)..codec.IndexOf("bool DecodeTick(", StringComparison.Ordinal)];
        Assert.That(deposit, Does.Contain("WriteUInt16LittleEndian(destination.Slice(6), 1)"), "Deposit last changed in version 1");
        Assert.That(tick, Does.Not.Contain("WriteUInt16"), "Tick is new in version 2: the schema version");
    }

    [Test]
    public void An_engine_member_the_schema_lacks_is_an_error_at_the_member()
    {
        (_, ImmutableArray<Diagnostic> diagnostics) = Run(Schema, Engine.Replace("public bool Urgent;", "public bool Urgent; public long Fee;"));

        Diagnostic error = diagnostics.Single();
        Assert.That(error.Id, Is.EqualTo("SBE020"));
        Assert.That(error.GetMessage(), Does.Contain("Deposit.Fee is not in the journal schema's message 'Deposit'"));
        Assert.That(error.Location.SourceTree, Is.Not.Null, "located in the engine's source");
    }

    [Test]
    public void A_schema_field_without_an_engine_member_is_an_error_in_the_schema()
    {
        (_, ImmutableArray<Diagnostic> diagnostics) = Run(Schema.Replace("tx:member=\"Ref\"", ""), Engine);

        Diagnostic error = diagnostics.Single(d => d.GetMessage().Contains("reference", StringComparison.Ordinal));
        Assert.That(error.Id, Is.EqualTo("SBE020"));
        Assert.That(error.GetMessage(), Does.Contain("has no field 'Reference'"));
        Assert.That(error.Location.GetLineSpan().Path, Is.EqualTo("/p/journal.xml"));
    }

    [Test]
    public void An_input_kind_without_a_message_and_a_template_id_that_is_not_the_kind_code_are_errors()
    {
        (_, ImmutableArray<Diagnostic> diagnostics) = Run(Schema, Engine.Replace("Tick = 2 }", "Tick = 2, Withdraw = 3 }"));
        Assert.That(diagnostics.Single().GetMessage(), Does.Contain("Kind.Withdraw has no message"));

        (_, diagnostics) = Run(Schema.Replace("name=\"Tick\" id=\"2\"", "name=\"Tick\" id=\"7\""), Engine);
        Assert.That(diagnostics.Select(d => d.GetMessage()), Has.Some.Contains("template id 7 but Kind.Tick = 2"));
    }

    [Test]
    public void Type_mismatches_are_errors()
    {
        (_, ImmutableArray<Diagnostic> diagnostics) = Run(Schema.Replace("length=\"8\"", "length=\"9\""), Engine);
        Assert.That(diagnostics.Single().GetMessage(), Does.Contain("char[9] in the schema but Text8.Capacity = 8"));

        (_, diagnostics) = Run(Schema, Engine.Replace("public Side Side;", "public int Side;"));
        Assert.That(diagnostics.Single().GetMessage(), Does.Contain("needs a bool or an enum over byte"));
    }

    [Test]
    public void A_field_tx_show_forgets_is_an_error()
    {
        (_, ImmutableArray<Diagnostic> diagnostics) = Run(Schema.Replace(" urgent\"", "\""), Engine);

        Assert.That(diagnostics.Single().GetMessage(), Does.Contain("tx:show does not show the field 'urgent'"));
    }

    private static (Compilation Output, ImmutableArray<Diagnostic> Diagnostics) Run(string schema, string engine)
    {
        CSharpCompilation compilation = CSharpCompilation.Create(
            "Probe",
            new[] { CSharpSyntaxTree.ParseText(engine, new CSharpParseOptions(LanguageVersion.Latest), "/p/Engine.cs") },
            InProcessCompiler.MetadataReferences,
            new CSharpCompilationOptions(OutputKind.DynamicallyLinkedLibrary, nullableContextOptions: NullableContextOptions.Enable, allowUnsafe: true));
        var texts = ImmutableArray.Create<AdditionalText>(new InMemoryText("/p/codecs/journal.xml", schema), new InMemoryText("/p/journal.xml", schema));
        var options = new Options(new Dictionary<string, Dictionary<string, string>>
        {
            ["/p/codecs/journal.xml"] = new() { ["SbeNamespace"] = "Mini.Codecs" },
            ["/p/journal.xml"] = new()
            {
                ["SbeNamespace"] = "Mini.Codecs", ["SbeInputUnion"] = "Mini.Input",
                ["SbeInputCodec"] = "Mini.Journal.Codec", ["SbeInputFields"] = "Mini.Journal.Fields",
            },
        });
        GeneratorDriver driver = CSharpGeneratorDriver.Create(
            new[] { new SbeSourceGenerator().AsSourceGenerator(), new InputBindingGenerator().AsSourceGenerator() },
            texts,
            new CSharpParseOptions(LanguageVersion.Latest),
            options);
        driver.RunGeneratorsAndUpdateCompilation(compilation, out Compilation output, out ImmutableArray<Diagnostic> diagnostics);
        return (output, diagnostics);
    }

    private sealed class Options(Dictionary<string, Dictionary<string, string>> byPath) : AnalyzerConfigOptionsProvider
    {
        public override AnalyzerConfigOptions GlobalOptions => new FileOptions([]);

        public override AnalyzerConfigOptions GetOptions(SyntaxTree tree) => new FileOptions([]);

        public override AnalyzerConfigOptions GetOptions(AdditionalText textFile) => new FileOptions(byPath.TryGetValue(textFile.Path, out var values) ? values : []);

        private sealed class FileOptions(Dictionary<string, string> values) : AnalyzerConfigOptions
        {
            private const string Prefix = "build_metadata.AdditionalFiles.";

            public override bool TryGetValue(string key, out string value)
            {
                value = string.Empty;
                return key.StartsWith(Prefix, StringComparison.Ordinal) && values.TryGetValue(key[Prefix.Length..], out value!);
            }
        }
    }
}
