using Failsafe.Effort;
using Failsafe.Store.Data;
using Failsafe.Store.Training;

namespace Failsafe.Store.Tests.Training;

public class EquipmentJsonTests
{
    [Fact]
    public void Parse_PartialObject_KeepsTheStandardGymForTheRest()
    {
        var gear = EquipmentJson.Parse("""{"unit":"lb","dumbbells":["5-50:5", 52.5],"microPlates":[1.25]}""", out var error);

        error.ShouldBeNull();
        gear!.Unit.ShouldBe(WeightUnit.Lb);
        gear.Bar.ShouldBe(45);
        gear.Dumbbells.ShouldContain(52.5);
        gear.BarbellStep.ShouldBe(2.5);
    }

    [Theory]
    [InlineData("""{"bar":-5}""", "bar: -5")]
    [InlineData("""{"plates":[20,0]}""", "plates: 0")]
    [InlineData("""{"dumbbells":["x"]}""", "'x'")]
    [InlineData("""{"unit":"stone"}""", "stone")]
    [InlineData("""{"machineStep":0}""", "machineStep: 0")]
    [InlineData("""{"racks":1}""", "racks")]
    public void Parse_BadValue_NamesIt(string json, string named)
    {
        EquipmentJson.Parse(json, out var error).ShouldBeNull();
        error.ShouldNotBeNull().ShouldContain(named);
    }

    [Fact]
    public void ToJson_ThenParse_RoundTrips()
    {
        var gear = Equipment.Standard(WeightUnit.Kg) with { MicroPlates = [0.25, 0.5], MachineSteps = Equipment.Standard(WeightUnit.Kg).MachineSteps.Add("Leg_Press", 2.5) };

        var back = EquipmentJson.Parse(EquipmentJson.ToJson(gear), out _)!;

        EquipmentJson.ToJson(back).ShouldBe(EquipmentJson.ToJson(gear));
    }
}

public class ToSetTests
{
    [Fact]
    public void ToSet_NoRirNoRpe_StaysUnrated()
    {
        var set = TrainingStore.ToSet(new SetRow { WeightKg = 100, Reps = 5, Failure = "none" });

        set.Rated.ShouldBeFalse();
        set.IsFailure.ShouldBeFalse();
    }

    [Fact]
    public void ToSet_Rpe_RatedAsRir()
    {
        var set = TrainingStore.ToSet(new SetRow { WeightKg = 100, Reps = 5, Rpe = 8, Failure = "none" });

        set.Rated.ShouldBeTrue();
        set.Rir.Value.ShouldBe(2);
    }

    [Fact]
    public void ToSet_DropRow_IsNoWorkingSet()
    {
        var set = TrainingStore.ToSet(new SetRow { WeightKg = 6, Reps = 8, Failure = "absolute", Drop = true });

        set.IsWorking.ShouldBeFalse();
        set.IsFailure.ShouldBeTrue();
    }
}
