using System.Collections.Immutable;
using System.Globalization;
using System.Text;
using Failsafe.Catalog;
using Failsafe.Effort;
using Failsafe.Engine;
using Failsafe.Planning;
using Failsafe.Store.Catalog;
using Failsafe.Store.Data;
using Failsafe.Store.Planning;
using Failsafe.Store.Tests.Importing;
using Failsafe.Store.Training;
using Microsoft.EntityFrameworkCore;

namespace Failsafe.Store.Tests.Training;

/// <summary>
/// The log reader's SQL reads exactly what a plain LINQ query over the same rows reads (the reference below, kept
/// here as the oracle), and the set writer writes rows as EF Core would.
/// </summary>
public sealed class LogReaderTests : IDisposable
{
    private static readonly DateOnly Today = new(2026, 6, 15);

    private readonly ImportTestDb _store = new();

    public void Dispose() => _store.Dispose();

    private FailsafeDb As(int athlete) => _store.As(athlete);

    private LogReader Sql(int athlete)
    {
        var connection = Database.Connection(_store.Path);
        connection.Open();
        return new LogReader(connection, athlete);
    }

    /// <summary>The reference: the scenario written as LINQ over the model, the obvious way.</summary>
    private static Scenario Reference(FailsafeDb db, ExerciseResolver resolver, DateOnly today, PlannedSession session)
    {
        var profile = db.MyProfile.AsNoTracking().First();
        var injuries = db.Mine<InjuryRow>().AsNoTracking().Where(i => (i.ClearedOn == null || i.ClearedOn > today) && i.Since <= today).OrderBy(i => i.Id).Select(i => i.Description).ToList();
        var events = db.Mine<EventRow>().AsNoTracking().Where(e => e.Date >= today).OrderBy(e => e.Date).ThenBy(e => e.Id).ToList()
            .Select(e => new TrainingEvent(e.Date, e.Name)).ToImmutableArray();
        var checkInsFrom = today.AddDays(-60);
        var wellness = db.Mine<CheckInRow>().AsNoTracking().Where(c => c.Date >= checkInsFrom && c.Date <= today).OrderBy(c => c.Date).ToList()
            .Select(c => new Wellness(c.Date, c.SleepHours, c.SleepQuality, c.Fatigue, c.Mood, c.Soreness, c.Aches, c.Motivation)).ToImmutableArray();
        var from = today.AddDays(-TrainingStore.HistoryDays);
        var sessions = db.Mine<SessionRow>().AsNoTracking().Include(s => s.Sets).AsSplitQuery().Where(s => s.Date > from && s.Date <= today).OrderBy(s => s.Id).ToList();
        var seen = sessions.Select(s => s.Id).ToHashSet();
        foreach (var id in session.Exercises.Select(e => e.Exercise.Id).Distinct())
        {
            var lastId = db.Mine<SetRow>().AsNoTracking().Where(s => s.ExerciseId == id)
                .Join(db.Mine<SessionRow>(), s => s.SessionId, x => x.Id, (s, x) => new { x.Id, x.Date })
                .Where(x => x.Date <= from).OrderByDescending(x => x.Date).ThenByDescending(x => x.Id).Select(x => x.Id).FirstOrDefault();
            if (lastId != 0 && seen.Add(lastId))
                sessions.Add(db.Mine<SessionRow>().AsNoTracking().Include(s => s.Sets).Single(s => s.Id == lastId));
        }
        var benchIds = resolver.Catalog.All.Where(e => e.Pattern == MovementPattern.HorizontalPress && e.Equipment == "barbell"
            && e.Name.Contains("Bench Press", StringComparison.OrdinalIgnoreCase)).Select(e => e.Id).ToList();
        var bench = db.Mine<SetRow>().AsNoTracking().Where(s => benchIds.Contains(s.ExerciseId) && s.Failure == "none" && s.WeightKg >= 80)
            .Join(db.Mine<SessionRow>(), s => s.SessionId, x => x.Id, (s, x) => new { Set = s, x.Date })
            .Where(x => x.Date <= from).OrderByDescending(x => x.Set.WeightKg).ThenBy(x => x.Set.Id).Take(20).ToList()
            .Select(x => (x.Set, x.Date)).ToList();
        return TrainingStore.Assemble(profile, injuries, events, wellness, sessions, bench, resolver, today, session);
    }

    /// <summary>Two athletes with varied logs; returns the first one's id.</summary>
    private int BuildLog()
    {
        int ann, bob;
        using (var db = As(0))
        {
            var a = new ProfileRow { Name = "ann", TrainingYears = 4, FormUnderFatigue = "excellent", Stress = "low", Goal = "strength", Split = "upper-lower", BodyweightKg = 71.5, Unit = "lb", Phase = "strength", TrainingDays = "mon,tue,thu,fri", UpdatedAt = new DateTime(2026, 1, 2, 3, 4, 5) };
            var b = new ProfileRow { Name = "bob", AccountId = "acct-b", TrainingYears = 1, UpdatedAt = new DateTime(2026, 1, 2) };
            db.Profiles.AddRange(a, b);
            db.SaveChanges();
            (ann, bob) = (a.Id, b.Id);
        }
        Fill(ann, 1);
        Fill(bob, 2);
        return ann;
    }

    private void Fill(int athlete, int seed)
    {
        using var db = As(athlete);
        var random = new Random(seed);
        db.CustomExercises.Add(new CustomExerciseRow { Name = "Zottman Wobble Curl", Mechanic = "isolation", Equipment = "dumbbell", MaxFailure = "absolute", Classified = true, PrimaryMuscles = "biceps,forearms" });
        db.CustomExercises.Add(new CustomExerciseRow { Name = "Sled Thing" });
        db.Injuries.AddRange(
            new InjuryRow { Description = "left shoulder", Since = Today.AddDays(-30) },
            new InjuryRow { Description = "knee (cleared)", Since = Today.AddDays(-90), ClearedOn = Today.AddDays(-10) },
            new InjuryRow { Description = "wrist (clears tomorrow)", Since = Today.AddDays(-5), ClearedOn = Today.AddDays(1) },
            new InjuryRow { Description = "back (from tomorrow)", Since = Today.AddDays(1) });
        db.Events.AddRange(
            new EventRow { Date = Today.AddDays(-3), Name = "past meet" },
            new EventRow { Date = Today.AddDays(20), Name = "meet B" },
            new EventRow { Date = Today.AddDays(20), Name = "meet A" },
            new EventRow { Date = Today, Name = "today's match" });
        for (var d = -80; d <= 5; d += 3)
        {
            db.CheckIns.Add(new CheckInRow
            {
                Date = Today.AddDays(d), SleepHours = d % 2 == 0 ? 7.5 : null, SleepQuality = 1 + random.Next(5), Fatigue = d % 5 == 0 ? null : 1 + random.Next(5),
                Mood = 3, Soreness = 2, Aches = d % 7 == 0 ? null : 1, Motivation = 4,
            });
        }
        string[] names = ["Bench Press (Barbell)", "Squat (Barbell)", "leg press", "Zottman Wobble Curl", "Sled Thing", "Barbell Bench Press", "Deadlift (Barbell)"];
        var resolver = new ExerciseResolver(CatalogLoader.Default, db);
        var custom = db.CustomExercises.Local.ToDictionary(c => c.Name);
        // Resolved once per name: a name the catalog does not know costs a suggestion search each time.
        var ids = names.ToDictionary(n => n, n => resolver.Resolve(n).Id ?? ExerciseResolver.CustomId(custom[n]));
        string Id(string name) => ids[name];
        // Two years of sessions every few days, sometimes two on one day, with every kind of set.
        for (var d = -730; d <= 2; d += 1 + random.Next(5))
        {
            for (var twice = 0; twice < (d % 11 == 0 ? 2 : 1); twice++)
            {
                var session = new SessionRow
                {
                    Date = Today.AddDays(d), DayType = (d % 3) switch { 0 => "hard", 1 => "light", _ => null }, Name = $"day {d}", Source = d % 4 == 0 ? "strong" : "cli",
                    ImportKey = d % 4 == 0 ? $"strong|{d}|{twice}" : null, StartedAt = d % 2 == 0 ? new DateTime(2026, 1, 1, 18, 0, 0).AddDays(d) : null,
                };
                var order = 0;
                foreach (var name in names.OrderBy(_ => random.Next()).Take(2 + random.Next(4)))
                {
                    for (var s = 0; s < 1 + random.Next(4); s++)
                    {
                        var failure = random.Next(10) switch { 0 => "absolute", 1 => "technical", _ => "none" };
                        session.Sets.Add(new SetRow
                        {
                            // Now and then two sets share an order number (as an edit could leave them).
                            Order = random.Next(12) == 0 ? order : ++order, ExerciseId = Id(name), ExerciseName = name,
                            WeightKg = Math.Round(40 + random.NextDouble() * 80, 1), Unit = random.Next(2) == 0 ? "kg" : "lb", WeightEntered = 100, Reps = random.Next(13),
                            Rir = random.Next(3) == 0 ? null : random.Next(5) * 0.5, Rpe = random.Next(3) == 0 ? 6 + random.Next(9) * 0.5 : null, Failure = failure,
                            Technique = random.Next(15) == 0 ? "drop-set" : null, Warmup = random.Next(8) == 0, Drop = random.Next(15) == 0,
                            LoggedAt = new DateTime(2026, 1, 1, 18, s, 0).AddDays(d),
                        });
                    }
                }
                db.Sessions.Add(session);
            }
        }
        db.Plans.Add(new PlanRow { Start = Today.AddDays(-14), Weeks = 6, Days = "mon,wed,fri", CreatedAt = new DateTime(2026, 6, 1), Active = true });
        db.SaveChanges();
    }

    /// <summary>Everything in a scenario, as text (records with arrays compare by reference, not by content).</summary>
    private static string Describe(Scenario s)
    {
        var text = new StringBuilder();
        var a = s.Athlete;
        text.AppendLine(CultureInfo.InvariantCulture, $"{s.Today} {s.Phase} {a with { Injuries = [] }} injuries [{string.Join("; ", a.Injuries)}]");
        foreach (var e in s.Events)
            text.AppendLine(CultureInfo.InvariantCulture, $"event {e}");
        foreach (var w in s.Wellness)
            text.AppendLine(CultureInfo.InvariantCulture, $"wellness {w}");
        foreach (var session in s.History)
        {
            text.AppendLine(CultureInfo.InvariantCulture, $"session {session.Date} {session.DayType}");
            foreach (var e in session.Exercises)
            {
                text.AppendLine(CultureInfo.InvariantCulture, $"  {e.Name} = {e.Exercise.Id} {e.Exercise.MaxFailure} {e.Exercise.Mechanic}");
                foreach (var set in e.Sets)
                    text.AppendLine(CultureInfo.InvariantCulture, $"    {set}");
            }
        }
        text.AppendLine(CultureInfo.InvariantCulture, $"planned {s.Session.DayType} {string.Join(", ", s.Session.Exercises.Select(e => e.Exercise.Id))}");
        return text.ToString();
    }

    private static PlannedSession Planned(ExerciseResolver resolver, params string[] names) =>
        new(DayType.Hard, [.. names.Select(n => new PlannedExercise(n, resolver.Resolve(n).Exercise!, 3, RepRange.Parse("6-10")))]);

    [Fact]
    public void Scenario_VariedLog_EqualsTheReference()
    {
        var ann = BuildLog();
        var dates = new[] { Today, Today.AddDays(-1), Today.AddDays(-200), Today.AddDays(-729), Today.AddDays(30) };
        using var sql = Sql(ann);
        using var db = As(ann);
        var efResolver = new ExerciseResolver(CatalogLoader.Default, db);
        var sqlResolver = new ExerciseResolver(CatalogLoader.Default, sql.CustomExercises());
        string[][] plans = [[], ["Bench Press (Barbell)", "leg press", "Zottman Wobble Curl"], ["Deadlift (Barbell)", "Sled Thing", "Squat (Barbell)", "Bench Press (Barbell)"]];
        foreach (var date in dates)
        {
            foreach (var plan in plans)
            {
                var ef = Reference(db, efResolver, date, Planned(efResolver, plan));
                var fast = sql.Scenario(sqlResolver, date, Planned(sqlResolver, plan));
                Describe(fast).ShouldBe(Describe(ef), $"{date} with {string.Join(", ", plan)}");
                if (date == Today && plan.Length > 0)
                {
                    ef.History.Length.ShouldBeGreaterThan(20, "the test log reaches into the history window");
                    ef.Athlete.Injuries.Length.ShouldBe(2);
                    ef.Wellness.ShouldNotBeEmpty();
                }
            }
        }
    }

    [Fact]
    public void Team_TwoAthletesInOneRead_EqualEachOnesOwnReader()
    {
        var ann = BuildLog();
        var bob = ann + 1;
        var from = Today.AddDays(-56);
        using var connection = Database.Connection(_store.Path);
        connection.Open();

        var team = LogReader.Team(connection, [ann, bob, 999], from);

        team.Keys.Order().ShouldBe([ann, bob]);
        foreach (var athlete in new[] { ann, bob })
        {
            using var sql = Sql(athlete);
            var rows = team[athlete];
            static string json<T>(T value) => System.Text.Json.JsonSerializer.Serialize(value);
            json(rows.Profile).ShouldBe(json(sql.Profile()));
            json(rows.Custom).ShouldBe(json(sql.CustomExercises()));
            json(rows.ActivePlan).ShouldBe(json(sql.ActivePlan()));
            rows.Wellness.ShouldBe(sql.Wellness(from.AddDays(1), DateOnly.MaxValue));
            rows.LastSession.ShouldBe(sql.LastSessionDay());
            var own = sql.Sessions(from.AddDays(1));
            rows.Sessions.Select(x => (x.Id, x.Date, string.Join(",", x.Sets.Select(t => t.Id))))
                .ShouldBe(own.OrderBy(x => x.Id).Select(x => (x.Id, x.Date, string.Join(",", x.Sets.Select(t => t.Id)))));
            rows.Sessions.Count.ShouldBeGreaterThan(0, "the test log reaches into the window");
            using var db = As(athlete);
            rows.Events.Select(e => (e.Date, e.Name)).ShouldBe(db.Mine<EventRow>().AsNoTracking().Where(e => e.Date >= from).OrderBy(e => e.Date).ThenBy(e => e.Id).AsEnumerable().Select(e => (e.Date, e.Name)));
            rows.Injuries.Select(i => i.Description).ShouldBe(db.Mine<InjuryRow>().AsNoTracking().OrderBy(i => i.Id).Select(i => i.Description));
        }
    }

    [Fact]
    public void ProfilePlanAndCustomExercises_EqualEf()
    {
        var ann = BuildLog();
        using var sql = Sql(ann);
        using var db = As(ann);
        var profile = sql.Profile().ShouldNotBeNull();
        var efProfile = db.MyProfile.AsNoTracking().First();
        System.Text.Json.JsonSerializer.Serialize(profile).ShouldBe(System.Text.Json.JsonSerializer.Serialize(efProfile));
        System.Text.Json.JsonSerializer.Serialize(sql.ActivePlan()).ShouldBe(System.Text.Json.JsonSerializer.Serialize(db.Mine<PlanRow>().AsNoTracking().Where(p => p.Active).OrderByDescending(p => p.Id).First()));
        System.Text.Json.JsonSerializer.Serialize(sql.CustomExercises())
            .ShouldBe(System.Text.Json.JsonSerializer.Serialize(db.Mine<CustomExerciseRow>().AsNoTracking().OrderBy(c => c.Id).ToList()));
        using var nobody = Sql(999);
        nobody.Profile().ShouldBeNull();
        nobody.ActivePlan().ShouldBeNull();
    }

    [Fact]
    public async Task SetWriter_RefusesSetsOverTheAccountsCap_WithNothingWritten()
    {
        var ann = BuildLog();
        var day = Today.AddDays(3);
        SetRow Set() => new() { ExerciseId = "x", ExerciseName = "x", WeightKg = 100, Unit = "kg", WeightEntered = 100, Reps = 5, Failure = "none", LoggedAt = new DateTime(2026, 6, 18, 18, 0, 0) };
        using var sql = Sql(ann);
        var held = sql.Sessions(new DateOnly(1900, 1, 1), new DateOnly(2200, 12, 31)).Sum(s => s.Sets.Count);
        var cap = new SetCap(held + 3, "the test's cap");
        (await SetWriter.Insert(sql.Connection, ann, new SessionKey(day, "cli"), [Set(), Set()], cap, TestContext.Current.CancellationToken)).ShouldBeTrue();
        var full = await Should.ThrowAsync<SetCapException>(() => SetWriter.Insert(sql.Connection, ann, new SessionKey(day, "cli"), [Set(), Set()], cap, TestContext.Current.CancellationToken));
        full.Message.ShouldBe($"an account may hold at most {held + 3:N0} sets (the test's cap) and this one holds {held + 2:N0}; nothing was stored");
        (await SetWriter.Insert(sql.Connection, ann, new SessionKey(day, "cli"), [Set()], cap, TestContext.Current.CancellationToken)).ShouldBeTrue();
        await Should.ThrowAsync<SetCapException>(() => SetWriter.Insert(sql.Connection, ann, new SessionKey(day, "cli"), [Set()], cap, TestContext.Current.CancellationToken));
        sql.SessionOn(day, "cli").ShouldNotBeNull().Sets.Count.ShouldBe(3);
    }

    [Fact]
    public async Task SetWriter_RefusesASessionsSetsPastItsMost_WithNothingWritten()
    {
        var ann = BuildLog();
        var day = Today.AddDays(3);
        SetRow Set() => new() { ExerciseId = "x", ExerciseName = "x", WeightKg = 100, Unit = "kg", WeightEntered = 100, Reps = 5, Failure = "none", LoggedAt = new DateTime(2026, 6, 18, 18, 0, 0) };
        using var sql = Sql(ann);
        var session = new SessionKey(day, "cli");
        var cancel = TestContext.Current.CancellationToken;
        (await SetWriter.Insert(sql.Connection, ann, session, [.. Enumerable.Range(0, LogLimits.MaxSetsPerSession - 1).Select(_ => Set())], SetCap.Default, cancel)).ShouldBeTrue();

        // A set and its drop set (the command line's one write) would be the 500th and 501st: neither is written.
        var full = await Should.ThrowAsync<SessionFullException>(() => SetWriter.Insert(sql.Connection, ann, session, [Set(), Set()], SetCap.Default, cancel));
        full.Message.ShouldBe($"the session of {day:yyyy-MM-dd} holds 500 sets and a session holds at most 500; nothing was stored");
        sql.SessionOn(day, "cli").ShouldNotBeNull().Sets.Count.ShouldBe(499);

        (await SetWriter.Insert(sql.Connection, ann, session, [Set()], SetCap.Default, cancel)).ShouldBeTrue();
        await Should.ThrowAsync<SessionFullException>(() => SetWriter.Insert(sql.Connection, ann, session, [Set()], SetCap.Default, cancel));
        sql.SessionOn(day, "cli").ShouldNotBeNull().Sets.Count.ShouldBe(500);
        (await SetWriter.Insert(sql.Connection, ann, session with { Day = day.AddDays(1) }, [Set()], SetCap.Default, cancel)).ShouldBeTrue();
    }

    [Fact]
    public async Task SetWriter_WritesRowsAsEfWould_NumberedAfterTheDaysSets()
    {
        var ann = BuildLog();
        var day = Today.AddDays(3);
        SetRow Set(string name, int reps) => new()
        {
            ExerciseId = "x", ExerciseName = name, WeightKg = 100, Unit = "kg", WeightEntered = 100, Reps = reps, Rir = 2, Failure = "none", Pain = true,
            Notes = "ok", LoggedAt = new DateTime(2026, 6, 18, 18, 0, 0),
        };
        long revision;
        using (var before = As(ann))
            revision = before.MyProfile.First().Revision;
        using (var sql = Sql(ann))
        {
            SetRow[] first = [Set("a", 5), Set("b", 6)];
            (await SetWriter.Insert(sql.Connection, ann, new SessionKey(day, "cli", "hard", "Full body A"), first, SetCap.Default, TestContext.Current.CancellationToken)).ShouldBeTrue();
            first.Select(s => (s.Order, s.ExerciseName)).ShouldBe([(1, "a"), (2, "b")]);
            (await SetWriter.Insert(sql.Connection, ann, new SessionKey(day, "cli", "light", "ignored: the session exists"), [Set("c", 7)], SetCap.Default, TestContext.Current.CancellationToken)).ShouldBeTrue();
            var second = sql.SessionOn(day, "cli").ShouldNotBeNull().Sets;
            second.Select(s => (s.Order, s.ExerciseName)).ShouldBe([(1, "a"), (2, "b"), (3, "c")]);
            second.ShouldAllBe(s => s.AthleteId == ann && s.Version == 0 && s.SessionId == first[0].SessionId);
        }
        using var db = As(ann);
        db.MyProfile.First().Revision.ShouldBe(revision + 2, "every log raises the athlete's revision, as EF's SaveChanges does");
        var session = db.Mine<SessionRow>().Include(s => s.Sets).Single(s => s.Date == day && s.Source == "cli");
        (session.DayType, session.Name, session.Version, session.AthleteId).ShouldBe(("hard", "Full body A", 0, ann));
        var c = session.Sets.Single(s => s.ExerciseName == "c");
        (c.Order, c.Reps, c.Rir, c.Rpe, c.Failure, c.Pain, c.Warmup, c.Notes, c.LoggedAt, c.Version, c.AthleteId)
            .ShouldBe((3, 7, (double?)2, (double?)null, "none", true, false, "ok", new DateTime(2026, 6, 18, 18, 0, 0), 0, ann));
        // EF can change what was written (the concurrency token starts at 0).
        c.Reps = 8;
        db.SaveChanges();
        c.Version.ShouldBe(1);
        using var other = As(ann == 1 ? 2 : 1);
        other.Mine<SessionRow>().Any(s => s.Date == day && s.Source == "cli" && s.Sets.Any(x => x.ExerciseName == "c")).ShouldBeFalse();
    }
}
