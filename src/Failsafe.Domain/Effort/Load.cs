using System.Globalization;

namespace Failsafe.Effort;

/// <summary>
/// A weight with its unit. Non-negative and finite. Conversion uses the exact definition
/// 1 lb = 0.45359237 kg, so kg → lb → kg returns the same value to far better than 0.01.
/// </summary>
public readonly record struct Load
{
    /// <summary>Kilograms in one pound, exact by definition (international pound, 1959).</summary>
    public const double KgPerLb = 0.45359237;

    private Load(double value, WeightUnit unit) => (Value, Unit) = (value, unit);

    public double Value { get; }

    public WeightUnit Unit { get; }

    public static Load Kg(double value) => Of(value, WeightUnit.Kg);

    public static Load Lb(double value) => Of(value, WeightUnit.Lb);

    public static Load Of(double value, WeightUnit unit) =>
        double.IsFinite(value) && value >= 0
            ? new Load(value, unit)
            : throw new ArgumentOutOfRangeException(nameof(value), value, "A load must be a finite number ≥ 0.");

    public double InKg => Unit == WeightUnit.Kg ? Value : Value * KgPerLb;

    public double InLb => Unit == WeightUnit.Lb ? Value : Value / KgPerLb;

    public Load To(WeightUnit unit) => unit == Unit ? this : new Load(unit == WeightUnit.Kg ? InKg : InLb, unit);

    public override string ToString() =>
        string.Create(CultureInfo.InvariantCulture, $"{Value:0.##} {(Unit == WeightUnit.Kg ? "kg" : "lb")}");
}
