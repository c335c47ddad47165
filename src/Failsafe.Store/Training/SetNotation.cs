using System.Text.RegularExpressions;

namespace Failsafe.Store.Training;

/// <summary>A set as a lifter writes it, parsed.</summary>
public sealed record WrittenSet(Load Load, int Reps, Rir? Rir, Rpe? Rpe, FailureLevel Failure)
{
    /// <summary>RIR as stored: 0 for a failed set, else the given RIR, else 10 − RPE, else null (not rated).</summary>
    public double? EffectiveRir => Failure != FailureLevel.None ? 0 : Rir?.Value ?? (Rpe is { } rpe ? 10 - rpe.Value : null);
}

/// <summary>
/// The notation lifters write: <c>100x8@8</c> (100 × 8 at RPE 8), <c>100x8@2rir</c>, <c>100x8 F</c> or <c>A</c>
/// (absolute failure; <c>history</c> prints <c>A</c>), <c>100x8 T</c> (technical failure: form broke), <c>100kgx8</c>,
/// <c>225lbx5@9.5</c>, <c>bwx12</c> (bodyweight, no added load), <c>×</c> for <c>x</c>. The unit without a suffix is the
/// lifter's. Several sets at once: one after another (<c>80x8@8 82.5x6@9</c>), or the number of sets first
/// (<c>3x80x8@8</c>: three sets of 80 × 8 at RPE 8; two numbers stay load × reps).
/// </summary>
public static partial class SetNotation
{
    [GeneratedRegex(@"^\s*(?<w>bw|\d+(?:[.,]\d+)?)\s*(?<u>kg|lbs?|)?\s*[x×*]\s*(?<r>\d+)\s*(?:@\s*(?<e>\d+(?:[.,]\d+)?)\s*(?<k>rir|rpe)?)?\s*(?<f>[FTA]|fail(?:ure)?|tech(?:nical)?|abs(?:olute)?)?\s*$", RegexOptions.IgnoreCase)]
    private static partial Regex Pattern();

    [GeneratedRegex(@"^\s*(?<n>\d+)\s*[x×*]\s*(?<set>(?:bw|\d+(?:[.,]\d+)?)\s*(?:kg|lbs?)?\s*[x×*].*)$", RegexOptions.IgnoreCase)]
    private static partial Regex Repeated();

    /// <summary>Where a new set begins among the words of a command line: a load (or bw) times reps, or sets × load × reps.</summary>
    [GeneratedRegex(@"^(?:\d+[x×*])?(?:bw|\d+(?:[.,]\d+)?)(?:kg|lbs?)?[x×*]\d", RegexOptions.IgnoreCase)]
    private static partial Regex SetStart();

    /// <summary>The most sets one <c>NxLOADxREPS</c> may stand for.</summary>
    public const int MaxRepeat = 20;

    /// <summary>
    /// Every set in <paramref name="words"/> (the words of a command line: <c>80x8@8 82.5x6@9</c>, <c>100x8 F</c>,
    /// <c>3x80x8@8</c>), in order; false with the first problem when one is not a set.
    /// </summary>
    public static bool TryParseMany(IReadOnlyList<string> words, WeightUnit defaultUnit, out List<WrittenSet> sets, out string error)
    {
        ArgumentNullException.ThrowIfNull(words);
        sets = [];
        var texts = new List<string>();
        foreach (var word in words)
        {
            if (texts.Count == 0 || SetStart().IsMatch(word.Trim()))
                texts.Add(word);
            else
                texts[^1] += " " + word;
        }
        if (texts.Count == 0)
        {
            error = "no set given: write load x reps, e.g. 100x8@8";
            return false;
        }
        foreach (var text in texts)
        {
            var times = 1;
            var one = text;
            if (!Pattern().IsMatch(text) && Repeated().Match(text) is { Success: true } r)
            {
                times = int.Parse(r.Groups["n"].Value, NumberStyles.None, CultureInfo.InvariantCulture);
                if (times is < 1 or > MaxRepeat)
                {
                    error = $"'{text}': {times} sets at once is out of range (1–{MaxRepeat})";
                    return false;
                }
                one = r.Groups["set"].Value;
            }
            if (!TryParse(one, defaultUnit, out var set, out error))
                return false;
            sets.AddRange(Enumerable.Repeat(set, times));
        }
        error = "";
        return true;
    }

    public static bool TryParse(string text, WeightUnit defaultUnit, out WrittenSet set, out string error)
    {
        set = null!;
        var m = Pattern().Match(text ?? "");
        if (!m.Success)
        {
            error = $"'{text}' is not a set: write load x reps, optionally @RPE or @Nrir and F/A/T, e.g. 100x8@8, 100x8@2rir, 100x8 F";
            return false;
        }
        var unitText = m.Groups["u"].Value.ToLowerInvariant();
        var unit = unitText.StartsWith("lb", StringComparison.Ordinal) ? WeightUnit.Lb : unitText == "kg" ? WeightUnit.Kg : defaultUnit;
        var weightText = m.Groups["w"].Value;
        var weight = weightText.Equals("bw", StringComparison.OrdinalIgnoreCase) ? 0 : double.Parse(weightText.Replace(',', '.'), CultureInfo.InvariantCulture);
        if (weight > LogLimits.MaxWeight)
        {
            error = $"'{weightText}' {unit.ToString().ToLowerInvariant()} is not a plausible load";
            return false;
        }
        if (!int.TryParse(m.Groups["r"].Value, NumberStyles.None, CultureInfo.InvariantCulture, out var reps) || reps > LogLimits.MaxReps)
        {
            error = $"{m.Groups["r"].Value} reps is out of range (0–{LogLimits.MaxReps})";
            return false;
        }
        var f = m.Groups["f"].Value.ToLowerInvariant();
        var failure = f.Length == 0 ? FailureLevel.None : f.StartsWith('t') ? FailureLevel.Technical : FailureLevel.Absolute;
        Rir? rir = null;
        Rpe? rpe = null;
        if (m.Groups["e"].Success)
        {
            var value = double.Parse(m.Groups["e"].Value.Replace(',', '.'), CultureInfo.InvariantCulture);
            if (m.Groups["k"].Value.Equals("rir", StringComparison.OrdinalIgnoreCase))
            {
                if (!Effort.Rir.TryOf(value, out var r))
                {
                    error = $"RIR {m.Groups["e"].Value} must be 0–10 in half steps";
                    return false;
                }
                rir = r;
            }
            else
            {
                if (!Effort.Rpe.TryOf(value, out var p))
                {
                    error = $"RPE {m.Groups["e"].Value} must be 1–10 in half steps";
                    return false;
                }
                rpe = p;
            }
            if (failure != FailureLevel.None && (rir is { Value: > 0 } || rpe is { Value: < 10 }))
            {
                error = "a failed set has 0 reps in reserve (RPE 10); drop the @ or the F/T";
                return false;
            }
        }
        if (reps == 0 && failure == FailureLevel.None)
        {
            error = "0 reps is only possible on a failed attempt (add F or T)";
            return false;
        }
        set = new WrittenSet(Load.Of(weight, unit), reps, rir, rpe, failure);
        error = "";
        return true;
    }
}
