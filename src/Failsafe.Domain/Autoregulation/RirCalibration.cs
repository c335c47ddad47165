namespace Failsafe.Autoregulation;

/// <summary>
/// A lifter's personal RIR bias: how many more reps they had in reserve than they reported (positive =
/// under-prediction, the common case: 0.95 reps on average, Halperin et al. 2022).
/// </summary>
/// <remarks>
/// A failure set is a measurement. Each time a lifter took a set to failure after a set of the same exercise
/// on the same day that they rated with RIR, the rated set predicts how many reps the failure set's load
/// allowed (via the e1RM it implies); the difference between the reps actually done to failure and that
/// prediction is one observation. The rated set leaves fatigue behind, so its prediction is discounted by the
/// R6 drop-off ratio for the rest taken (<see cref="NextSet.DropOffRatio"/>), in full when it was rated 0 RIR and
/// not at all from 4 RIR up (an approximation: the published ratios follow sets to failure). The bias is the
/// observations' sum over (count + <see cref="PriorWeight"/>), which shrinks a few observations toward 0,
/// clamped to −2…+3 reps.
/// </remarks>
public sealed record RirCalibration(double Bias, int Observations)
{
    /// <summary>How many observations of "no bias" the estimate starts from.</summary>
    public const double PriorWeight = 2;

    public static RirCalibration None { get; } = new(0, 0);

    /// <summary>The true RIR of a set the lifter reported at <paramref name="reported"/>.</summary>
    public double Adjust(Rir reported) => Math.Clamp(reported.Value + Bias, 0, Rir.MaxValue);

    public static RirCalibration From(IEnumerable<LoggedSession> history, int restSeconds = 120)
    {
        ArgumentNullException.ThrowIfNull(history);
        double sum = 0;
        var n = 0;
        foreach (var session in history)
        {
            foreach (var exercise in session.Exercises)
            {
                var sets = exercise.Sets;
                for (var i = 1; i < sets.Length; i++)
                {
                    var failed = sets[i];
                    var rated = sets[i - 1];
                    if (failed.Failure != FailureLevel.Absolute || !failed.IsWorking || rated.IsFailure || !rated.IsWorking || !rated.Rated
                        || failed.WeightKg <= 0 || rated.WeightKg <= 0 || failed.Reps < 1 || rated.Reps < 1)
                        continue;
                    var predictedE1Rm = rated.WeightKg / OneRepMax.FractionOf1Rm(rated.Reps + rated.Rir.Value);
                    var fatigue = 1 - (1 - NextSet.DropOffRatio(restSeconds)) * Math.Max(0, (4 - rated.Rir.Value) / 4);
                    var predictedReps = Math.Max(1, OneRepMax.RepsToFailure(failed.WeightKg / predictedE1Rm) * fatigue);
                    sum += failed.Reps - predictedReps;
                    n++;
                }
            }
        }
        return n == 0 ? None : new RirCalibration(Math.Clamp(sum / (n + PriorWeight), -2, 3), n);
    }
}
