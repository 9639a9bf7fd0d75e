#if SBE_REFERENCE_DATA
using TradeX.Sbe.Tests.Reference.Baseline;
using CarModel = TradeX.Sbe.Tests.Reference.Baseline.Model;
#endif
using TradeX.Sbe.Tests.Support;

namespace TradeX.Sbe.Tests.Conformance;

/// <summary>
/// Conformance with the real SBE tool: the Car baseline vector was written by real-logic's Java
/// ExampleUsingGeneratedStub from samples/example-schema.xml; SOURCE.md lists every value in it.
/// </summary>
[TestFixture]
public sealed class CarBaselineVectorTests
{
    [Test]
    public void Decoding_the_baseline_vector_yields_every_listed_value()
    {
        TestPaths.RequireReferenceCodecs();
#if SBE_REFERENCE_DATA
        byte[] bytes = File.ReadAllBytes(TestPaths.ReferenceFile("vectors/car_example_baseline_data.sbe"));
        var car = CarDecoder.Wrap(bytes);

        Assert.That(car.ActingBlockLength, Is.EqualTo(45));
        Assert.That(car.ActingVersion, Is.EqualTo(0));
        Assert.That(car.SerialNumber, Is.EqualTo(1234UL));
        Assert.That(car.ModelYear, Is.EqualTo((ushort)2013));
        Assert.That(car.Available, Is.EqualTo(BooleanType.T));
        Assert.That(car.Code, Is.EqualTo(CarModel.A));
        var someNumbers = new uint[CarDecoder.SomeNumbersLength];
        for (int i = 0; i < someNumbers.Length; i++)
        {
            someNumbers[i] = car.GetSomeNumbers(i);
        }

        Assert.That(someNumbers, Is.EqualTo(new uint[] { 1, 2, 3, 4 }));
        Assert.That(car.GetVehicleCodeString(), Is.EqualTo("abcdef"));
        Assert.That(car.Extras, Is.EqualTo(OptionalExtras.CruiseControl | OptionalExtras.SportsPack));
        Assert.That((byte)car.Extras, Is.EqualTo((byte)6));
        Assert.That(car.DiscountedModel, Is.EqualTo(CarModel.C));

        EngineDecoder engine = car.Engine;
        Assert.That(engine.Capacity, Is.EqualTo((ushort)2000));
        Assert.That(engine.NumCylinders, Is.EqualTo((byte)4));
        Assert.That(engine.MaxRpm, Is.EqualTo((ushort)9000));
        Assert.That(engine.GetManufacturerCodeString(), Is.EqualTo("123"));
        Assert.That(engine.GetFuelString(), Is.EqualTo("Petrol"));
        Assert.That(engine.Efficiency, Is.EqualTo((sbyte)35));
        Assert.That(engine.BoosterEnabled, Is.EqualTo(BooleanType.T));
        Assert.That(engine.Booster.BoostType, Is.EqualTo(BoostType.NITROUS));
        Assert.That(engine.Booster.HorsePower, Is.EqualTo((byte)200));

        var fuel = new List<(ushort Speed, float Mpg, string Description)>();
        foreach (var figure in car.FuelFigures())
        {
            fuel.Add((figure.Speed, figure.Mpg, figure.GetUsageDescriptionString()));
        }

        Assert.That(fuel, Is.EqualTo(new[] { ((ushort)30, 35.9f, "Urban Cycle"), ((ushort)55, 49.0f, "Combined Cycle"), ((ushort)75, 40.0f, "Highway Cycle") }));

        var performance = new List<(byte Octane, List<(ushort Mph, float Seconds)> Acceleration)>();
        var figures = car.PerformanceFigures();
        while (figures.MoveNext())
        {
            var acceleration = new List<(ushort, float)>();
            var entries = figures.Acceleration();
            while (entries.MoveNext())
            {
                acceleration.Add((entries.Mph, entries.Seconds));
            }

            performance.Add((figures.OctaneRating, acceleration));
        }

        Assert.That(performance, Has.Count.EqualTo(2));
        Assert.That(performance[0].Octane, Is.EqualTo((byte)95));
        Assert.That(performance[0].Acceleration, Is.EqualTo(new[] { ((ushort)30, 4.0f), ((ushort)60, 7.5f), ((ushort)100, 12.2f) }));
        Assert.That(performance[1].Octane, Is.EqualTo((byte)99));
        Assert.That(performance[1].Acceleration, Is.EqualTo(new[] { ((ushort)30, 3.8f), ((ushort)60, 7.1f), ((ushort)100, 11.8f) }));

        Assert.That(car.GetManufacturerString(), Is.EqualTo("Honda"));
        Assert.That(car.GetModelString(), Is.EqualTo("Civic VTi"));
        Assert.That(car.GetActivationCodeString(), Is.EqualTo("abcdef"));
        Assert.That(CarDecoder.TryValidate(bytes, 0, out int length, out _), Is.True);
        Assert.That(length, Is.EqualTo(bytes.Length));
#endif
    }

    [Test]
    public void Encoding_the_listed_values_reproduces_the_baseline_vector_byte_for_byte()
    {
        TestPaths.RequireReferenceCodecs();
#if SBE_REFERENCE_DATA
        byte[] expected = File.ReadAllBytes(TestPaths.ReferenceFile("vectors/car_example_baseline_data.sbe"));
        var buffer = new byte[512];

        int length = CarVectors.EncodeBaselineCar(buffer, new uint[] { 1, 2, 3, 4 });

        Assert.That(buffer.AsSpan(0, length).ToArray(), Is.EqualTo(expected));
#endif
    }

    [Test]
    public void Transcoding_the_baseline_vector_through_the_codecs_is_the_identity()
    {
        TestPaths.RequireReferenceCodecs();
#if SBE_REFERENCE_DATA
        byte[] expected = File.ReadAllBytes(TestPaths.ReferenceFile("vectors/car_example_baseline_data.sbe"));
        var buffer = new byte[512];

        int length = BaselineSchema.Transcode(expected, buffer);

        Assert.That(buffer.AsSpan(0, length).ToArray(), Is.EqualTo(expected));
#endif
    }

    [Test]
    public void The_dump_of_the_baseline_vector_names_every_value()
    {
        TestPaths.RequireReferenceCodecs();
#if SBE_REFERENCE_DATA
        byte[] bytes = File.ReadAllBytes(TestPaths.ReferenceFile("vectors/car_example_baseline_data.sbe"));

        string dump = CarDecoder.Wrap(bytes).ToString();

        Assert.That(dump, Is.EqualTo(
            "Car{serialNumber=1234, modelYear=2013, available=T, code=A, someNumbers=[1, 2, 3, 4], vehicleCode=\"abcdef\", " +
            "extras={sportsPack, cruiseControl}, discountedModel=C, engine={capacity=2000, numCylinders=4, maxRpm=9000, " +
            "manufacturerCode=\"123\", fuel=\"Petrol\", efficiency=35, boosterEnabled=T, booster={BoostType=NITROUS, horsePower=200}}, " +
            "fuelFigures=[{speed=30, mpg=35.9, usageDescription=\"Urban Cycle\"}, {speed=55, mpg=49, usageDescription=\"Combined Cycle\"}, " +
            "{speed=75, mpg=40, usageDescription=\"Highway Cycle\"}], performanceFigures=[{octaneRating=95, acceleration=[{mph=30, seconds=4}, " +
            "{mph=60, seconds=7.5}, {mph=100, seconds=12.2}]}, {octaneRating=99, acceleration=[{mph=30, seconds=3.8}, {mph=60, seconds=7.1}, " +
            "{mph=100, seconds=11.8}]}], manufacturer=\"Honda\", model=\"Civic VTi\", activationCode=\"abcdef\"}"));
        Assert.That(BaselineSchema.Describe(bytes), Is.EqualTo(dump));
#endif
    }
}
