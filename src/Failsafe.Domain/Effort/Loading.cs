namespace Failsafe.Effort;

/// <summary>How weight is put on an exercise, and so which loads can actually be lifted.</summary>
public abstract record Loading
{
    private Loading() { }

    /// <summary>Rounds a wanted load to the nearest loadable one in <paramref name="unit"/>; ties go down.</summary>
    public abstract Load Round(Load wanted, WeightUnit unit);

    /// <summary>The smallest increase from a loadable weight to the next one, in <paramref name="unit"/>.</summary>
    public abstract double SmallestStep(WeightUnit unit);

    /// <summary>The heaviest loadable weight at or under <paramref name="limit"/>, or the lightest loadable one when none is.</summary>
    public virtual Load AtMost(Load limit, WeightUnit unit)
    {
        var value = limit.To(unit).Value;
        var r = Round(limit, unit);
        while (r.Value > value + 1e-6)
        {
            var lower = Round(Load.Of(Math.Max(0, r.Value - SmallestStep(unit)), unit), unit);
            if (lower.Value >= r.Value - 1e-9)
                break;
            r = lower;
        }
        return r;
    }

    /// <summary>The next loadable weight above <paramref name="current"/> (itself rounded first).</summary>
    public virtual Load Above(Load current, WeightUnit unit)
    {
        var r = Round(current, unit);
        return Round(Load.Of(r.Value + SmallestStep(unit), unit), unit);
    }

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

    /// <summary>Weights in equal steps from the lightest, which is one step: fixed dumbbells, a pin-loaded stack.</summary>
    public abstract record Stepped(double StepKg, double StepLb) : Loading
    {
        public override Load Round(Load wanted, WeightUnit unit)
        {
            var step = SmallestStep(unit);
            return Load.Of(Math.Max(step, RoundToStep(wanted.To(unit).Value, step)), unit);
        }

        public override double SmallestStep(WeightUnit unit) => unit == WeightUnit.Kg ? StepKg : StepLb;
    }

    /// <summary>Fixed dumbbells in equal steps from the lightest (default 2 kg steps from 2 kg; 5 lb from 5 lb).</summary>
    public sealed record Dumbbell(double StepKg, double StepLb) : Stepped(StepKg, StepLb)
    {
        public static Dumbbell Standard { get; } = new(2, 5);
    }

    /// <summary>A pin-loaded stack in configurable steps (default 5 kg; 10 lb).</summary>
    public sealed record Machine(double StepKg, double StepLb) : Stepped(StepKg, StepLb)
    {
        public static Machine Standard { get; } = new(5, 10);
    }

    /// <summary>A fixed set of weights (the dumbbells in a rack), given in both units; a wanted load goes to the nearest, ties down.</summary>
    public sealed record Listed(System.Collections.Immutable.ImmutableArray<double> Kg, System.Collections.Immutable.ImmutableArray<double> Lb) : Loading
    {
        public override Load Round(Load wanted, WeightUnit unit)
        {
            var list = unit == WeightUnit.Kg ? Kg : Lb;
            var value = wanted.To(unit).Value;
            var best = list[0];
            foreach (var w in list)
            {
                var d = Math.Abs(w - value) - Math.Abs(best - value);
                if (d < -1e-9 || (Math.Abs(d) <= 1e-9 && w < best))
                    best = w;
            }
            return Load.Of(best, unit);
        }

        public override double SmallestStep(WeightUnit unit)
        {
            var list = (unit == WeightUnit.Kg ? Kg : Lb).Order().ToList();
            var step = double.MaxValue;
            for (var i = 1; i < list.Count; i++)
            {
                if (list[i] - list[i - 1] > 1e-9)
                    step = Math.Min(step, list[i] - list[i - 1]);
            }
            return step == double.MaxValue ? list[0] : step;
        }

        public override Load AtMost(Load limit, WeightUnit unit)
        {
            var list = unit == WeightUnit.Kg ? Kg : Lb;
            var value = limit.To(unit).Value;
            var under = list.Where(w => w <= value + 1e-6).ToList();
            return Load.Of(under.Count > 0 ? under.Max() : list.Min(), unit);
        }

        public override Load Above(Load current, WeightUnit unit)
        {
            var list = unit == WeightUnit.Kg ? Kg : Lb;
            var value = Round(current, unit).Value;
            var over = list.Where(w => w > value + 1e-6).ToList();
            return Load.Of(over.Count > 0 ? over.Min() : value, unit);
        }
    }

    /// <summary>
    /// The lifter's bodyweight plus added weight in plate steps (default 1.25 kg; 2.5 lb). Loads are the total
    /// (bodyweight + added); a wanted load below bodyweight rounds to bodyweight — unless the movement is
    /// <paramref name="Assisted"/>, where the total is bodyweight minus assistance in the same steps, down to nothing.
    /// </summary>
    public sealed record Bodyweight(Load BodyweightLoad, double StepKg, double StepLb, bool Assisted = false) : Loading
    {
        public static Bodyweight For(Load bodyweight, bool assisted = false) => new(bodyweight, 1.25, 2.5, assisted);

        public override Load Round(Load wanted, WeightUnit unit)
        {
            var body = BodyweightLoad.To(unit).Value;
            var step = SmallestStep(unit);
            var total = wanted.To(unit).Value;
            if (Assisted)
                return Load.Of(Math.Max(0, body - RoundToStep(Math.Clamp(body - total, 0, body), step)), unit);
            return Load.Of(body + RoundToStep(Math.Max(0, total - body), step), unit);
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
