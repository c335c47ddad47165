using System.Text.Json;
using System.Text.Json.Serialization;

namespace Failsafe.Store.Training;

/// <summary>An exercise put in place of a planned one: <see cref="From"/> and <see cref="To"/> are stored exercise ids (catalog id or <c>custom:Name</c>).</summary>
public sealed record SessionSwap(string From, string To, string Name);

/// <summary>An exercise the lifter added to the day: <see cref="Sets"/> sets of <see cref="Reps"/> (a rep range such as <c>8-12</c>).</summary>
public sealed record SessionAddition(string Id, string Name, int Sets, string Reps);

/// <summary>
/// What the lifter changed in a day's planned session — exercises skipped, swapped, added and the order they chose —
/// as stored in <c>sessions.ChangesJson</c>. Immutable: each change returns a new value. Exercises are named by their
/// stored id, so a change follows the exercise whatever the lifter called it.
/// </summary>
public sealed record SessionChanges(
    ImmutableArray<string> Skipped, ImmutableArray<SessionSwap> Swaps, ImmutableArray<SessionAddition> Added, ImmutableArray<string> Order)
{
    /// <summary>No change: the session as planned.</summary>
    public static readonly SessionChanges None = new([], [], [], []);

    private static readonly JsonSerializerOptions Options = new(JsonSerializerDefaults.Web)
    {
        DefaultIgnoreCondition = JsonIgnoreCondition.Never,
    };

    [JsonIgnore]
    public bool IsEmpty => Skipped.IsEmpty && Swaps.IsEmpty && Added.IsEmpty && Order.IsEmpty;

    /// <summary>The stored JSON read back; <see cref="None"/> for null, empty or unreadable text (a change is advice, never a reason to fail a day).</summary>
    public static SessionChanges Parse(string? json)
    {
        if (string.IsNullOrWhiteSpace(json))
            return None;
        try
        {
            var read = JsonSerializer.Deserialize<SessionChanges>(json, Options);
            return read is null ? None : new SessionChanges(
                read.Skipped.IsDefault ? [] : read.Skipped, read.Swaps.IsDefault ? [] : read.Swaps,
                read.Added.IsDefault ? [] : read.Added, read.Order.IsDefault ? [] : read.Order);
        }
        catch (JsonException)
        {
            return None;
        }
    }

    /// <summary>The JSON to store; null when nothing changed.</summary>
    public string? ToJson() => IsEmpty ? null : JsonSerializer.Serialize(this, Options);

    /// <summary>Skips <paramref name="id"/> (a planned, swapped-in or added exercise).</summary>
    public SessionChanges Skip(string id) => Skipped.Contains(id, StringComparer.Ordinal) ? this : this with { Skipped = Skipped.Add(id) };

    /// <summary>Takes back a skip of <paramref name="id"/>.</summary>
    public SessionChanges Unskip(string id) => this with { Skipped = [.. Skipped.Where(s => s != id)] };

    /// <summary>
    /// Does <paramref name="to"/> in place of <paramref name="from"/>. Swapping a swapped-in exercise replaces the
    /// original swap, so the plan's exercise is always the one named in <see cref="SessionSwap.From"/>.
    /// </summary>
    public SessionChanges Swap(string from, string to, string name)
    {
        var original = Swaps.FirstOrDefault(s => s.To == from)?.From ?? from;
        var others = Swaps.Where(s => s.From != original);
        return this with { Swaps = [.. others, new SessionSwap(original, to, name)], Skipped = [.. Skipped.Where(s => s != from)] };
    }

    /// <summary>Adds <paramref name="sets"/> sets of <paramref name="reps"/> of an exercise at the end of the day.</summary>
    public SessionChanges Add(string id, string name, int sets, string reps) =>
        this with { Added = [.. Added.Where(a => a.Id != id), new SessionAddition(id, name, sets, reps)], Skipped = [.. Skipped.Where(s => s != id)] };

    /// <summary>Puts <paramref name="ids"/> first, in that order; the others follow as planned.</summary>
    public SessionChanges Reorder(IEnumerable<string> ids) => this with { Order = [.. ids.Distinct(StringComparer.Ordinal)] };

    /// <summary>
    /// The day as changed: skipped exercises left out, swaps in place (the substitute's load is not known from the
    /// planned exercise, so it is left to the lifter; its failure is capped at what the substitute allows), additions
    /// at the end (no failure, at least 2 in reserve), the chosen order, and the exercise in hand first — the one
    /// of the last working set, when it still has sets to do — so <c>next</c> follows the lifter instead of sending
    /// them back to an exercise they left.
    /// </summary>
    /// <param name="lastDone">The stored id of the exercise of the last working set logged today, if any.</param>
    /// <param name="before">The scenario on the training before today: given, a swapped-in or added exercise gets its load
    /// from its own history, as the engine gives a planned one (LoadAdvice), and the rest the policy gives it.</param>
    public (PlannedSession Session, Evaluation Evaluation) Apply(PlannedSession session, Evaluation evaluation, ExerciseResolver resolver, string? lastDone = null, Scenario? before = null, Policy? policy = null)
    {
        ArgumentNullException.ThrowIfNull(session);
        ArgumentNullException.ThrowIfNull(evaluation);
        ArgumentNullException.ThrowIfNull(resolver);
        policy ??= Policy.Default;
        Facts? facts = null;
        // The load of an exercise that is not the plan's: from its own history when there is one, else left to the lifter.
        SetDecision Loaded(SetDecision set, PlannedExercise planned, string otherwise)
        {
            if (before is not null)
            {
                facts ??= new Facts(before, policy);
                if (LoadAdvice.For(planned, before, facts, set.TargetRir) is { WeightKg: { } kg, Reason: { } reason })
                    return set with { WeightKg = kg, Reasons = set.Reasons.Add(reason) };
            }
            return set with { WeightKg = null, Reasons = set.Reasons.Add(new Reason("S6", otherwise)) };
        }
        var items = new List<(PlannedExercise Planned, ExerciseDecision Decision)>();
        for (var i = 0; i < session.Exercises.Length && i < evaluation.Exercises.Length; i++)
        {
            var (planned, decision) = (session.Exercises[i], evaluation.Exercises[i]);
            if (Swaps.FirstOrDefault(s => s.From == planned.Exercise.Id) is { } swap && resolver.Resolve(swap.Name).Exercise is { } substitute)
            {
                planned = planned with { Name = swap.Name, Exercise = substitute };
                decision = decision with
                {
                    Exercise = swap.Name, CatalogExercise = substitute, MaxFailure = Min(decision.MaxFailure, substitute.MaxFailure),
                    Sets = [.. decision.Sets.Select(s => Loaded(s with
                    {
                        Failure = Min(s.Failure, substitute.MaxFailure), Reasons = [.. s.Reasons.Where(r => !r.Load)],
                    }, planned, $"swapped in for {session.Exercises[i].Name}: no history of {swap.Name}, so no load carried over; start conservatively"))],
                };
                // The planned exercise's warm-up loads do not fit the substitute: its own ramp, as if its muscles were cold.
                decision = decision with
                {
                    Warmups = before is null ? [] : Warmups.For(planned, before.Athlete, decision.Sets.FirstOrDefault()?.WeightKg, [], policy),
                };
            }
            items.Add((planned, decision));
        }
        var rir = evaluation.Exercises.SelectMany(e => e.Sets).Where(s => s.Failure == FailureLevel.None).Select(s => s.TargetRir).DefaultIfEmpty(2).Max();
        foreach (var added in Added)
        {
            if (resolver.Resolve(added.Name).Exercise is not { } exercise || !RepRange.TryParse(added.Reps, out var reps, out _))
                continue;
            var target = Math.Max(2, rir);
            var planned = new PlannedExercise(added.Name, exercise, added.Sets, reps);
            var rest = Warmups.RestAfter(planned, FailureLevel.None, policy);
            var sets = Enumerable.Range(1, added.Sets).Select(n => Loaded(new SetDecision(n, added.Reps, target, null, FailureLevel.None, [],
                [new Reason("S1", $"added by you, not in today's plan: no failure, {target:0.#} in reserve")]) { RestSeconds = rest },
                planned, $"no history of {added.Name}: pick a load that leaves {target:0.#} in reserve")).ToImmutableArray();
            items.Add((planned, new ExerciseDecision(added.Name, exercise, FailureLevel.None, sets)));
        }
        items.RemoveAll(x => Skipped.Contains(x.Planned.Exercise.Id, StringComparer.Ordinal));
        var order = Order.ToList();
        var sorted = items.Select((x, i) => (x, i))
            .OrderBy(t => order.IndexOf(t.x.Planned.Exercise.Id) is var k and >= 0 ? k : order.Count + t.i)
            .Select(t => t.x).ToList();
        if (lastDone is not null && sorted.FindIndex(x => x.Planned.Exercise.Id == lastDone) is var at and > 0)
        {
            var inHand = sorted[at];
            sorted.RemoveAt(at);
            sorted.Insert(0, inHand);
        }
        return (session with { Exercises = [.. sorted.Select(x => x.Planned)] }, evaluation with { Exercises = [.. sorted.Select(x => x.Decision)] });
    }

    private static FailureLevel Min(FailureLevel a, FailureLevel b) => (FailureLevel)Math.Min((int)a, (int)b);
}
