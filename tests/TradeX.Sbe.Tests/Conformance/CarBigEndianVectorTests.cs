#if SBE_REFERENCE_DATA
using TradeX.Sbe.Tests.Reference.BigEndian;
using CarModel = TradeX.Sbe.Tests.Reference.BigEndian.Model;
#endif
using TradeX.Sbe.Tests.Support;

namespace TradeX.Sbe.Tests.Conformance;

/// <summary>
/// The big-endian Car: the byte literal of real-logic's C# BigEndianTests, for
/// example-bigendian-test-schema.xml (byteOrder="bigEndian", someNumbers of length 5).
/// </summary>
[TestFixture]
public sealed class CarBigEndianVectorTests
{
    [Test]
    public void The_big_endian_decoder_reads_the_big_endian_vector()
    {
        TestPaths.RequireReferenceCodecs();
#if SBE_REFERENCE_DATA
        byte[] bytes = File.ReadAllBytes(TestPaths.ReferenceFile("vectors/car_bigendian_from_csharp_BigEndianTests.bin"));
        var car = CarDecoder.Wrap(bytes);

        Assert.That(car.ActingBlockLength, Is.EqualTo(49));
        Assert.That(car.SerialNumber, Is.EqualTo(1234UL));
        Assert.That(car.ModelYear, Is.EqualTo((ushort)2013));
        Assert.That(car.Available, Is.EqualTo(BooleanType.T));
        Assert.That(car.Code, Is.EqualTo(CarModel.A));
        var someNumbers = new uint[CarDecoder.SomeNumbersLength];
        for (int i = 0; i < someNumbers.Length; i++)
        {
            someNumbers[i] = car.GetSomeNumbers(i);
        }

        Assert.That(someNumbers, Is.EqualTo(new uint[] { 0, 1, 2, 3, 4 }));
        Assert.That(car.GetVehicleCodeString(), Is.EqualTo("abcdef"));
        Assert.That(car.Extras, Is.EqualTo(OptionalExtras.CruiseControl | OptionalExtras.SportsPack));
        Assert.That(car.Engine.Capacity, Is.EqualTo((ushort)2000));
        Assert.That(car.Engine.NumCylinders, Is.EqualTo((byte)4));
        Assert.That(car.Engine.GetManufacturerCodeString(), Is.EqualTo("123"));
        Assert.That(car.Engine.Booster.BoostType, Is.EqualTo(BoostType.NITROUS));
        Assert.That(car.Engine.Booster.HorsePower, Is.EqualTo((byte)200));

        var fuel = new List<(ushort, float, string)>();
        foreach (var figure in car.FuelFigures())
        {
            fuel.Add((figure.Speed, figure.Mpg, figure.GetUsageDescriptionString()));
        }

        Assert.That(fuel, Is.EqualTo(new[] { ((ushort)30, 35.9f, "Urban Cycle"), ((ushort)55, 49.0f, "Combined Cycle"), ((ushort)75, 40.0f, "Highway Cycle") }));
        var seconds = new List<float>();
        foreach (var figure in car.PerformanceFigures())
        {
            foreach (var entry in figure.Acceleration())
            {
                seconds.Add(entry.Seconds);
            }
        }

        Assert.That(seconds, Is.EqualTo(new[] { 4.0f, 7.5f, 12.2f, 3.8f, 7.1f, 11.8f }));
        Assert.That(car.GetManufacturerString(), Is.EqualTo("Honda"));
        Assert.That(car.GetModelString(), Is.EqualTo("Civic VTi"));
        Assert.That(car.GetActivationCodeString(), Is.EqualTo("abcdef"));
        Assert.That(CarDecoder.TryValidate(bytes, 0, out int length, out _), Is.True);
        Assert.That(length, Is.EqualTo(bytes.Length));
#endif
    }

    [Test]
    public void Transcoding_the_big_endian_vector_reproduces_it_byte_for_byte()
    {
        TestPaths.RequireReferenceCodecs();
#if SBE_REFERENCE_DATA
        byte[] bytes = File.ReadAllBytes(TestPaths.ReferenceFile("vectors/car_bigendian_from_csharp_BigEndianTests.bin"));
        var buffer = new byte[512];

        int length = BigEndianSchema.Transcode(bytes, buffer);

        Assert.That(buffer.AsSpan(0, length).ToArray(), Is.EqualTo(bytes));
#endif
    }
}
