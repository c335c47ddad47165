using Failsafe.Store.Planning;

namespace Failsafe.Server.Planning;

public sealed record PlanInput(DateOnly? Start, int? Weeks, string? Days);

public sealed record PlanView(long Id, DateOnly Start, int Weeks, string Days, DateTime CreatedAt, bool Active);

/// <summary>The active plan re-laid from today: the new plan, whether it opens with a deload week (W2), the planner's notes.</summary>
public sealed record AdjustedPlanView(PlanView Plan, bool Deload, IReadOnlyList<string> Notes);

public sealed record EventInput(DateOnly? Date, string? Name);

public sealed record EventView(long Id, DateOnly Date, string Name);

public sealed record InjuryInput(string? Description, DateOnly? Since);

public sealed record InjuryView(long Id, string Description, DateOnly Since, DateOnly? ClearedOn);

/// <summary>Plans (laid out by the planner, decided set by set by the engine), events and injuries.</summary>
public static class PlanEndpoints
{
    public static void MapPlans(this IEndpointRouteBuilder api)
    {
        var g = api.MapGroup("/plans").WithTags("Plans");
        g.MapPost("/", Create).ForAthlete(Access.Plan).ProducesProblem(StatusCodes.Status413PayloadTooLarge).Produces<PlanView>(StatusCodes.Status201Created).WithSummary("Make a new active plan (replaces the active one).");
        g.MapGet("/active", Active).ForAthlete(Access.Read).WithSummary("The active plan, every day and set decided (as `failsafe plan show --json`).");
        g.MapGet("/active.ics", Calendar).ForAthlete(Access.Read).WithSummary("The active plan as an iCalendar file.");
        g.MapPost("/active/adjust", Adjust).ForAthlete(Access.Plan).Produces<AdjustedPlanView>().WithSummary("Re-lay the active plan from today for the weeks it has left: a deload week first when warning signs call for one (W2), as `failsafe plan adjust`.");
        g.MapPost("/feed", CalendarFeed.Create).ForAthlete(Access.Log).Produces<FeedView>().WithSummary("Make the private calendar-feed address (shown once); a new one turns the old one off at once.");
        g.MapDelete("/feed", CalendarFeed.TurnOff).ForAthlete(Access.Log).Produces(StatusCodes.Status204NoContent).WithSummary("Turn the private calendar feed off: its address answers 404 from now on.");
    }

    public static void MapCalendar(this IEndpointRouteBuilder api)
    {
        var events = api.MapGroup("/events").WithTags("Events and injuries");
        events.MapGet("/", Events).ForAthlete(Access.Read).WithSummary("Events ahead (competitions, races, tests) the plan works around.");
        events.MapPost("/", AddEvent).ForAthlete(Access.Plan).ProducesProblem(StatusCodes.Status413PayloadTooLarge).Produces<EventView>(StatusCodes.Status201Created).WithSummary("Add an event.");
        events.MapDelete("/{id:long}", DeleteEvent).ForAthlete(Access.Plan).Produces(StatusCodes.Status204NoContent).WithSummary("Remove an event.");
        var injuries = api.MapGroup("/injuries").WithTags("Events and injuries");
        injuries.MapGet("/", Injuries).ForAthlete(Access.Read).WithSummary("Injuries, current and cleared.");
        injuries.MapPost("/", AddInjury).ForAthlete(Access.Plan).ProducesProblem(StatusCodes.Status413PayloadTooLarge).Produces<InjuryView>(StatusCodes.Status201Created).WithSummary("Record an injury: no failure while it lasts.");
        injuries.MapPost("/{id:long}/clear", ClearInjury).ForAthlete(Access.Plan).WithSummary("Mark an injury cleared (today unless ?on=yyyy-MM-dd).");
    }

    private static PlanView View(PlanRow p) => new(p.Id, p.Start, p.Weeks, p.Days, p.CreatedAt, p.Active);

    public static async Task<IResult> Create(PlanInput input, FailsafeDb db, AthleteAccess access, TimeProvider clock, IConfiguration settings, CancellationToken cancel)
    {
        if (input is null)
            return Problems.Invalid("body", "a plan object is required");
        var weeks = input.Weeks ?? 8;
        var errors = new Dictionary<string, string[]>();
        if (weeks is < 1 or > 104)
            errors["weeks"] = [$"{weeks} is out of range (1–104)"];
        if (input.Start is { Year: < 1900 or > 2200 } s)
            errors["start"] = [$"{s:yyyy-MM-dd} is out of range"];
        var profile = await db.MyProfile.AsNoTracking().FirstAsync(cancel);
        var days = ProfileEndpoints.Days(errors, "days", input.Days) ?? profile.TrainingDays;
        if (errors.Count > 0)
            return Problems.Invalid(errors);
        if (await ListCap.Plans.Refuses(db.Mine<PlanRow>(), settings, cancel) is { } full)
            return full;
        foreach (var old in db.Mine<PlanRow>().Where(p => p.Active))
            old.Active = false;
        var row = new PlanRow { Start = input.Start ?? access.Today(clock), Weeks = weeks, Days = days, CreatedAt = clock.GetUtcNow().UtcDateTime, Active = true };
        db.Plans.Add(row);
        await db.SaveChangesAsync(cancel);
        return TypedResults.Created("/api/plans/active", View(row));
    }

    public static IResult Active(FailsafeDb db)
    {
        var log = LogReader.For(db);
        if (log.ActivePlan() is not { } row)
            return Problems.NotFound("active plan (make one with POST /api/plans)");
        var plan = TodayPlan.Layout(log, new ExerciseResolver(CatalogLoader.Default, log.CustomExercises()), row, row.Weeks);
        return TypedResults.Text(PlanJson.ToJson(plan), "application/json");
    }

    public static IResult Adjust(FailsafeDb db, AthleteAccess access, TimeProvider clock)
    {
        if (LogReader.For(db).ActivePlan() is null)
            return Problems.NotFound("active plan (make one with POST /api/plans)");
        var (done, problem) = PlanAdjust.Apply(db, access.Today(clock), clock.GetUtcNow().UtcDateTime);
        if (done is null)
            return Problems.Conflict($"{problem}: make a new one with POST /api/plans");
        return TypedResults.Ok(new AdjustedPlanView(View(done.Row), done.StartsWithDeload, done.Plan.Notes));
    }

    public static IResult Calendar(FailsafeDb db)
    {
        var log = LogReader.For(db);
        if (log.ActivePlan() is not { } row)
            return Problems.NotFound("active plan (make one with POST /api/plans)");
        var plan = TodayPlan.Layout(log, new ExerciseResolver(CatalogLoader.Default, log.CustomExercises()), row, row.Weeks);
        var unit = log.Profile()?.Unit == "lb" ? WeightUnit.Lb : WeightUnit.Kg;
        return TypedResults.File(System.Text.Encoding.UTF8.GetBytes(PlanCalendar.ToIcs(plan, unit)), "text/calendar", "failsafe-plan.ics");
    }

    public static async Task<IResult> Events(FailsafeDb db, CancellationToken cancel) =>
        TypedResults.Ok((await db.Mine<EventRow>().AsNoTracking().OrderBy(e => e.Date).ToListAsync(cancel)).Select(e => new EventView(e.Id, e.Date, e.Name)).ToList());

    public static async Task<IResult> AddEvent(EventInput input, FailsafeDb db, IConfiguration settings, CancellationToken cancel)
    {
        var errors = new Dictionary<string, string[]>();
        if (input?.Date is not { } date)
            errors["date"] = ["required (yyyy-MM-dd)"];
        else if (date.Year is < 1900 or > 2200)
            errors["date"] = [$"{date:yyyy-MM-dd} is out of range"];
        if (string.IsNullOrWhiteSpace(input?.Name) || input.Name.Length > 200)
            errors["name"] = ["1–200 characters: what it is (\"meet\", \"10K race\")"];
        if (errors.Count > 0)
            return Problems.Invalid(errors);
        if (await ListCap.Events.Refuses(db.Mine<EventRow>(), settings, cancel) is { } full)
            return full;
        var row = new EventRow { Date = input!.Date!.Value, Name = input.Name!.Trim() };
        db.Events.Add(row);
        await db.SaveChangesAsync(cancel);
        return TypedResults.Created($"/api/events/{row.Id}", new EventView(row.Id, row.Date, row.Name));
    }

    public static async Task<IResult> DeleteEvent(long id, FailsafeDb db, CancellationToken cancel)
    {
        var row = await db.Mine<EventRow>().FirstOrDefaultAsync(e => e.Id == id, cancel);
        if (row is null)
            return Problems.NotFound("such event");
        db.Events.Remove(row);
        await db.SaveChangesAsync(cancel);
        return TypedResults.NoContent();
    }

    public static async Task<IResult> Injuries(FailsafeDb db, CancellationToken cancel) =>
        TypedResults.Ok((await db.Mine<InjuryRow>().AsNoTracking().OrderBy(i => i.Since).ToListAsync(cancel)).Select(i => new InjuryView(i.Id, i.Description, i.Since, i.ClearedOn)).ToList());

    public static async Task<IResult> AddInjury(InjuryInput input, FailsafeDb db, AthleteAccess access, TimeProvider clock, IConfiguration settings, CancellationToken cancel)
    {
        if (string.IsNullOrWhiteSpace(input?.Description) || input.Description.Length > 500)
            return Problems.Invalid("description", "1–500 characters: what hurts (\"left shoulder\")");
        if (input.Since is { Year: < 1900 or > 2200 } s)
            return Problems.Invalid("since", $"{s:yyyy-MM-dd} is out of range");
        if (await ListCap.Injuries.Refuses(db.Mine<InjuryRow>(), settings, cancel) is { } full)
            return full;
        var row = new InjuryRow { Description = input.Description.Trim(), Since = input.Since ?? access.Today(clock) };
        db.Injuries.Add(row);
        await db.SaveChangesAsync(cancel);
        return TypedResults.Created($"/api/injuries/{row.Id}", new InjuryView(row.Id, row.Description, row.Since, row.ClearedOn));
    }

    /// <param name="on">The day it cleared (yyyy-MM-dd); today when absent.</param>
    public static async Task<IResult> ClearInjury(long id, string? on, FailsafeDb db, AthleteAccess access, TimeProvider clock, CancellationToken cancel)
    {
        if (!Dates.TryDay(on, access.Today(clock), out var day, out var problem, "on"))
            return problem!;
        var row = await db.Mine<InjuryRow>().FirstOrDefaultAsync(i => i.Id == id, cancel);
        if (row is null)
            return Problems.NotFound("such injury");
        if (day < row.Since)
            return Problems.Invalid("on", $"{Dates.Text(day)} is before the injury began ({Dates.Text(row.Since)})");
        row.ClearedOn = day;
        await db.SaveChangesAsync(cancel);
        return TypedResults.Ok(new InjuryView(row.Id, row.Description, row.Since, row.ClearedOn));
    }
}
