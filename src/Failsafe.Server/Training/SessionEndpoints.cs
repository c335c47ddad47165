using System.Security.Cryptography;
using System.Text.Json;
using Failsafe.Catalog;
using Microsoft.AspNetCore.Http.HttpResults;
using Microsoft.AspNetCore.Mvc;
using Microsoft.EntityFrameworkCore.Storage;

namespace Failsafe.Server.Training;

/// <summary>A set to log: either <see cref="Set"/> in lifter notation (<c>100x8@8</c>) or the fields.</summary>
/// <param name="Date">The day (default today, UTC).</param>
/// <param name="Exercise">The exercise as the lifter calls it ("bench press").</param>
/// <param name="Set">Lifter notation: 100x8@8 (RPE 8), 100x8@2rir, 100x8 F (failure), 100x8 T (form broke), 225lbx5, bwx12.</param>
public sealed record SetInput(
    DateOnly? Date, string? Exercise, string? Set, double? Weight, string? Unit, int? Reps, double? Rir, double? Rpe,
    string? Failure, string? Technique, bool Warmup, bool Drop, bool Pain, bool FormBreakdown, string? Notes);

public sealed record SetView(
    long Id, long SessionId, DateOnly Date, int Order, string Exercise, string ExerciseId, double WeightKg, string Unit,
    double WeightEntered, int Reps, double? Rir, double? Rpe, string Failure, string? Technique, bool Warmup, bool Drop,
    bool FormBreakdown, bool Pain, string? Notes, DateTime LoggedAt, int Version);

/// <param name="Changes">What the lifter changed in the planned day (skipped, swapped, added, their order); null when it went as planned.</param>
public sealed record SessionView(
    long Id, DateOnly Date, string? DayType, string? Name, string Source, string? Notes, DateTime? StartedAt, int Version, IReadOnlyList<SetView> Sets,
    SessionChanges? Changes, DateTime? FinishedAt = null, double? SessionRpe = null, string? Feeling = null);

/// <summary>One change to a day's planned session.</summary>
/// <param name="Action">skip, unskip, swap, add or reorder.</param>
/// <param name="Exercise">The exercise it is about (skip, unskip, swap, add).</param>
/// <param name="With">swap: the exercise done instead.</param>
/// <param name="Sets">add: how many sets (1–10, default 3).</param>
/// <param name="Reps">add: the rep range (default 8-12).</param>
/// <param name="Order">reorder: exercises in the order wanted (the rest follow as planned).</param>
public sealed record SessionChangeInput(string? Action, string? Exercise, string? With, int? Sets, string? Reps, IReadOnlyList<string>? Order);

public sealed record SessionInput(DateOnly? Date, string? Name, string? DayType, string? Notes);

public sealed record CheckInInput(double? SleepHours, int? SleepQuality, int? Fatigue, int? Mood, int? Soreness, int? Aches, int? Motivation);

public sealed record CheckInView(DateOnly Date, double? SleepHours, int? SleepQuality, int? Fatigue, int? Mood, int? Soreness, int? Aches, int? Motivation);

/// <summary>
/// Sessions and sets. Logging a set is idempotent under retries (<c>Idempotency-Key</c>), and edits of a session or
/// a set carry its version (<c>If-Match</c>), so a stale edit is refused instead of overwriting a newer one.
/// </summary>
public static class SessionEndpoints
{
    /// <summary>The source of sessions logged through the API (the command line's are "cli").</summary>
    public const string Source = "api";

    public const string IdempotencyHeader = "Idempotency-Key";

    public static void MapSessions(this IEndpointRouteBuilder api)
    {
        var sessions = api.MapGroup("/sessions").WithTags("Sessions and sets");
        sessions.MapGet("/", List).ForAthlete(Access.Read)
            .WithSummary("Sessions between two dates (default: the last 30 days), with their sets; at most 1,000 an answer, the rest under the Link header's next page.");
        sessions.MapGet("/{id:long}", Get).ForAthlete(Access.Read).WithSummary("One session; its ETag is the version to send in If-Match.");
        sessions.MapPost("/", Create).ForAthlete(Access.Log).ProducesProblem(StatusCodes.Status413PayloadTooLarge).Produces<SessionView>(StatusCodes.Status201Created).WithSummary("Start a session.");
        sessions.MapPatch("/{id:long}", Update).ForAthlete(Access.Log).WithSummary("Change a session's name, notes or day type (If-Match: its version).");
        sessions.MapPost("/{id:long}/changes", ChangeSession).ForAthlete(Access.Log)
            .WithSummary("Skip, unskip, swap, add or reorder exercises of the session's planned day (If-Match: its version); the next set follows the change.");
        sessions.MapPost("/{id:long}/finish", FinishEndpoint.Finish).ForAthlete(Access.Log)
            .WithSummary("Finish a session: its RPE (1–10) and whether the lifter leaves feeling better, the same or worse (W4).");
        sessions.MapDelete("/{id:long}", Delete).ForAthlete(Access.Log).Produces(StatusCodes.Status204NoContent).WithSummary("Delete a session and its sets (If-Match optional).");

        var sets = api.MapGroup("/sets").WithTags("Sessions and sets");
        sets.MapPost("/", Log).ForAthlete(Access.Log).Produces<SetView>(StatusCodes.Status201Created)
            .ProducesProblem(StatusCodes.Status413PayloadTooLarge).ProducesProblem(StatusCodes.Status422UnprocessableEntity)
            .WithSummary("Log a set into the day's session. Send an Idempotency-Key header: a retry with the same key records the set once.");
        sets.MapPut("/{id:long}", Edit).ForAthlete(Access.Log).WithSummary("Correct a logged set (If-Match: its version).");
        sets.MapDelete("/{id:long}", DeleteSet).ForAthlete(Access.Log).Produces(StatusCodes.Status204NoContent).WithSummary("Delete a logged set (If-Match optional).");
    }

    public static void MapCheckIns(this IEndpointRouteBuilder api)
    {
        var g = api.MapGroup("/checkins").WithTags("Check-ins");
        g.MapGet("/", CheckIns).ForAthlete(Access.Read).WithSummary("Daily wellness check-ins between two dates (default: the last 30 days).");
        g.MapPut("/{date}", PutCheckIn).ForAthlete(Access.Log).WithSummary("Record (or replace) the day's check-in; scores 1–5, sleep in hours.");
    }

    internal static SetView View(SetRow s, DateOnly date) => new(
        s.Id, s.SessionId, date, s.Order, s.ExerciseName, s.ExerciseId, s.WeightKg, s.Unit, s.WeightEntered, s.Reps, s.Rir, s.Rpe,
        s.Failure, s.Technique, s.Warmup, s.Drop, s.FormBreakdown, s.Pain, s.Notes, s.LoggedAt, s.Version);

    internal static SessionView View(SessionRow s) => new(
        s.Id, s.Date, s.DayType, s.Name, s.Source, s.Notes, s.StartedAt, s.Version, [.. s.Sets.OrderBy(x => x.Order).Select(x => View(x, s.Date))],
        s.ChangesJson is null ? null : SessionChanges.Parse(s.ChangesJson), s.FinishedAt, s.SessionRpe, s.Feeling);

    private static string ETag(int version) => $"\"{version.ToString(CultureInfo.InvariantCulture)}\"";

    /// <summary>The version an If-Match header names: null when absent, -1 when malformed.</summary>
    private static int? IfMatch(HttpRequest request)
    {
        var text = request.Headers.IfMatch.ToString();
        if (text.Length == 0)
            return null;
        text = text.Trim();
        if (text.StartsWith("W/", StringComparison.Ordinal))
            text = text[2..];
        text = text.Trim('"');
        return int.TryParse(text, NumberStyles.None, CultureInfo.InvariantCulture, out var v) ? v : -1;
    }

    private static (DateOnly From, DateOnly To, IResult? Problem) Range(string? from, string? to, DateOnly today)
    {
        if (!Dates.TryDay(to, today, out var end, out var p1, "to"))
            return (default, default, p1);
        if (from is null)
            return (end.AddDays(-30), end, null);
        if (!Dates.TryDay(from, today, out var start, out var p2, "from"))
            return (default, default, p2);
        return start > end ? (default, default, Problems.Invalid("from", $"{Dates.Text(start)} is after to ({Dates.Text(end)})")) : (start, end, null);
    }

    /// <summary>The most sessions one answer of <c>GET /api/sessions</c> holds (<c>Failsafe:Limits:SessionsPerPage</c>): three years of daily training.</summary>
    public const int SessionsPerPage = 1000;

    /// <param name="after">The last session of the page before (from the <c>Link</c> header's next page).</param>
    public static async Task<IResult> List(
        string? from, string? to, long? after, FailsafeDb db, AthleteAccess access, TimeProvider clock, IConfiguration settings, HttpContext http, CancellationToken cancel)
    {
        var (start, end, problem) = Range(from, to, access.Today(clock));
        if (problem is not null)
            return problem;
        var log = LogReader.For(db);
        if (log.Page(start, end, after, Math.Max(1, settings.GetValue("Failsafe:Limits:SessionsPerPage", SessionsPerPage))) is not var (page, more))
            return Problems.Invalid("after", $"{after} is not a session of this athlete");
        if (more)
        {
            // RFC 8288: the rest of the range, from the session after this page's last.
            var query = QueryString.Create(new KeyValuePair<string, string?>[] { new("from", Dates.Text(start)), new("to", Dates.Text(end)), new("after", page!.Last.Id.ToString(CultureInfo.InvariantCulture)) });
            if (http.Request.Query.ContainsKey(AthleteAccess.Parameter))
                query = query.Add(AthleteAccess.Parameter, access.AthleteId.ToString(CultureInfo.InvariantCulture));
            http.Response.Headers.Link = $"<{http.Request.PathBase}{http.Request.Path}{query}>; rel=\"next\"";
        }
        // Written as read: memory holds one session, not the range.
        return TypedResults.Ok(log.EachSession(start, end, page).Select(View));
    }

    public static async Task<IResult> Get(long id, FailsafeDb db, HttpResponse response, CancellationToken cancel)
    {
        var row = LogReader.For(db).Session(id);
        if (row is null)
            return Problems.NotFound("such session");
        response.Headers.ETag = ETag(row.Version);
        return TypedResults.Ok(View(row));
    }

    public static async Task<IResult> ChangeSession(long id, SessionChangeInput input, FailsafeDb db, HttpContext http, CancellationToken cancel)
    {
        if (input is null)
            return Problems.Invalid("body", "a change object is required");
        if (LogReader.For(db).Session(id) is not { } stored)
            return Problems.NotFound("such session");
        if (IfMatch(http.Request) is not { } version)
            return TypedResults.Problem(statusCode: StatusCodes.Status428PreconditionRequired, title: "If-Match required", detail: "Send the session's version (its ETag) in If-Match, so a newer change is not overwritten.");
        var resolver = new ExerciseResolver(CatalogLoader.Default, db);
        var errors = new Dictionary<string, string[]>();
        string? Id(string field, string? name)
        {
            if (string.IsNullOrWhiteSpace(name) || name.Length > LogLimits.MaxName)
            {
                errors[field] = [$"required: an exercise name of 1–{LogLimits.MaxName} characters"];
                return null;
            }
            var (rid, _, match) = resolver.Resolve(name);
            if (rid is null)
                errors[field] = [$"'{name}' is not a known exercise{(match.Suggestions.IsDefaultOrEmpty ? "" : $"; did you mean {string.Join(", ", match.Suggestions.Take(3))}?")}"];
            return rid;
        }
        Func<SessionChanges, SessionChanges>? change = null;
        string? planned = null;
        switch (input.Action)
        {
            case "skip" when Id("exercise", input.Exercise) is { } skip:
                change = c => c.Skip(skip);
                planned = skip;
                break;
            case "unskip" when Id("exercise", input.Exercise) is { } unskip:
                change = c => c.Unskip(unskip);
                break;
            case "swap" when (Id("exercise", input.Exercise), Id("with", input.With)) is ({ } from, { } to):
                var name = resolver.Resolve(input.With!).Exercise!.Name;
                change = c => c.Swap(from, to, name);
                planned = from;
                break;
            case "add" when Id("exercise", input.Exercise) is { } added:
                var sets = input.Sets ?? 3;
                var reps = input.Reps ?? "8-12";
                if (sets is < 1 or > 10)
                    errors["sets"] = [$"{sets} is out of range (1–10)"];
                if (!RepRange.TryParse(reps, out _, out var repError))
                    errors["reps"] = [repError];
                var addedName = resolver.Resolve(input.Exercise!).Exercise!.Name;
                change = c => c.Add(added, addedName, sets, reps);
                break;
            case "reorder":
                if (input.Order is not { Count: > 0 and <= 30 } order)
                {
                    errors["order"] = ["1–30 exercise names"];
                    break;
                }
                var ids = order.Select((n, i) => Id($"order[{i}]", n)).ToList();
                change = c => c.Reorder(ids.OfType<string>());
                break;
            case "skip" or "unskip" or "swap" or "add":
                break;
            default:
                errors["action"] = [$"'{input.Action}' is not one of: skip, unskip, swap, add, reorder"];
                break;
        }
        if (errors.Count == 0 && planned is not null)
        {
            // Only an exercise of the day's session (as changed so far) can be skipped or swapped, as on the command line.
            var log = LogReader.For(db);
            var day = StoredDay.Decide(log, new ExerciseResolver(CatalogLoader.Default, log.CustomExercises()), stored.Date);
            var current = StoredDay.Exercises(day, SessionChanges.Parse(stored.ChangesJson), resolver);
            if (!current.Any(e => e.Exercise.Id == planned))
                errors["exercise"] = [StoredDay.NotInSession($"'{input.Exercise}'", stored.Date, current)];
        }
        if (errors.Count > 0 || change is null)
            return Problems.Invalid(errors);
        await db.Database.OpenConnectionAsync(cancel);
        var connection = db.Database.GetDbConnection();
        if (await SetWriter.Change(connection, db.AthleteId, id, version, change, cancel) is null)
        {
            return LogReader.For(db).Session(id) is { } current
                ? Problems.PreconditionFailed($"The session changed since you read it (your version {version}, now {current.Version}); read it again and redo the change.")
                : Problems.NotFound("such session");
        }
        var row = LogReader.For(db).Session(id)!;
        http.Response.Headers.ETag = ETag(row.Version);
        return TypedResults.Ok(View(row));
    }

    private static Dictionary<string, string[]> CheckSession(SessionInput input, out string? dayType)
    {
        var errors = new Dictionary<string, string[]>();
        dayType = null;
        if (LogLimits.Name(input.Name) is { } name)
            errors["name"] = [name];
        if (LogLimits.Notes(input.Notes) is { } notes)
            errors["notes"] = [notes];
        if (input.DayType is { } t)
        {
            if (Words.Map<Failsafe.Engine.DayType>().ContainsKey(t))
                dayType = t.ToLowerInvariant();
            else
                errors["dayType"] = [$"'{t}' is not a day type (hard, medium, light)"];
        }
        if (input.Date is { } d && LogLimits.Day(d) is { } day)
            errors["date"] = [day];
        return errors;
    }

    public static async Task<IResult> Create(SessionInput input, FailsafeDb db, AthleteAccess access, TimeProvider clock, IConfiguration settings, CancellationToken cancel)
    {
        if (input is null)
            return Problems.Invalid("body", "a session object is required");
        var errors = CheckSession(input, out var dayType);
        if (errors.Count > 0)
            return Problems.Invalid(errors);
        if (await ListCap.Sessions.Refuses(db.Mine<SessionRow>(), settings, cancel) is { } full)
            return full;
        var row = new SessionRow
        {
            Date = input.Date ?? access.Today(clock), Name = input.Name, Notes = input.Notes, DayType = dayType,
            Source = Source, StartedAt = clock.GetUtcNow().UtcDateTime,
        };
        db.Sessions.Add(row);
        await db.SaveChangesAsync(cancel);
        return TypedResults.Created($"/api/sessions/{row.Id}", View(row));
    }

    public static async Task<IResult> Update(long id, SessionInput input, FailsafeDb db, HttpContext http, CancellationToken cancel)
    {
        if (input is null)
            return Problems.Invalid("body", "a session object is required");
        var row = await db.Mine<SessionRow>().Include(s => s.Sets).FirstOrDefaultAsync(s => s.Id == id, cancel);
        if (row is null)
            return Problems.NotFound("such session");
        if (IfMatch(http.Request) is not { } version)
            return TypedResults.Problem(statusCode: StatusCodes.Status428PreconditionRequired, title: "If-Match required", detail: "Send the session's version (its ETag) in If-Match, so a newer edit is not overwritten.");
        if (version != row.Version)
            return Problems.PreconditionFailed($"The session changed since you read it (your version {version}, now {row.Version}); read it again and redo the edit.");
        var errors = CheckSession(input, out var dayType);
        if (errors.Count > 0)
            return Problems.Invalid(errors);
        if (input.Name is not null)
            row.Name = input.Name;
        if (input.Notes is not null)
            row.Notes = input.Notes;
        if (dayType is not null)
            row.DayType = dayType;
        if (input.Date is { } d)
            row.Date = d;
        try
        {
            await db.SaveChangesAsync(cancel);
        }
        catch (DbUpdateConcurrencyException)
        {
            return Problems.PreconditionFailed("The session was changed by another request at the same moment; read it again and redo the edit.");
        }
        http.Response.Headers.ETag = ETag(row.Version);
        return TypedResults.Ok(View(row));
    }

    public static async Task<IResult> Delete(long id, FailsafeDb db, HttpRequest request, TimeProvider clock, CancellationToken cancel)
    {
        var row = await db.Mine<SessionRow>().Include(s => s.Sets).FirstOrDefaultAsync(s => s.Id == id, cancel);
        if (row is null)
            return Problems.NotFound("such session");
        if (IfMatch(request) is { } version && version != row.Version)
            return Problems.PreconditionFailed($"The session changed since you read it (your version {version}, now {row.Version}).");
        db.Sessions.Remove(row);
        // The sets' idempotency keys stay used (SetWriter.KeysKept), in the transaction that deletes them.
        await using var transaction = await db.Database.BeginTransactionAsync(cancel);
        await SetWriter.KeepKeys(db.Database.GetDbConnection(), transaction.GetDbTransaction(), db.AthleteId, id, clock.GetUtcNow().UtcDateTime, cancel);
        try
        {
            await db.SaveChangesAsync(cancel);
        }
        catch (DbUpdateConcurrencyException)
        {
            return Problems.PreconditionFailed("The session was changed by another request at the same moment.");
        }
        await transaction.CommitAsync(cancel);
        return TypedResults.NoContent();
    }

    private static readonly string[] Techniques = ["drop-set", "rest-pause", "myo-reps", "cluster", "forced-reps", "partials", "negatives"];

    /// <summary>Validates <paramref name="input"/>; when there are no errors, sets the fields of <paramref name="row"/> it gives.</summary>
    private static Dictionary<string, string[]> Check(SetInput input, ExerciseResolver resolver, WeightUnit defaultUnit, SetRow row)
    {
        var errors = new Dictionary<string, string[]>();
        void Add(string field, string problem) => errors[field] = [problem];
        string? id = null, name = null;
        if (string.IsNullOrWhiteSpace(input.Exercise))
            Add("exercise", "required: the exercise as you call it, e.g. \"bench press\"");
        else if (LogLimits.Name(input.Exercise) is { } longName)
            Add("exercise", longName);
        else
        {
            var (rid, _, match) = resolver.Resolve(input.Exercise);
            if (rid is null)
                Add("exercise", $"'{input.Exercise}' is not a known exercise{(match.Suggestions.IsDefaultOrEmpty ? "" : $"; did you mean {string.Join(", ", match.Suggestions.Take(3))}?")}");
            (id, name) = (rid, input.Exercise.Trim());
        }
        if (LogLimits.Notes(input.Notes) is { } notes)
            Add("notes", notes);
        string? technique = null;
        if (input.Technique is { } t)
        {
            if (Techniques.Contains(t, StringComparer.OrdinalIgnoreCase))
                technique = t.ToLowerInvariant();
            else
                Add("technique", $"'{t}' is not a technique ({string.Join(", ", Techniques)})");
        }

        Load load = Load.Kg(0);
        int reps = 0;
        double? rir = null, rpe = null;
        var failure = FailureLevel.None;
        if (input.Set is { } text)
        {
            if (input.Weight is not null || input.Reps is not null || input.Rir is not null || input.Rpe is not null || input.Failure is not null)
                Add("set", "give either the set in notation or weight/reps/rir/rpe/failure, not both");
            else if (text.Length > 60)
                Add("set", "longer than 60 characters");
            else if (!SetNotation.TryParse(text, defaultUnit, out var written, out var error))
                Add("set", error);
            else
                (load, reps, rir, rpe, failure) = (written.Load, written.Reps, written.EffectiveRir, written.Rpe?.Value, written.Failure);
        }
        else
        {
            var unit = defaultUnit;
            if (input.Unit is { } u)
            {
                if (u is "kg")
                    unit = WeightUnit.Kg;
                else if (u is "lb" or "lbs")
                    unit = WeightUnit.Lb;
                else
                    Add("unit", $"'{u}' is not a unit (kg or lb)");
            }
            if (input.Weight is not { } w)
                Add("weight", "required (0 for bodyweight), or give the set in notation as \"set\"");
            else if (LogLimits.Weight(w) is { } weight)
                Add("weight", weight);
            else
                load = unit == WeightUnit.Lb ? Load.Lb(w) : Load.Kg(w);
            if (input.Reps is not { } r)
                Add("reps", "required");
            else if (LogLimits.Reps(r) is { } many)
                Add("reps", many);
            else
                reps = r;
            if (input.Failure is { } f)
            {
                if (Words.Map<FailureLevel>().TryGetValue(f, out var level))
                    failure = level;
                else
                    Add("failure", $"'{f}' is not a failure level (none, technical, absolute)");
            }
            if (input.Rir is { } x && (!double.IsFinite(x) || x is < 0 or > 10))
                Add("rir", $"{x} is out of range (0–10)");
            if (input.Rpe is { } y && (!double.IsFinite(y) || y is < 1 or > 10))
                Add("rpe", $"{y} is out of range (1–10)");
            if (input.Rir is not null && input.Rpe is not null)
                Add("rpe", "give RIR or RPE, not both");
            rpe = input.Rpe;
            rir = failure != FailureLevel.None ? 0 : input.Rir ?? (input.Rpe is { } p ? 10 - p : null);
        }
        if (input.Date is { } d && LogLimits.Day(d) is { } day)
            Add("date", day);
        if (errors.Count > 0)
            return errors;
        (row.ExerciseId, row.ExerciseName, row.WeightKg, row.Unit, row.WeightEntered, row.Reps, row.Rir, row.Rpe) =
            (id!, name!, Math.Round(load.InKg, 3), load.Unit == WeightUnit.Lb ? "lb" : "kg", load.Value, reps, rir, rpe);
        (row.Failure, row.Technique, row.Warmup, row.Drop, row.Pain, row.Notes) = (Words.Of(failure), technique, input.Warmup, input.Drop, input.Pain, input.Notes);
        row.FormBreakdown = input.FormBreakdown || failure == FailureLevel.Technical;
        return errors;
    }

    /// <summary>Named literals too: a body may carry "NaN" or 1e400, which validation then refuses with a 400.</summary>
    private static readonly JsonSerializerOptions HashOptions = new() { NumberHandling = System.Text.Json.Serialization.JsonNumberHandling.AllowNamedFloatingPointLiterals };

    private static string Hash(SetInput input) =>
        Convert.ToHexStringLower(SHA256.HashData(JsonSerializer.SerializeToUtf8Bytes(input, HashOptions)));

    public static async Task<IResult> Log(
        SetInput input, AthleteAccess access, HttpContext http, System.Data.Common.DbDataSource database, SetCap cap, TimeProvider clock, CancellationToken cancel)
    {
        if (input is null)
            return Problems.Invalid("body", "a set object is required");
        string? key = null;
        if (http.Request.Headers.TryGetValue(IdempotencyHeader, out var header))
        {
            key = header.ToString();
            if (key.Length is 0 or > 100 || key.Any(c => c < 0x21 || c > 0x7e))
                return Problems.Invalid(IdempotencyHeader, "1–100 printable ASCII characters, unique per set (a UUID is ideal)");
        }
        var hash = Hash(input);

        var profileUnit = access.Unit == "lb" ? WeightUnit.Lb : WeightUnit.Kg;
        // The training context only when needed (a custom exercise, a retry): the usual set is written in plain SQL.
        FailsafeDb Db() => http.RequestServices.GetRequiredService<FailsafeDb>();
        var resolver = await Resolver(Db, input.Exercise, cancel);
        var row = new SetRow { ClientKey = key, ClientHash = key is null ? null : hash };
        var errors = Check(input, resolver, profileUnit, row);
        if (input.Date is { } date && access.Today(clock) is var today && date > today)
            errors["date"] = [$"{Dates.Text(date)} is in the future (the athlete's today is {Dates.Text(today)}): only what happened can be logged"];
        if (errors.Count > 0)
            return key is not null && await Replay(Db(), key, hash, cancel) is { } earlierAnswer ? earlierAnswer : Problems.Invalid(errors);

        row.LoggedAt = clock.GetUtcNow().UtcDateTime;
        var day = input.Date ?? access.Today(clock);
        // The key is unique per athlete: a retry (even one racing this request on another connection or instance)
        // writes nothing and gets the recorded set back.
        bool inserted;
        try
        {
            inserted = await SetWriter.Insert(database, access.AthleteId, new SessionKey(day, Source), row, cap, cancel);
        }
        catch (SetCapException full)
        {
            return Problems.Full(full);
        }
        catch (SessionFullException full)
        {
            return Problems.Full(full);
        }
        if (!inserted)
            return key is not null && await Replay(Db(), key, hash, cancel) is { } raced
                ? raced
                : throw new InvalidOperationException("The set conflicted with an existing row but no set holds its idempotency key.");
        return TypedResults.Created($"/api/sets/{row.Id}", View(row, day));
    }

    /// <summary>
    /// Resolves the one name a request uses: the catalog (in memory) first; only a name it does not know costs a
    /// look at the athlete's custom exercises.
    /// </summary>
    private static async Task<ExerciseResolver> Resolver(Func<FailsafeDb> db, string? name, CancellationToken cancel)
    {
        // A name over Check's limit is refused there; resolving it here first would only cost time.
        if (name is { Length: <= LogLimits.MaxName } && CatalogLoader.Default.Find(name) is not null)
            return new ExerciseResolver(CatalogLoader.Default, Array.Empty<CustomExerciseRow>());
        var customs = await db().Mine<CustomExerciseRow>().AsNoTracking().ToListAsync(cancel);
        return new ExerciseResolver(CatalogLoader.Default, customs);
    }

    /// <summary>The answer to a retry: the set recorded under <paramref name="key"/>, or a problem when the key was used for another set.</summary>
    private static async Task<IResult?> Replay(FailsafeDb db, string key, string hash, CancellationToken cancel)
    {
        var earlier = await db.Mine<SetRow>().AsNoTracking().Where(s => s.ClientKey == key)
            .Join(db.Mine<SessionRow>(), s => s.SessionId, x => x.Id, (s, x) => new { Set = s, x.Date }).FirstOrDefaultAsync(cancel);
        if (earlier is null)
        {
            var deleted = await db.Mine<DeletedSetKeyRow>().AsNoTracking().FirstOrDefaultAsync(k => k.ClientKey == key, cancel);
            if (deleted is null)
                return null;
            if (deleted.ClientHash != hash)
                return KeyReused(key);
            return Problems.Conflict($"The set logged with the key '{key}' was deleted ({deleted.DeletedAt:yyyy-MM-dd HH:mm} UTC); the key stays used for " +
                $"{SetWriter.KeysKept.TotalDays:0} days after that, so this retry logs nothing. Send a new key to log the set again.");
        }
        if (earlier.Set.ClientHash != hash)
            return KeyReused(key);
        return TypedResults.Created($"/api/sets/{earlier.Set.Id}", View(earlier.Set, earlier.Date));
    }

    private static ProblemHttpResult KeyReused(string key) =>
        TypedResults.Problem(statusCode: StatusCodes.Status422UnprocessableEntity, title: "Idempotency key reused",
            detail: $"The key '{key}' was already used for a different set; send a new key for a new set.");

    public static async Task<IResult> Edit(long id, SetInput input, FailsafeDb db, HttpContext http, CancellationToken cancel)
    {
        if (input is null)
            return Problems.Invalid("body", "a set object is required");
        var found = await db.Mine<SetRow>().AsNoTracking().Join(db.Mine<SessionRow>(), s => s.SessionId, x => x.Id, (s, x) => new { Set = s, x.Date })
            .FirstOrDefaultAsync(x => x.Set.Id == id, cancel);
        if (found is null)
            return Problems.NotFound("such set");
        var row = found.Set;
        if (IfMatch(http.Request) is not { } version)
            return TypedResults.Problem(statusCode: StatusCodes.Status428PreconditionRequired, title: "If-Match required", detail: "Send the set's version in If-Match, so a newer edit is not overwritten.");
        if (version != row.Version)
            return Problems.PreconditionFailed($"The set changed since you read it (your version {version}, now {row.Version}); read it again and redo the edit.");
        var unit = await db.MyProfile.Select(p => p.Unit).FirstOrDefaultAsync(cancel) == "lb" ? WeightUnit.Lb : WeightUnit.Kg;
        var errors = Check(input, await Resolver(() => db, input.Exercise, cancel), unit, row);
        if (errors.Count > 0)
            return Problems.Invalid(errors);
        await db.Database.OpenConnectionAsync(cancel);
        if (!await SetWriter.Edit(db.Database.GetDbConnection(), db.AthleteId, row, version, cancel))
            return Problems.PreconditionFailed("The set was changed by another request at the same moment; read it again and redo the edit.");
        http.Response.Headers.ETag = ETag(row.Version);
        return TypedResults.Ok(View(row, found.Date));
    }

    public static async Task<IResult> DeleteSet(long id, FailsafeDb db, HttpRequest request, TimeProvider clock, CancellationToken cancel)
    {
        var row = await db.Mine<SetRow>().AsNoTracking().FirstOrDefaultAsync(s => s.Id == id, cancel);
        if (row is null)
            return Problems.NotFound("such set");
        var version = IfMatch(request);
        if (version is { } v && v != row.Version)
            return Problems.PreconditionFailed($"The set changed since you read it (your version {v}, now {row.Version}).");
        await db.Database.OpenConnectionAsync(cancel);
        if (!await SetWriter.Delete(db.Database.GetDbConnection(), db.AthleteId, id, version, clock.GetUtcNow().UtcDateTime, cancel))
            return Problems.PreconditionFailed("The set was changed by another request at the same moment.");
        return TypedResults.NoContent();
    }

    public static async Task<IResult> CheckIns(string? from, string? to, FailsafeDb db, AthleteAccess access, TimeProvider clock, CancellationToken cancel)
    {
        var (start, end, problem) = Range(from, to, access.Today(clock));
        if (problem is not null)
            return problem;
        var rows = await db.Mine<CheckInRow>().AsNoTracking().Where(c => c.Date >= start && c.Date <= end).OrderBy(c => c.Date).ToListAsync(cancel);
        return TypedResults.Ok(rows.Select(c => new CheckInView(c.Date, c.SleepHours, c.SleepQuality, c.Fatigue, c.Mood, c.Soreness, c.Aches, c.Motivation)).ToList());
    }

    public static async Task<IResult> PutCheckIn(string date, CheckInInput input, FailsafeDb db, AthleteAccess access, TimeProvider clock, CancellationToken cancel)
    {
        if (!Dates.TryDay(date, access.Today(clock), out var day, out var problem))
            return problem!;
        if (input is null)
            return Problems.Invalid("body", "a check-in object is required");
        var errors = new Dictionary<string, string[]>();
        if (input.SleepHours is { } h && (!double.IsFinite(h) || h is < 0 or > 24))
            errors["sleepHours"] = [$"{h} is out of range (0–24)"];
        foreach (var (field, value) in new[] { ("sleepQuality", input.SleepQuality), ("fatigue", input.Fatigue), ("mood", input.Mood), ("soreness", input.Soreness), ("aches", input.Aches), ("motivation", input.Motivation) })
        {
            if (value is { } v && v is < 1 or > 5)
                errors[field] = [$"{v} is out of range (1–5)"];
        }
        if (errors.Count > 0)
            return Problems.Invalid(errors);
        var row = await db.Mine<CheckInRow>().FirstOrDefaultAsync(c => c.Date == day, cancel);
        if (row is null)
        {
            row = new CheckInRow { Date = day };
            db.CheckIns.Add(row);
        }
        (row.SleepHours, row.SleepQuality, row.Fatigue, row.Mood, row.Soreness, row.Aches, row.Motivation) =
            (input.SleepHours, input.SleepQuality, input.Fatigue, input.Mood, input.Soreness, input.Aches, input.Motivation);
        await db.SaveChangesAsync(cancel);
        return TypedResults.Ok(new CheckInView(row.Date, row.SleepHours, row.SleepQuality, row.Fatigue, row.Mood, row.Soreness, row.Aches, row.Motivation));
    }
}
