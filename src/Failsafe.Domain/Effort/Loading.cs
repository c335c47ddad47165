namespace Failsafe.Effort;

/// <summary>How weight is put on an exercise, and so which loads can actually be lifted.</summary>
public abstract record Loading
{
    private Loading() { }

    /// <summary>Rounds a wanted load to the nearest loadable one in <paramref name="unit"/>; ties go down.</summary>
    public abstract Load Round(Load wanted, WeightUnit unit);

    /// <summary>The smallest increase from a loadable weight to the next one, in <paramref name="unit"/>.</summary>
    public abstract double SmallestStep(WeightUnit unit);

    /// <summary>A bar loaded with pairs of plates: bar + 2 × n × smallest plate.</summary>
    public sealed record Barbell(double BarKg, double SmallestPlateKg, double BarLb, double SmallestPlateLb) : Loading
    {
        /// <summary>20 kg bar with 1.25 kg plates; 45 lb bar with 2.5 lb plates.</summary>
        public static Barbell Standard { get; } = new(20, 1.25, 45, 2.5);

        public override Load Round(Load wanted, WeightUnit unit)
        {
            var (bar, plate) = unit == WeightUnit.Kg ? (BarKg, SmallestPlateKg) : (BarLb, SmallestPlateLb);
            var value = wanted.To(unit).Value;
            return Load.Of(value <= bar ? bar : bar + RoundToStep(value - bar, 2 * plate), unit);
        }

        public override double SmallestStep(WeightUnit unit) => 2 * (unit == WeightUnit.Kg ? SmallestPlateKg : SmallestPlateLb);
    }

    /// <summary>Fixed dumbbells in equal steps from the lightest (default 2 kg steps from 2 kg; 5 lb from 5 lb).</summary>
    public sealed record Dumbbell(double StepKg, double StepLb) : Loading
    {
        public static Dumbbell Standard { get; } = new(2, 5);

        public override Load Round(Load wanted, WeightUnit unit)
        {
            var step = SmallestStep(unit);
            return Load.Of(Math.Max(step, RoundToStep(wanted.To(unit).Value, step)), unit);
        }

        public override double SmallestStep(WeightUnit unit) => unit == WeightUnit.Kg ? StepKg : StepLb;
    }

    /// <summary>A pin-loaded stack in configurable steps (default 5 kg; 10 lb).</summary>
    public sealed record Machine(double StepKg, double StepLb) : Loading
    {
        public static Machine Standard { get; } = new(5, 10);

        public override Load Round(Load wanted, WeightUnit unit)
        {
            var step = SmallestStep(unit);
            return Load.Of(Math.Max(step, RoundToStep(wanted.To(unit).Value, step)), unit);
        }

        public override double SmallestStep(WeightUnit unit) => unit == WeightUnit.Kg ? StepKg : StepLb;
    }

    /// <summary>
    /// The lifter's bodyweight plus added weight in plate steps (default 1.25 kg; 2.5 lb).
    /// Loads are the total (bodyweight + added); a wanted load below bodyweight rounds to bodyweight.
    /// </summary>
    public sealed record Bodyweight(Load BodyweightLoad, double StepKg, double StepLb) : Loading
    {
        public static Bodyweight For(Load bodyweight) => new(bodyweight, 1.25, 2.5);

        public override Load Round(Load wanted, WeightUnit unit)
        {
            var body = BodyweightLoad.To(unit).Value;
            var added = Math.Max(0, wanted.To(unit).Value - body);
            return Load.Of(body + RoundToStep(added, SmallestStep(unit)), unit);
        }

        public override double SmallestStep(WeightUnit unit) => unit == WeightUnit.Kg ? StepKg : StepLb;
    }

    /// <summary>Nearest multiple of <paramref name="step"/>, ties down; results kept to 0.001 to avoid float dust.</summary>
    private static double RoundToStep(double value, double step)
    {
        var steps = value / step;
        var lower = Math.Floor(steps + 1e-9);
        var chosen = steps - lower > 0.5 + 1e-9 ? lower + 1 : lower;
        return Math.Round(chosen * step, 3);
    }
}
