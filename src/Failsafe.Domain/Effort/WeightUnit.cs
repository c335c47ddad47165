namespace Failsafe.Effort;

/// <summary>The unit a lifter loads and reads weights in.</summary>
public enum WeightUnit
{
    Kg,
    Lb,
}
