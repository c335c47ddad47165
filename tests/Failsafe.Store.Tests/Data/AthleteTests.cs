using Failsafe.Engine;
using Failsafe.Store.Catalog;
using Failsafe.Store.Data;
using Failsafe.Store.Importing;
using Failsafe.Store.Tests.Importing;
using Failsafe.Store.Training;
using Microsoft.EntityFrameworkCore;

namespace Failsafe.Store.Tests.Data;

/// <summary>One database, many athletes: each context reads and writes only its athlete's rows.</summary>
public sealed class AthleteTests : IDisposable
{
    private const string Strong = """
        Date,Workout Name,Duration,Exercise Name,Set Order,Weight,Reps,Distance,Seconds,Notes,Workout Notes,RPE
        2026-03-02 18:00:00,Push,1h,Bench Press (Barbell),1,100,8,0,0,,,8
        2026-03-02 18:00:00,Push,1h,Bench Press (Barbell),2,100,7,0,0,,,9
        2026-03-02 18:00:00,Push,1h,Zottman Wobble Curl,1,12,12,0,0,,,
        """;

    private readonly ImportTestDb _store = new();

    public void Dispose() => _store.Dispose();

    private FailsafeDb As(int athlete) => _store.As(athlete);

    private int AddAthlete(string name)
    {
        using var db = _store.Fresh();
        var row = new ProfileRow { Name = name, AccountId = Guid.NewGuid().ToString() };
        db.Profiles.Add(row);
        db.SaveChanges();
        return row.Id;
    }

    private static ImportSummary Import(FailsafeDb db) =>
        WorkoutImporter.Import(db, CatalogLoader.Default, new MemoryStream(System.Text.Encoding.UTF8.GetBytes(Strong)), new ImportOptions(ImportSource.Strong, Effort.WeightUnit.Kg));

    [Fact]
    public void Import_SameFileForTwoAthletes_EachGetsTheirOwnSessionsAndCustomExercises()
    {
        var ann = AddAthlete("ann");
        var bob = AddAthlete("bob");

        using (var db = As(ann))
            Import(db).Sets.ShouldBe(3);
        using (var db = As(bob))
        {
            var summary = Import(db);
            summary.Sets.ShouldBe(3, "the other athlete's import of the same file is not a duplicate of this one's");
            summary.Unmatched.Single().Created.ShouldBeTrue("custom exercises are per athlete");
        }
        using (var db = As(bob))
            Import(db).Sets.ShouldBe(0, "re-importing for the same athlete adds nothing");

        using (var db = As(ann))
        {
            db.Mine<SessionRow>().Count().ShouldBe(1);
            db.Mine<SetRow>().Count().ShouldBe(3);
            db.Mine<CustomExerciseRow>().Single().Name.ShouldBe("Zottman Wobble Curl");
            db.MyProfile.Single().Name.ShouldBe("ann");
        }
        using (var db = As(bob))
        {
            db.Mine<SessionRow>().ShouldAllBe(s => s.AthleteId == bob);
            db.Mine<SetRow>().Count().ShouldBe(3);
        }
        using (var all = As(0))
        {
            all.Sets.Count().ShouldBe(6);
            all.Mine<SetRow>().Count().ShouldBe(0, "athlete 0 owns nothing");
        }
    }

    [Fact]
    public void Scenario_ReadsOnlyTheAthletesHistoryAndWellness()
    {
        var ann = AddAthlete("ann");
        var bob = AddAthlete("bob");
        using (var db = As(ann))
            Import(db);
        using (var db = As(bob))
        {
            db.CheckIns.Add(new CheckInRow { Date = new DateOnly(2026, 3, 3), SleepHours = 4, Fatigue = 5 });
            db.SaveChanges();
            db.Mine<CheckInRow>().Single().AthleteId.ShouldBe(bob, "a new row takes the context's athlete");
        }

        var today = new DateOnly(2026, 3, 4);
        using (var db = As(bob))
        {
            var resolver = new ExerciseResolver(CatalogLoader.Default, db);
            var session = new PlannedSession(DayType.Hard, []);
            var scenario = LogReader.For(db).Scenario(resolver, today, session);
            scenario.History.ShouldBeEmpty("ann's sessions are not bob's history");
            scenario.Wellness.Length.ShouldBe(1);
            resolver.Resolve("Zottman Wobble Curl").Id.ShouldBeNull("ann's custom exercise is not bob's");
        }
        using (var db = As(ann))
        {
            var resolver = new ExerciseResolver(CatalogLoader.Default, db);
            var scenario = LogReader.For(db).Scenario(resolver, today, new PlannedSession(DayType.Hard, []));
            scenario.History.Length.ShouldBe(1);
            scenario.Wellness.ShouldBeEmpty();
        }
    }

    [Fact]
    public void SaveChanges_ModifiedSessionOrSet_RaisesVersionAndStaleEditIsRejected()
    {
        using (var db = As(AddAthlete("ann")))
            Import(db);
        using var first = _store.Fresh();
        using var second = _store.Fresh();
        var a = first.Sessions.Include(s => s.Sets).Single();
        var b = second.Sessions.Single();
        var before = a.Version;

        a.Notes = "edited on the phone";
        a.Sets[0].Reps = 9;
        first.SaveChanges();
        a.Version.ShouldBe(before + 1);
        a.Sets[0].Version.ShouldBe(1);

        b.Notes = "edited on the laptop, from the old version";
        Should.Throw<DbUpdateConcurrencyException>(() => second.SaveChanges());
        using var check = _store.Fresh();
        check.Sessions.Single().Notes.ShouldBe("edited on the phone");
    }

    [Fact]
    public void SaveChanges_AnyChangeToTheLog_RaisesOnlyThatAthletesRevision()
    {
        var ann = AddAthlete("ann");
        var bob = AddAthlete("bob");
        long Revision(int id)
        {
            using var db = _store.Fresh();
            return db.Profiles.AsNoTracking().Single(p => p.Id == id).Revision;
        }

        var before = Revision(ann);
        using (var db = As(ann))
        {
            db.CheckIns.Add(new CheckInRow { Date = new DateOnly(2026, 3, 3), Fatigue = 2 });
            db.SaveChanges();
        }
        Revision(ann).ShouldBe(before + 1);
        using (var db = As(ann))
        {
            db.Mine<CheckInRow>().Single().Fatigue = 3;
            db.SaveChanges();
            db.Remove(db.Mine<CheckInRow>().Single());
            db.SaveChanges();
        }
        Revision(ann).ShouldBe(before + 3);
        Revision(bob).ShouldBe(0);
    }

    [Fact]
    public void LocalAthlete_FileSharedWithServerAccounts_IsTheProfileWithoutAnAccount()
    {
        using (var db = _store.Fresh())
            Database.LocalAthlete(db).ShouldBe(1, "an empty file: the first profile will be 1");
        var server = AddAthlete("server account");
        using (var db = _store.Fresh())
            Database.LocalAthlete(db).ShouldBe(0, "only server accounts: the command line owns none of them");
        using (var db = _store.Fresh())
        {
            var mine = new ProfileRow { Name = "me" };
            db.Profiles.Add(mine);
            db.SaveChanges();
            Database.LocalAthlete(db).ShouldBe(mine.Id);
            mine.Id.ShouldNotBe(server);
        }
    }
}
