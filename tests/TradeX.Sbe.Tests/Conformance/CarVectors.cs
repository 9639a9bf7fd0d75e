#if SBE_REFERENCE_DATA
using TradeX.Sbe.Tests.Reference.Baseline;
using CarModel = TradeX.Sbe.Tests.Reference.Baseline.Model;

namespace TradeX.Sbe.Tests.Conformance;

/// <summary>Encodes the Car that SOURCE.md describes, with the typed encoder, the way the Java example does.</summary>
internal static class CarVectors
{
    public static int EncodeBaselineCar(Span<byte> buffer, uint[] someNumbers)
    {
        var car = CarEncoder.WrapAndApplyHeader(buffer);
        car.SerialNumber = 1234;
        car.ModelYear = 2013;
        car.Available = BooleanType.T;
        car.Code = CarModel.A;
        for (int i = 0; i < someNumbers.Length; i++)
        {
            car.SetSomeNumbers(i, someNumbers[i]);
        }

        car.SetVehicleCode("abcdef");
        car.Extras = OptionalExtras.CruiseControl | OptionalExtras.SportsPack;
        car.Engine
            .SetCapacity(2000)
            .SetNumCylinders(4)
            .SetManufacturerCode("123")
            .SetEfficiency(35)
            .SetBoosterEnabled(BooleanType.T);
        car.Engine.Booster.SetBoostType(BoostType.NITROUS).SetHorsePower(200);

        var fuel = car.FuelFiguresCount(3);
        fuel.Next();
        fuel.Speed = 30;
        fuel.Mpg = 35.9f;
        fuel.SetUsageDescription("Urban Cycle");
        fuel.Next();
        fuel.Speed = 55;
        fuel.Mpg = 49.0f;
        fuel.SetUsageDescription("Combined Cycle");
        fuel.Next();
        fuel.Speed = 75;
        fuel.Mpg = 40.0f;
        fuel.SetUsageDescription("Highway Cycle");

        var performance = car.PerformanceFiguresCount(2);
        performance.Next();
        performance.OctaneRating = 95;
        var acceleration = performance.AccelerationCount(3);
        acceleration.Next();
        acceleration.Mph = 30;
        acceleration.Seconds = 4.0f;
        acceleration.Next();
        acceleration.Mph = 60;
        acceleration.Seconds = 7.5f;
        acceleration.Next();
        acceleration.Mph = 100;
        acceleration.Seconds = 12.2f;
        performance.Next();
        performance.OctaneRating = 99;
        acceleration = performance.AccelerationCount(3);
        acceleration.Next();
        acceleration.Mph = 30;
        acceleration.Seconds = 3.8f;
        acceleration.Next();
        acceleration.Mph = 60;
        acceleration.Seconds = 7.1f;
        acceleration.Next();
        acceleration.Mph = 100;
        acceleration.Seconds = 11.8f;

        car.SetManufacturer("Honda");
        car.SetModel("Civic VTi");
        car.SetActivationCode("abcdef");
        return car.Finish();
    }
}
#endif
