using TradeX.Sbe.Parsing;

namespace TradeX.Sbe.Tests.Generator;

/// <summary>
/// A wrong schema is an error that names the schema file, the element and its line: the build
/// must stop on the schema, not on generated code.
/// </summary>
[TestFixture]
public sealed class SchemaErrorTests
{
    private const string File = "/schemas/broken.xml";

    private static string Schema(string types, string messages, string attributes = "id=\"7\" version=\"2\"") => $"""
        <?xml version="1.0" encoding="UTF-8"?>
        <sbe:messageSchema xmlns:sbe="http://fixprotocol.io/2016/sbe" package="broken" {attributes}>
            <types>
                <composite name="messageHeader">
                    <type name="blockLength" primitiveType="uint16"/>
                    <type name="templateId" primitiveType="uint16"/>
                    <type name="schemaId" primitiveType="uint16"/>
                    <type name="version" primitiveType="uint16"/>
                </composite>
                <composite name="groupSizeEncoding">
                    <type name="blockLength" primitiveType="uint16"/>
                    <type name="numInGroup" primitiveType="uint16"/>
                </composite>
                {types}
            </types>
            {messages}
        </sbe:messageSchema>
        """;

    private static SchemaDiagnostic Single(string xml, string id)
    {
        SbeGenerationResult result = SbeCodeGenerator.Generate(File, xml, _ => null);
        Assert.That(result.Files, Is.Empty, "no code for a broken schema");
        Assert.That(result.Diagnostics.Select(d => d.Id), Does.Contain(id), string.Join(Environment.NewLine, result.Diagnostics));
        SchemaDiagnostic diagnostic = result.Diagnostics.First(d => d.Id == id);
        Assert.That(diagnostic.Message, Does.StartWith("broken.xml: "), "names the schema file");
        Assert.That(diagnostic.Source.FilePath, Is.EqualTo(File));
        return diagnostic;
    }

    private static int LineOf(string xml, string text) =>
        xml.Split('\n').Select((line, index) => (line, index)).First(p => p.line.Contains(text, StringComparison.Ordinal)).index + 1;

    [Test]
    public void An_unknown_field_type_names_the_field_and_message()
    {
        string xml = Schema("", """<sbe:message name="Order" id="1"><field name="px" id="1" type="Nope"/></sbe:message>""");

        SchemaDiagnostic d = Single(xml, DiagnosticIds.UnknownType);

        Assert.That(d.Message, Does.Contain("<field name=\"px\"> in <message name=\"Order\">").And.Contain("Nope"));
        Assert.That(d.Source.Line, Is.EqualTo(LineOf(xml, "type=\"Nope\"")));
    }

    [Test]
    public void Two_fields_with_one_id_in_a_message_are_a_duplicate_id()
    {
        string xml = Schema("", """
            <sbe:message name="Order" id="1">
                    <field name="a" id="5" type="uint8"/>
                    <field name="b" id="5" type="uint8"/>
                </sbe:message>
            """);

        SchemaDiagnostic d = Single(xml, DiagnosticIds.DuplicateId);

        Assert.That(d.Message, Does.Contain("<field name=\"b\">").And.Contain("id 5"));
        Assert.That(d.Source.Line, Is.EqualTo(LineOf(xml, "name=\"b\"")));
    }

    [Test]
    public void Two_messages_with_one_template_id_are_a_duplicate_id()
    {
        string xml = Schema("", """<sbe:message name="A" id="3"/><sbe:message name="B" id="3"/>""");

        Assert.That(Single(xml, DiagnosticIds.DuplicateId).Message, Does.Contain("<message name=\"B\">").And.Contain("template id 3"));
    }

    [Test]
    public void Two_encodings_with_one_name_are_a_duplicate_name()
    {
        string xml = Schema("""<type name="Qty" primitiveType="int64"/><type name="Qty" primitiveType="int32"/>""", "");

        Assert.That(Single(xml, DiagnosticIds.DuplicateName).Message, Does.Contain("<type name=\"Qty\">"));
    }

    [Test]
    public void An_offset_inside_the_previous_field_is_an_overlap()
    {
        string xml = Schema("", """<sbe:message name="Order" id="1"><field name="a" id="1" type="uint64"/><field name="b" id="2" type="uint8" offset="4"/></sbe:message>""");

        Assert.That(Single(xml, DiagnosticIds.OffsetOverlap).Message, Does.Contain("<field name=\"b\">").And.Contain("offset 4").And.Contain("ends at 8"));
    }

    [Test]
    public void A_composite_member_offset_inside_the_previous_member_is_an_overlap()
    {
        string xml = Schema("""<composite name="Pair"><type name="a" primitiveType="int32"/><type name="b" primitiveType="int32" offset="2"/></composite>""", "");

        Assert.That(Single(xml, DiagnosticIds.OffsetOverlap).Message, Does.Contain("<type name=\"b\"> in <composite name=\"Pair\">"));
    }

    [Test]
    public void A_block_length_smaller_than_the_fields_is_refused()
    {
        string xml = Schema("", """<sbe:message name="Order" id="1" blockLength="4"><field name="a" id="1" type="uint64"/></sbe:message>""");

        Assert.That(Single(xml, DiagnosticIds.BlockLength).Message, Does.Contain("<message name=\"Order\">").And.Contain("blockLength 4"));
    }

    [Test]
    public void A_null_value_outside_the_primitive_range_is_refused()
    {
        string xml = Schema("""<type name="Small" primitiveType="uint8" presence="optional" nullValue="300"/>""", "");

        Assert.That(Single(xml, DiagnosticIds.InvalidValue).Message, Does.Contain("<type name=\"Small\">").And.Contain("nullValue=\"300\""));
    }

    [Test]
    public void A_field_after_a_group_is_refused()
    {
        string xml = Schema("", """<sbe:message name="Order" id="1"><group name="g" id="2"><field name="x" id="3" type="uint8"/></group><field name="late" id="4" type="uint8"/></sbe:message>""");

        Assert.That(Single(xml, DiagnosticIds.InvalidStructure).Message, Does.Contain("<field name=\"late\">"));
    }

    [Test]
    public void A_missing_message_header_is_refused()
    {
        string xml = """<sbe:messageSchema xmlns:sbe="http://fixprotocol.io/2016/sbe" package="p" id="1"><types><type name="x" primitiveType="int8"/></types></sbe:messageSchema>""";

        Assert.That(Single(xml, DiagnosticIds.InvalidEncodingShape).Message, Does.Contain("messageHeader"));
    }

    [Test]
    public void An_include_that_cannot_be_found_names_the_href()
    {
        string xml = """
            <sbe:messageSchema xmlns:sbe="http://fixprotocol.io/2016/sbe" xmlns:xi="http://www.w3.org/2001/XInclude" package="p" id="1">
              <xi:include href="missing-types.xml"/>
            </sbe:messageSchema>
            """;

        Assert.That(Single(xml, DiagnosticIds.IncludeNotFound).Message, Does.Contain("missing-types.xml").And.Contain("/schemas/missing-types.xml"));
    }

    [Test]
    public void A_value_ref_to_a_missing_enum_value_is_refused()
    {
        string xml = Schema(
            """<enum name="Side" encodingType="uint8"><validValue name="Buy">1</validValue></enum>""",
            """<sbe:message name="Order" id="1"><field name="side" id="1" type="Side" presence="constant" valueRef="Side.Short"/></sbe:message>""");

        Assert.That(Single(xml, DiagnosticIds.InvalidValueRef).Message, Does.Contain("<field name=\"side\">").And.Contain("Side.Short"));
    }

    [Test]
    public void A_since_version_beyond_the_schema_version_is_refused()
    {
        string xml = Schema("", """<sbe:message name="Order" id="1"><field name="a" id="1" type="uint8" sinceVersion="3"/></sbe:message>""");

        Assert.That(Single(xml, DiagnosticIds.VersionOutOfRange).Message, Does.Contain("sinceVersion 3").And.Contain("schema version 2"));
    }

    [Test]
    public void A_group_field_named_count_collides_with_the_group_decoder_api()
    {
        string xml = Schema("", """<sbe:message name="Order" id="1"><group name="legs" id="2"><field name="count" id="3" type="uint8"/></group></sbe:message>""");

        Assert.That(Single(xml, DiagnosticIds.NameCollision).Message, Does.Contain("<field name=\"count\"> in <group name=\"legs\">").And.Contain("'Count'"));
    }

    [Test]
    public void A_field_without_an_id_is_refused()
    {
        string xml = Schema("", """<sbe:message name="Order" id="1"><field name="qty" type="int32"/></sbe:message>""");

        Assert.That(Single(xml, DiagnosticIds.InvalidAttribute).Message, Does.Contain("<field name=\"qty\">").And.Contain("'id'"));
    }

    [Test]
    public void A_uint64_var_data_length_is_reported_as_unsupported()
    {
        string xml = Schema(
            """<composite name="hugeData"><type name="length" primitiveType="uint64"/><type name="varData" primitiveType="uint8" length="0"/></composite>""",
            """<sbe:message name="Blob" id="1"><data name="payload" id="1" type="hugeData"/></sbe:message>""");

        Assert.That(Single(xml, DiagnosticIds.Unsupported).Message, Does.Contain("<data name=\"payload\">").And.Contain("uint64"));
    }

    [Test]
    public void XML_that_is_not_well_formed_names_the_line()
    {
        string xml = "<sbe:messageSchema xmlns:sbe=\"http://fixprotocol.io/2016/sbe\" package=\"p\" id=\"1\">\n<types>\n<type name=\"x\" primitiveType=\"int8\">\n</sbe:messageSchema>";

        SchemaDiagnostic d = Single(xml, DiagnosticIds.InvalidXml);

        Assert.That(d.Source.Line, Is.GreaterThan(1));
        Assert.That(d.Message, Does.Contain("not well-formed"));
    }

    [Test]
    public void An_xml_file_that_is_not_a_message_schema_is_ignored()
    {
        SbeGenerationResult result = SbeCodeGenerator.Generate("/x/other.xml", "<project><item/></project>", _ => null);

        Assert.That(result.IsSchema, Is.False);
        Assert.That(result.Diagnostics, Is.Empty);
    }
}
