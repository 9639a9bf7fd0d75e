#if SBE_REFERENCE_DATA
using TradeX.Sbe.Tests.Reference.Extension;
#endif
using TradeX.Sbe.Tests.Support;

namespace TradeX.Sbe.Tests.Conformance;

/// <summary>
/// The extension vector was written by the baseline (version 0) encoder and is read with the
/// extension (version 1) decoder: a newer decoder must report the version-1 fields as absent and
/// find everything else where the old encoder put it.
/// </summary>
[TestFixture]
public sealed class CarExtensionVectorTests
{
    [Test]
    public void The_version_1_decoder_reads_the_version_0_vector_with_the_new_fields_absent()
    {
        TestPaths.RequireReferenceCodecs();
#if SBE_REFERENCE_DATA
        byte[] bytes = File.ReadAllBytes(TestPaths.ReferenceFile("vectors/car_example_extension_data.sbe"));
        var car = CarDecoder.Wrap(bytes);

        Assert.That(CarDecoder.SbeSchemaVersion, Is.EqualTo(1));
        Assert.That(car.ActingVersion, Is.EqualTo(0));
        Assert.That(car.ActingBlockLength, Is.EqualTo(45));
        Assert.That(CarDecoder.SbeBlockLength, Is.GreaterThan(45));
        Assert.That(car.UuidInActingVersion, Is.False);
        Assert.That(car.GetUuid(0), Is.EqualTo(long.MinValue), "an absent optional reads as its null value");
        Assert.That(car.CupHolderCountInActingVersion, Is.False);
        Assert.That(car.HasCupHolderCount, Is.False);
        Assert.That(car.CupHolderCount, Is.EqualTo(CarDecoder.CupHolderCountNullValue));

        Assert.That(car.SerialNumber, Is.EqualTo(1234UL));
        Assert.That(car.ModelYear, Is.EqualTo((ushort)2013));
        var someNumbers = new uint[CarDecoder.SomeNumbersLength];
        for (int i = 0; i < someNumbers.Length; i++)
        {
            someNumbers[i] = car.GetSomeNumbers(i);
        }

        Assert.That(someNumbers, Is.EqualTo(new uint[] { 0, 1, 2, 3 }));
        Assert.That(car.Engine.Booster.HorsePower, Is.EqualTo((byte)200));
        var speeds = new List<ushort>();
        foreach (var figure in car.FuelFigures())
        {
            speeds.Add(figure.Speed);
        }

        Assert.That(speeds, Is.EqualTo(new ushort[] { 30, 55, 75 }));
        var octanes = new List<byte>();
        foreach (var figure in car.PerformanceFigures())
        {
            octanes.Add(figure.OctaneRating);
        }

        Assert.That(octanes, Is.EqualTo(new byte[] { 95, 99 }));
        Assert.That(car.GetManufacturerString(), Is.EqualTo("Honda"));
        Assert.That(car.GetModelString(), Is.EqualTo("Civic VTi"));
        Assert.That(car.GetActivationCodeString(), Is.EqualTo("abcdef"));
        Assert.That(CarDecoder.TryValidate(bytes, 0, out int length, out _), Is.True);
        Assert.That(length, Is.EqualTo(bytes.Length));
        Assert.That(car.ToString(), Does.Not.Contain("uuid").And.Not.Contain("cupHolderCount"), "fields the message's version lacks are not dumped");
#endif
    }

    [Test]
    public void Transcoding_the_version_0_vector_yields_a_version_1_car_with_null_new_fields()
    {
        TestPaths.RequireReferenceCodecs();
#if SBE_REFERENCE_DATA
        byte[] bytes = File.ReadAllBytes(TestPaths.ReferenceFile("vectors/car_example_extension_data.sbe"));
        var buffer = new byte[512];

        int length = ExtensionSchema.Transcode(bytes, buffer);
        var upgraded = CarDecoder.Wrap(buffer.AsSpan(0, length));

        Assert.That(upgraded.ActingVersion, Is.EqualTo(1));
        Assert.That(upgraded.ActingBlockLength, Is.EqualTo(CarDecoder.SbeBlockLength));
        Assert.That(upgraded.UuidInActingVersion, Is.True);
        Assert.That(upgraded.GetUuid(0), Is.EqualTo(long.MinValue));
        Assert.That(upgraded.GetUuid(1), Is.EqualTo(long.MinValue));
        Assert.That(upgraded.HasCupHolderCount, Is.False);
        Assert.That(upgraded.GetActivationCodeString(), Is.EqualTo("abcdef"));
        Assert.That(length, Is.EqualTo(bytes.Length + CarDecoder.SbeBlockLength - 45));
#endif
    }
}
