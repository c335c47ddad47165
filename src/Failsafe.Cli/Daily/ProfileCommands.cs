using Failsafe.Store.Reporting;

namespace Failsafe.Cli.Daily;

/// <summary><c>failsafe init</c>: create or update the lifter's profile (changes are kept).</summary>
public static class ProfileCommands
{
    public static Command Init(Io io)
    {
        var name = new Option<string?>("--name") { Description = "Your name." };
        var years = new Option<double?>("--years") { Description = "Years of consistent training." };
        var form = new Option<string?>("--form") { Description = "Form under fatigue: excellent | good | poor." };
        var sleep = new Option<double?>("--sleep") { Description = "Typical hours of sleep." };
        var stress = new Option<string?>("--stress") { Description = "low | moderate | high." };
        var goal = new Option<string?>("--goal") { Description = "hypertrophy | strength | general | endurance." };
        var split = new Option<string?>("--split") { Description = "full-body | upper-lower | body-part." };
        var unit = new Option<string?>("--unit") { Description = "kg | lb." };
        var days = new Option<string?>("--days") { Description = "Training weekdays, e.g. mon,wed,fri." };
        var bodyweight = new Option<double?>("--bodyweight") { Description = "Bodyweight in your unit." };
        var phase = new Option<string?>("--phase") { Description = "hypertrophy | strength | deload." };
        var inSeason = new Option<bool?>("--in-season") { Description = "Endurance athlete in racing season." };
        var prep = new Option<bool?>("--competition-prep") { Description = "Preparing for a competition." };
        var timeZone = new Option<string?>("--time-zone") { Description = "Your time zone, an IANA id such as Europe/Berlin (default: this machine's); \"today\" is the date there." };
        var lifts = new Option<string[]>("--lift") { Description = "A lift to pin for the e1RM charts of `report` and Progress (repeat for more, at most 4); `--lift none` unpins them (the charts show your main lifts).", AllowMultipleArgumentsPerToken = false };
        var preset = new Option<string?>("--policy") { Description = $"The policy preset every decision on your log is made with: {PolicyPresets.List} (default conservative); see `failsafe policy --preset NAME`." };
        var command = new Command("init", "Create or update your profile: experience, form under fatigue, sleep, goal, split, unit, days. Without options on a terminal, asks.")
        {
            name, years, form, sleep, stress, goal, split, unit, days, bodyweight, phase, inSeason, prep, timeZone, lifts, preset,
        };
        command.SetAction(parse => io.WithDb(parse, db =>
        {
            var existing = db.MyProfile.FirstOrDefault();
            var profile = existing ?? new ProfileRow();
            var before = Snapshot(profile);
            var anyOption = parse.CommandResult.Children.Any(c => c is System.CommandLine.Parsing.OptionResult o && o.Option != io.DbOption);
            if (!anyOption && existing is null && io.Interactive)
                Ask(io.Console, profile);
            else if (existing is null && parse.GetValue(years) is null)
                return io.Fail("init: --years is required for a new profile (or run it on a terminal to be asked)", ExitCodes.Usage);

            string? problem = null;
            void Word<T>(Option<string?> option, Action<string> set) where T : struct, Enum
            {
                if (parse.GetValue(option) is not { } v)
                    return;
                if (!Words.Map<T>().ContainsKey(v.ToLowerInvariant()))
                    problem ??= $"{option.Name}: '{v}' is not one of {string.Join(", ", Words.Map<T>().Keys)}";
                else
                    set(v.ToLowerInvariant());
            }
            if (parse.GetValue(name) is { } n)
                profile.Name = n;
            if (parse.GetValue(years) is { } y)
            {
                if (y is < 0 or > 80)
                    problem ??= $"--years: {y} is out of range (0–80)";
                profile.TrainingYears = y;
            }
            Word<FormUnderFatigue>(form, v => profile.FormUnderFatigue = v);
            if (parse.GetValue(sleep) is { } s)
            {
                if (s is < 0 or > 24)
                    problem ??= $"--sleep: {s} is out of range (0–24 hours)";
                profile.SleepHours = s;
            }
            Word<Stress>(stress, v => profile.Stress = v);
            Word<Goal>(goal, v => profile.Goal = v);
            Word<Split>(split, v => profile.Split = v);
            Word<Effort.WeightUnit>(unit, v => profile.Unit = v);
            Word<Phase>(phase, v => profile.Phase = v);
            if (parse.GetValue(days) is { } d)
            {
                var (parsed, dayProblem) = TrainingDays.Parse(d);
                if (dayProblem is not null)
                    problem ??= $"--days: {dayProblem}";
                else
                    profile.TrainingDays = TrainingDays.Format(parsed);
            }
            if (parse.GetValue(timeZone) is { } zone)
            {
                if (LocalDay.Problem(zone) is { } zoneProblem)
                    problem ??= $"--time-zone: {zoneProblem}";
                else
                    profile.TimeZone = LocalDay.IanaId(LocalDay.Find(zone)!);
            }
            else if (profile.TimeZone is null)
            {
                profile.TimeZone = LocalDay.IanaId(io.Clock.LocalTimeZone);
            }
            if (parse.GetValue(bodyweight) is { } bw)
            {
                var kg = profile.Unit == "lb" ? bw * Effort.Load.KgPerLb : bw;
                if (kg is < 20 or > 400)
                    problem ??= $"--bodyweight: {bw} is out of range";
                profile.BodyweightKg = Math.Round(kg, 2);
            }
            if (parse.GetValue(lifts) is { Length: > 0 } pins)
            {
                if (pins is ["none"])
                    profile.PinnedLifts = null;
                else if (PinnedLifts.Resolve(pins, new ExerciseResolver(CatalogLoader.Default, db), out var pinProblem) is { } ids)
                    profile.PinnedLifts = PinnedLifts.Write(ids);
                else
                    problem ??= $"--lift: {pinProblem}";
            }
            if (parse.GetValue(preset) is { } named)
            {
                if (PolicyPresets.Problem(named) is { } presetProblem)
                    problem ??= $"--policy: {presetProblem}";
                else
                    profile.Preset = named;
            }
            if (parse.GetValue(inSeason) is { } season)
                profile.InSeason = season;
            if (parse.GetValue(prep) is { } cp)
                profile.CompetitionPrep = cp;
            if (problem is not null)
                return io.Fail(problem, ExitCodes.Usage);

            var now = io.UtcNow;
            profile.UpdatedAt = now;
            if (existing is null)
            {
                profile.Id = db.AthleteId; // rows logged before `init` already belong to this athlete
                db.Profiles.Add(profile);
            }
            db.SaveChanges();
            var after = Snapshot(profile);
            foreach (var (field, old) in before)
            {
                if (existing is not null && old != after[field])
                    db.ProfileChanges.Add(new ProfileChangeRow { ProfileId = profile.Id, ChangedAt = now, Field = field, OldValue = old, NewValue = after[field] });
            }
            db.SaveChanges();
            io.Console.MarkupLineInterpolated($"{(existing is null ? "Created" : "Updated")} the profile of {profile.Name}: {profile.TrainingYears:0.#} years, form {profile.FormUnderFatigue}, {profile.SleepHours:0.#} h sleep, stress {profile.Stress}, goal {profile.Goal}, {profile.Split} on {profile.TrainingDays}, unit {profile.Unit}, phase {profile.Phase}, time zone {profile.TimeZone}, policy {PolicyPresets.NameOf(profile.Preset)}.");
            return ExitCodes.Ok;
        }));
        return command;
    }

    private static Dictionary<string, string?> Snapshot(ProfileRow p) => new()
    {
        ["name"] = p.Name, ["trainingYears"] = p.TrainingYears.ToString(System.Globalization.CultureInfo.InvariantCulture),
        ["formUnderFatigue"] = p.FormUnderFatigue, ["sleepHours"] = p.SleepHours.ToString(System.Globalization.CultureInfo.InvariantCulture),
        ["stress"] = p.Stress, ["goal"] = p.Goal, ["split"] = p.Split, ["unit"] = p.Unit, ["trainingDays"] = p.TrainingDays,
        ["bodyweightKg"] = p.BodyweightKg?.ToString(System.Globalization.CultureInfo.InvariantCulture), ["phase"] = p.Phase, ["timeZone"] = p.TimeZone,
        ["inSeason"] = p.InSeason.ToString(), ["competitionPrep"] = p.CompetitionPrep.ToString(), ["pinnedLifts"] = p.PinnedLifts,
        ["preset"] = p.Preset,
    };

    private static void Ask(IAnsiConsole c, ProfileRow p)
    {
        p.Name = c.Prompt(new TextPrompt<string>("Your name?").DefaultValue(p.Name));
        p.TrainingYears = c.Prompt(new TextPrompt<double>("Years of consistent training?").Validate(v => v is >= 0 and <= 80));
        p.FormUnderFatigue = c.Prompt(new SelectionPrompt<string>().Title("Form when tired?").AddChoices("excellent", "good", "poor"));
        p.SleepHours = c.Prompt(new TextPrompt<double>("Typical hours of sleep?").DefaultValue(7).Validate(v => v is >= 0 and <= 24));
        p.Stress = c.Prompt(new SelectionPrompt<string>().Title("Stress?").AddChoices("low", "moderate", "high"));
        p.Goal = c.Prompt(new SelectionPrompt<string>().Title("Goal?").AddChoices("hypertrophy", "strength", "general", "endurance"));
        p.Split = c.Prompt(new SelectionPrompt<string>().Title("Split?").AddChoices("full-body", "upper-lower", "body-part"));
        p.Unit = c.Prompt(new SelectionPrompt<string>().Title("Unit?").AddChoices("kg", "lb"));
        p.TrainingDays = p.Split switch { "upper-lower" => "mon,tue,thu,fri", "body-part" => "mon,tue,wed,thu,fri", _ => "mon,wed,fri" };
    }
}
