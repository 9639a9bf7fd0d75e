using System.Reflection;
using TradeX.Core;
using TradeX.Journal;

namespace TradeX.Tools.Tests;

[TestFixture]
public sealed class InputFieldsTests
{
    [Test]
    public void Every_field_of_every_input_kind_is_shown()
    {
        foreach (InputKind kind in Enum.GetValues<InputKind>().Where(InputCodec.HasTemplate))
        {
            FieldInfo payload = typeof(EngineInput).GetField(kind.ToString())!;
            int expected = payload.FieldType.GetFields(BindingFlags.Public | BindingFlags.Instance).Length;
            var input = new EngineInput { Kind = kind };
            var fields = InputFields.Of(in input);
            Assert.That(fields, Has.Count.EqualTo(expected), $"{kind}: {string.Join(", ", fields.Select(f => f.Name))}");
            Assert.That(fields.Select(f => f.Name), Is.Unique, kind.ToString());
        }
    }

    [Test]
    public void Prices_and_money_are_exact_decimals()
    {
        var input = EngineInput.Of(new NewOrder { Price = new Price(190_250_001), Side = Side.Buy });
        var fields = InputFields.Of(in input);
        Assert.That(fields.Single(f => f.Name == "price").Value, Is.EqualTo(190.250001m));
        Assert.That(InputFields.Money(long.MinValue), Is.EqualTo(-9_223_372_036_854.775808m));
        Assert.That(InputFields.Money(-1), Is.EqualTo(-0.000001m));
    }

    [Test]
    public void An_invalid_enum_code_is_shown_as_its_number()
    {
        var input = EngineInput.Of(new NewOrder { Side = (Side)9 });
        Assert.That(InputFields.Of(in input).Single(f => f.Name == "side").Text, Is.EqualTo("9"));
    }
}
