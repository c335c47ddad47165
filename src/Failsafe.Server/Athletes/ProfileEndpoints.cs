using Failsafe.Store.Reporting;

namespace Failsafe.Server.Athletes;

/// <summary>
/// The fields of a profile; on PUT, absent fields stay as they are. <see cref="Equipment"/> is the lifter's equipment
/// (<see cref="EquipmentJson"/>: unit, bar, plates, microPlates, dumbbells, machineStep, machineSteps), replaced whole;
/// fields left out of it take the standard gym's values in its unit.
/// </summary>
public sealed record ProfileInput(
    string? Name, double? TrainingYears, string? FormUnderFatigue, double? SleepHours, string? Stress, string? Goal, bool? InSeason,
    string? Split, bool? CompetitionPrep, double? BodyweightKg, string? Unit, string? TrainingDays, string? Phase, string? TimeZone = null,
    System.Text.Json.JsonElement? Equipment = null, IReadOnlyList<string>? PinnedLifts = null, string? Preset = null);

/// <summary>The policy preset to decide with: conservative, hit, competition or endurance (RULES "Presets").</summary>
public sealed record PresetInput(string? Preset);

/// <summary>
/// A profile; <see cref="Equipment"/> is the equipment loads are rounded to (the standard gym in the unit when none was
/// set); <see cref="PinnedLifts"/> the exercises pinned for the e1RM charts, by name (empty: the main lifts);
/// <see cref="Preset"/> the policy preset every decision on the log is made with.
/// </summary>
public sealed record ProfileView(
    int AthleteId, string Name, double TrainingYears, string FormUnderFatigue, double SleepHours, string Stress, string Goal, bool InSeason,
    string Split, bool CompetitionPrep, double? BodyweightKg, string Unit, string TrainingDays, string Phase, DateTime UpdatedAt, string? TimeZone,
    System.Text.Json.JsonElement Equipment, IReadOnlyList<string> PinnedLifts, string Preset);

public static class ProfileEndpoints
{
    public static void MapProfile(this IEndpointRouteBuilder api)
    {
        var g = api.MapGroup("/profile").WithTags("Profile");
        g.MapGet("/", Get).ForAthlete(Access.Read).WithSummary("The athlete's profile: experience, form under fatigue, sleep, stress, goal, split, unit, days, phase.");
        g.MapPut("/", Put).ForAthlete(Access.Log).ProducesProblem(StatusCodes.Status413PayloadTooLarge).WithSummary("Change the profile (absent fields stay); every change is kept in the profile's history.");
        g.MapPut("/preset", PutPreset).ForAthlete(Access.Plan).ProducesProblem(StatusCodes.Status413PayloadTooLarge)
            .WithSummary("Change the policy preset (conservative, hit, competition, endurance): the athlete or a coach they accepted; kept in the profile's history.");
    }

    /// <summary>The profile as the API answers it; <paramref name="resolver"/> names the pinned lifts.</summary>
    internal static ProfileView View(ProfileRow p, ExerciseResolver resolver) => new(
        p.Id, p.Name, p.TrainingYears, p.FormUnderFatigue, p.SleepHours, p.Stress, p.Goal, p.InSeason, p.Split, p.CompetitionPrep,
        p.BodyweightKg, p.Unit, p.TrainingDays, p.Phase, p.UpdatedAt, p.TimeZone,
        System.Text.Json.JsonDocument.Parse(EquipmentJson.ToJson(TrainingStore.ToAthlete(p, []).Gear)).RootElement.Clone(),
        [.. PinnedLifts.Read(p.PinnedLifts).Select(id => PinnedLifts.Name(id, resolver))], PolicyPresets.NameOf(p.Preset));

    public static async Task<IResult> Get(FailsafeDb db, CancellationToken cancel) =>
        await db.MyProfile.AsNoTracking().FirstOrDefaultAsync(cancel) is { } p
            ? TypedResults.Ok(View(p, new ExerciseResolver(CatalogLoader.Default, db)))
            : Problems.NotFound("such athlete");

    private static string? Word<T>(Dictionary<string, string[]> errors, string field, string? value, string list)
        where T : struct, Enum
    {
        if (value is null)
            return null;
        if (Words.Map<T>().TryGetValue(value, out var parsed))
            return Words.Of(parsed);
        errors[field] = [$"'{value}' is not one of: {list}"];
        return null;
    }

    /// <summary>Training weekdays as stored (<c>mon,wed,fri</c>); null when not given, or with the problem in <paramref name="errors"/>.</summary>
    internal static string? Days(Dictionary<string, string[]> errors, string field, string? value)
    {
        if (value is null)
            return null;
        var (parsed, problem) = TrainingDays.Parse(value);
        if (problem is null)
            return TrainingDays.Format(parsed);
        errors[field] = [problem];
        return null;
    }

    public static async Task<IResult> Put(ProfileInput input, FailsafeDb db, TimeProvider clock, IConfiguration settings, CancellationToken cancel)
    {
        if (input is null)
            return Problems.Invalid("body", "a profile object is required");
        var errors = new Dictionary<string, string[]>();
        if (input.Name is { } n && (n.Trim().Length == 0 || n.Length > 100))
            errors["name"] = ["1–100 characters"];
        if (input.TrainingYears is { } y && (!double.IsFinite(y) || y is < 0 or > 80))
            errors["trainingYears"] = [$"{y} is out of range (0–80)"];
        if (input.SleepHours is { } h && (!double.IsFinite(h) || h is < 0 or > 24))
            errors["sleepHours"] = [$"{h} is out of range (0–24)"];
        if (input.BodyweightKg is { } bw && (!double.IsFinite(bw) || bw is < 20 or > 400))
            errors["bodyweightKg"] = [$"{bw} is out of range (20–400)"];
        var form = Word<FormUnderFatigue>(errors, "formUnderFatigue", input.FormUnderFatigue, "poor, good, excellent");
        var stress = Word<Stress>(errors, "stress", input.Stress, "low, moderate, high");
        var goal = Word<Goal>(errors, "goal", input.Goal, "hypertrophy, strength, general, endurance");
        var split = Word<Split>(errors, "split", input.Split, "full-body, upper-lower, body-part");
        var phase = Word<Phase>(errors, "phase", input.Phase, "hypertrophy, strength, deload");
        if (input.Unit is { } u && u is not ("kg" or "lb"))
            errors["unit"] = [$"'{u}' is not a unit (kg or lb)"];
        var days = Days(errors, "trainingDays", input.TrainingDays);
        string? zone = null;
        if (input.TimeZone is { } z)
        {
            if (LocalDay.Problem(z) is { } problem)
                errors["timeZone"] = [problem];
            else
                zone = LocalDay.IanaId(LocalDay.Find(z)!);
        }
        string? equipment = null;
        if (input.Equipment is { ValueKind: not System.Text.Json.JsonValueKind.Null } eq)
        {
            if (EquipmentJson.From(eq, out var problem) is { } gear)
                equipment = EquipmentJson.ToJson(gear);
            else
                errors["equipment"] = [problem!];
        }
        var resolver = new ExerciseResolver(CatalogLoader.Default, db);
        string? pinned = null;
        if (input.PinnedLifts is { } lifts)
        {
            if (PinnedLifts.Resolve(lifts, resolver, out var problem) is { } ids)
                pinned = PinnedLifts.Write(ids) ?? "";
            else
                errors["pinnedLifts"] = [problem!];
        }
        if (input.Preset is { } named && PolicyPresets.Problem(named) is { } presetProblem)
            errors["preset"] = [presetProblem];
        if (errors.Count > 0)
            return Problems.Invalid(errors);

        var p = await db.MyProfile.FirstAsync(cancel);
        var before = Fields(p);
        p.Preset = input.Preset ?? p.Preset;
        if (input.Name is not null)
            p.Name = input.Name.Trim();
        p.TrainingYears = input.TrainingYears ?? p.TrainingYears;
        p.FormUnderFatigue = form ?? p.FormUnderFatigue;
        p.SleepHours = input.SleepHours ?? p.SleepHours;
        p.Stress = stress ?? p.Stress;
        p.Goal = goal ?? p.Goal;
        p.InSeason = input.InSeason ?? p.InSeason;
        p.Split = split ?? p.Split;
        p.CompetitionPrep = input.CompetitionPrep ?? p.CompetitionPrep;
        p.BodyweightKg = input.BodyweightKg ?? p.BodyweightKg;
        p.Unit = input.Unit ?? p.Unit;
        p.TrainingDays = days ?? p.TrainingDays;
        p.Phase = phase ?? p.Phase;
        p.TimeZone = zone ?? p.TimeZone;
        p.EquipmentJson = equipment ?? p.EquipmentJson;
        // An empty list unpins every lift: the charts show the main lifts again.
        if (pinned is not null)
            p.PinnedLifts = pinned.Length == 0 ? null : pinned;
        if (await Save(db, p, before, clock, settings, cancel) is { } full)
            return full;
        return TypedResults.Ok(View(p, resolver));
    }

    /// <summary>Sets the preset alone: what a coach may change of the profile, as it decides the training they plan.</summary>
    public static async Task<IResult> PutPreset(PresetInput input, FailsafeDb db, TimeProvider clock, IConfiguration settings, CancellationToken cancel)
    {
        if (input?.Preset is not { } named)
            return Problems.Invalid("preset", $"a preset is required: {PolicyPresets.List}");
        if (PolicyPresets.Problem(named) is { } problem)
            return Problems.Invalid("preset", problem);
        var p = await db.MyProfile.FirstAsync(cancel);
        var before = Fields(p);
        p.Preset = named;
        if (await Save(db, p, before, clock, settings, cancel) is { } full)
            return full;
        return TypedResults.Ok(View(p, new ExerciseResolver(CatalogLoader.Default, db)));
    }

    /// <summary>
    /// Saves <paramref name="p"/>, keeping each field that changed since <paramref name="before"/> in the profile's
    /// history, and raises the revision; a 413, with nothing saved, when the history would pass its cap.
    /// </summary>
    private static async Task<IResult?> Save(FailsafeDb db, ProfileRow p, Dictionary<string, string?> before, TimeProvider clock, IConfiguration settings, CancellationToken cancel)
    {
        var now = clock.GetUtcNow().UtcDateTime;
        var changes = Fields(p).Where(f => before[f.Key] != f.Value)
            .Select(f => new ProfileChangeRow { ProfileId = p.Id, ChangedAt = now, Field = f.Key, OldValue = before[f.Key], NewValue = f.Value }).ToList();
        if (changes.Count > 0 && await ListCap.ProfileChanges.Refuses(db.ProfileChanges.Where(c => c.ProfileId == p.Id), settings, cancel, changes.Count) is { } full)
            return full;
        p.UpdatedAt = now;
        db.ProfileChanges.AddRange(changes);
        await db.SaveChangesAsync(cancel);
        await db.TouchAsync(p.Id, cancel);
        return null;
    }

    private static Dictionary<string, string?> Fields(ProfileRow p) => new()
    {
        ["name"] = p.Name, ["trainingYears"] = p.TrainingYears.ToString(System.Globalization.CultureInfo.InvariantCulture),
        ["formUnderFatigue"] = p.FormUnderFatigue, ["sleepHours"] = p.SleepHours.ToString(System.Globalization.CultureInfo.InvariantCulture),
        ["stress"] = p.Stress, ["goal"] = p.Goal, ["inSeason"] = p.InSeason ? "true" : "false", ["split"] = p.Split,
        ["competitionPrep"] = p.CompetitionPrep ? "true" : "false", ["equipment"] = p.EquipmentJson, ["bodyweightKg"] = p.BodyweightKg?.ToString(System.Globalization.CultureInfo.InvariantCulture),
        ["unit"] = p.Unit, ["trainingDays"] = p.TrainingDays, ["phase"] = p.Phase, ["timeZone"] = p.TimeZone, ["pinnedLifts"] = p.PinnedLifts,
        ["preset"] = p.Preset,
    };
}
