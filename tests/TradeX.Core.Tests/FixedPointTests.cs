using FsCheck;
using TradeX.Core;

namespace TradeX.Core.Tests;

/// <summary>The number grammar every price, amount and whole number a person writes goes through (issue 11).</summary>
public sealed class FixedPointTests
{
    [TestCase("100", 100_000_000L)]
    [TestCase("2.5", 2_500_000L)]
    [TestCase("-0.000001", -1L)]
    [TestCase("+7", 7_000_000L)]
    [TestCase("190.25", 190_250_000L)]
    [TestCase("007", 7_000_000L)]
    [TestCase("1,000,000", 1_000_000_000_000L)]
    [TestCase("1_000_000", 1_000_000_000_000L)]
    [TestCase("999,999.5", 999_999_500_000L)]
    [TestCase("-12_345.678901", -12_345_678_901L)]
    [TestCase("1.50000000", 1_500_000L)]
    [TestCase(" 42 ", 42_000_000L)]
    [TestCase("9223372036854.775807", long.MaxValue)]
    [TestCase("-9223372036854.775808", long.MinValue)]
    public void Decimals_in_the_grammar_parse_exactly(string text, long expected)
    {
        Assert.That(FixedPoint.TryParse(text, out long raw, out NumberFault fault), Is.True, () => FixedPoint.Describe(fault));
        Assert.That(raw, Is.EqualTo(expected));
    }

    [TestCase("1,5", NumberFault.CommaGrouping)]
    [TestCase("0,01", NumberFault.CommaGrouping)]
    [TestCase("1,00", NumberFault.CommaGrouping)]
    [TestCase("10,0000", NumberFault.CommaGrouping)]
    [TestCase("1000,000", NumberFault.CommaGrouping)]
    [TestCase(",5", NumberFault.CommaGrouping)]
    [TestCase("5,", NumberFault.CommaGrouping)]
    [TestCase("1,5.25", NumberFault.CommaGrouping)]
    [TestCase("1_0", NumberFault.UnderscoreGrouping)]
    [TestCase("1__000", NumberFault.UnderscoreGrouping)]
    [TestCase("-_100", NumberFault.UnderscoreGrouping)]
    [TestCase("1,000_000", NumberFault.MixedSeparators)]
    [TestCase("0,001", NumberFault.GroupedLeadingZero)]
    [TestCase("1.000,5", NumberFault.SeparatorInFraction)]
    [TestCase("1.5,0", NumberFault.SeparatorInFraction)]
    [TestCase("0.000_001", NumberFault.SeparatorInFraction)]
    [TestCase("1.2.3", NumberFault.SecondPoint)]
    [TestCase(".5", NumberFault.NoDigitBeforePoint)]
    [TestCase("5.", NumberFault.NoDigitAfterPoint)]
    [TestCase("", NumberFault.NoDigits)]
    [TestCase("-", NumberFault.NoDigits)]
    [TestCase("ten", NumberFault.InvalidCharacter)]
    [TestCase("1e6", NumberFault.InvalidCharacter)]
    [TestCase("1 000", NumberFault.InvalidCharacter)]
    [TestCase("1.0000001", NumberFault.TooPrecise)]
    [TestCase("9223372036854.775808", NumberFault.TooLarge)]
    [TestCase("-9223372036854.775809", NumberFault.TooLarge)]
    [TestCase("99999999999999999999", NumberFault.TooLarge)]
    public void Decimals_outside_the_grammar_are_refused_with_what_is_wrong(string text, NumberFault expected)
    {
        Assert.That(FixedPoint.TryParse(text, out long raw, out NumberFault fault), Is.False, () => $"'{text}' parsed as {FixedPoint.Format(raw)}");
        Assert.That(fault, Is.EqualTo(expected));
        Assert.That(raw, Is.Zero);
        Assert.That(FixedPoint.TryParse(text, out _), Is.False, "the two-argument overload reads the same grammar");
    }

    [Test]
    public void A_comma_misread_names_the_rule_and_an_example()
    {
        FixedPoint.TryParse("1,5", out _, out NumberFault fault);
        Assert.That(FixedPoint.Describe(fault), Is.EqualTo("a ',' may only separate groups of three digits (like 1,500,000)"));
    }

    [TestCase("1_000", 1_000L)]
    [TestCase("-12,345,678", -12_345_678L)]
    [TestCase("9,223,372,036,854,775,807", long.MaxValue)]
    [TestCase("-9223372036854775808", long.MinValue)]
    public void Whole_numbers_follow_the_same_grouping(string text, long expected)
    {
        Assert.That(FixedPoint.TryParseWhole(text, out long value, out NumberFault fault), Is.True, () => FixedPoint.Describe(fault));
        Assert.That(value, Is.EqualTo(expected));
    }

    [TestCase("1_0", NumberFault.UnderscoreGrouping)]
    [TestCase("1,00", NumberFault.CommaGrouping)]
    [TestCase("10.0", NumberFault.Fraction)]
    [TestCase("9223372036854775808", NumberFault.TooLarge)]
    public void Whole_numbers_outside_the_grammar_are_refused(string text, NumberFault expected)
    {
        Assert.That(FixedPoint.TryParseWhole(text, out _, out NumberFault fault), Is.False);
        Assert.That(fault, Is.EqualTo(expected));
    }

    [Test]
    public void Unsigned_whole_numbers_reach_ulong_max_and_take_no_sign()
    {
        Assert.That(FixedPoint.TryParseUnsigned("18_446_744_073_709_551_615", out ulong max, out _) && max == ulong.MaxValue, Is.True);
        Assert.That(FixedPoint.TryParseUnsigned("18446744073709551616", out _, out NumberFault tooLarge), Is.False);
        Assert.That(tooLarge, Is.EqualTo(NumberFault.TooLarge));
        Assert.That(FixedPoint.TryParseUnsigned("-1", out _, out NumberFault sign), Is.False);
        Assert.That(sign, Is.EqualTo(NumberFault.Sign));
        Assert.That(FixedPoint.TryParseUnsigned("1,0", out _, out NumberFault grouping), Is.False);
        Assert.That(grouping, Is.EqualTo(NumberFault.CommaGrouping));
    }

    [FsCheck.NUnit.Property(MaxTest = 2_000)]
    public void Formatting_then_parsing_is_exact_for_every_value(DoNotSize<long> value)
    {
        long raw = value.Item;
        string text = FixedPoint.Format(raw);
        Assert.That(FixedPoint.TryParse(text, out long parsed, out NumberFault fault), Is.True, () => $"{text}: {FixedPoint.Describe(fault)}");
        Assert.That(parsed, Is.EqualTo(raw));
    }

    [FsCheck.NUnit.Property(MaxTest = 2_000)]
    public void Grouping_the_whole_digits_by_threes_keeps_the_value(DoNotSize<long> value, bool underscore)
    {
        long raw = value.Item;
        string text = Grouped(FixedPoint.Format(raw), underscore ? '_' : ',');
        Assert.That(FixedPoint.TryParse(text, out long parsed, out NumberFault fault), Is.True, () => $"{text}: {FixedPoint.Describe(fault)}");
        Assert.That(parsed, Is.EqualTo(raw));
    }

    [FsCheck.NUnit.Property(MaxTest = 2_000)]
    public void A_separator_anywhere_but_between_groups_of_three_is_refused(DoNotSize<long> value, NonNegativeInt position, bool underscore)
    {
        string formatted = FixedPoint.Format(value.Item);
        int signLength = formatted.StartsWith('-') ? 1 : 0;
        int point = formatted.IndexOf('.') is var p and >= 0 ? p : formatted.Length;
        int at = position.Get % (formatted.Length + 1);
        int wholeDigits = point - signLength;
        // An ungrouped number takes one separator only where it leaves a first group of 1-3 digits
        // followed by exactly three: a whole part of four to six digits, three from its end.
        bool groupBoundary = at == point - 3 && wholeDigits is >= 4 and <= 6;
        if (groupBoundary) return;
        string text = formatted.Insert(at, underscore ? "_" : ",");
        Assert.That(FixedPoint.TryParse(text, out long parsed, out _), Is.False, () => $"'{text}' parsed as {FixedPoint.Format(parsed)}");
    }

    private static string Grouped(string formatted, char separator)
    {
        int start = formatted.StartsWith('-') ? 1 : 0;
        int point = formatted.IndexOf('.') is var p and >= 0 ? p : formatted.Length;
        var text = new System.Text.StringBuilder(formatted[..start]);
        for (int i = start; i < point; i++)
        {
            if (i > start && (point - i) % 3 == 0) text.Append(separator);
            text.Append(formatted[i]);
        }
        return text.Append(formatted[point..]).ToString();
    }
}
