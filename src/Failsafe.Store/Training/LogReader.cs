using System.Data.Common;
using Microsoft.EntityFrameworkCore;

namespace Failsafe.Store.Training;

/// <summary>
/// The one reader of a stored training log: what the engine's input (a <see cref="Engine.Scenario"/>), the plan, the
/// history, reports and exports are built from — on the command line and on the server, on SQLite and on PostgreSQL.
/// Plain ADO.NET on an open connection rather than EF Core, whose first use costs a short-lived process far more
/// than the queries (bench/README.md). The SQL is provider-neutral — quoted identifiers, <c>@name</c> parameters,
/// dates read with <c>GetFieldValue&lt;DateOnly&gt;</c> — and every statement filters by <see cref="AthleteId"/>.
/// Writes go through <see cref="SetWriter"/> (logged sets) and <see cref="FailsafeDb"/> (everything else).
/// </summary>
public sealed class LogReader : IDisposable
{
    private const string SessionColumns =
        "x.\"Id\", x.\"AthleteId\", x.\"Date\", x.\"DayType\", x.\"Name\", x.\"Source\", x.\"ImportKey\", x.\"StartedAt\", x.\"Notes\", x.\"Version\", " +
        "x.\"FinishedAt\", x.\"SessionRpe\", x.\"Feeling\", x.\"ChangesJson\"";

    private const string FullSetColumns =
        "s.\"Id\", s.\"AthleteId\", s.\"SessionId\", s.\"Order\", s.\"ExerciseId\", s.\"ExerciseName\", s.\"WeightKg\", s.\"Unit\", s.\"WeightEntered\", s.\"Reps\", " +
        "s.\"Rir\", s.\"Rpe\", s.\"Failure\", s.\"Technique\", s.\"Warmup\", s.\"Drop\", s.\"FormBreakdown\", s.\"Pain\", s.\"Notes\", s.\"LoggedAt\", s.\"Version\", " +
        "s.\"ClientKey\", s.\"ClientHash\"";

    private readonly DbConnection _connection;
    private readonly bool _owns;

    /// <param name="connection">An open connection to the log (this object disposes it when <paramref name="owns"/>).</param>
    /// <param name="athleteId">The athlete whose rows are read and written.</param>
    /// <param name="owns">Whether disposing this disposes the connection.</param>
    public LogReader(DbConnection connection, int athleteId, bool owns = true)
    {
        ArgumentNullException.ThrowIfNull(connection);
        _connection = connection;
        AthleteId = athleteId;
        _owns = owns;
    }

    public int AthleteId { get; }

    /// <summary>A reader on <paramref name="db"/>'s connection and athlete (opened here; closed when <paramref name="db"/> is disposed).</summary>
    public static LogReader For(FailsafeDb db)
    {
        ArgumentNullException.ThrowIfNull(db);
        db.Database.OpenConnection();
        return new LogReader(db.Database.GetDbConnection(), db.AthleteId, owns: false);
    }

    public DbConnection Connection => _connection;

    public void Dispose()
    {
        if (_owns)
            _connection.Dispose();
    }

    private DbCommand Command(string sql, params (string Name, object? Value)[] parameters) =>
        Sql.Command(_connection, sql, [("@athlete", AthleteId), .. parameters]);

    private List<T> Rows<T>(string sql, Func<DbDataReader, T> read, params (string Name, object? Value)[] parameters)
    {
        using var command = Command(sql, parameters);
        using var reader = command.ExecuteReader();
        var rows = new List<T>();
        while (reader.Read())
            rows.Add(read(reader));
        return rows;
    }

    private static string? Text(DbDataReader r, int i) => r.IsDBNull(i) ? null : r.GetString(i);

    private static double? Real(DbDataReader r, int i) => r.IsDBNull(i) ? null : r.GetDouble(i);

    private static int? Whole(DbDataReader r, int i) => r.IsDBNull(i) ? null : r.GetInt32(i);

    private static DateOnly Date(DbDataReader r, int i) => r.GetFieldValue<DateOnly>(i);

    private static DateOnly? MaybeDate(DbDataReader r, int i) => r.IsDBNull(i) ? null : r.GetFieldValue<DateOnly>(i);

    private static DateTime? MaybeDateTime(DbDataReader r, int i) => r.IsDBNull(i) ? null : r.GetDateTime(i);

    private const string ProfileColumns =
        "\"Id\", \"AccountId\", \"Name\", \"TrainingYears\", \"FormUnderFatigue\", \"SleepHours\", \"Stress\", \"Goal\", \"InSeason\", \"Split\", " +
        "\"CompetitionPrep\", \"BodyweightKg\", \"Unit\", \"TrainingDays\", \"Phase\", \"UpdatedAt\", \"Revision\", \"TimeZone\", \"EquipmentJson\", \"PinnedLifts\", \"Preset\"";

    private static ProfileRow ReadProfile(DbDataReader r) => new()
    {
        Id = r.GetInt32(0), AccountId = Text(r, 1), Name = r.GetString(2), TrainingYears = r.GetDouble(3), FormUnderFatigue = r.GetString(4),
        SleepHours = r.GetDouble(5), Stress = r.GetString(6), Goal = r.GetString(7), InSeason = r.GetBoolean(8), Split = r.GetString(9),
        CompetitionPrep = r.GetBoolean(10), BodyweightKg = Real(r, 11), Unit = r.GetString(12), TrainingDays = r.GetString(13), Phase = r.GetString(14),
        UpdatedAt = r.GetDateTime(15), Revision = r.GetInt64(16), TimeZone = Text(r, 17), EquipmentJson = Text(r, 18), PinnedLifts = Text(r, 19),
        Preset = Text(r, 20),
    };

    /// <summary>This athlete's profile.</summary>
    public ProfileRow? Profile() =>
        Rows($"SELECT {ProfileColumns} FROM \"profiles\" WHERE \"Id\" = @athlete LIMIT 1", ReadProfile).FirstOrDefault();

    /// <summary>The policy every decision on this log is made with: the profile's preset (the default without one).</summary>
    public Policy StoredPolicy() =>
        PolicyPresets.Of(Rows("SELECT \"Preset\" FROM \"profiles\" WHERE \"Id\" = @athlete", r => Text(r, 0)).FirstOrDefault());

    /// <summary>This athlete's custom exercises (for <see cref="ExerciseResolver"/>).</summary>
    public List<CustomExerciseRow> CustomExercises() =>
        Rows(
            "SELECT \"Id\", \"AthleteId\", \"Name\", \"Mechanic\", \"Equipment\", \"MaxFailure\", \"MaxFailureWithSpotter\", \"CnsDemand\", \"PrimaryMuscles\", \"Classified\" " +
            "FROM \"custom_exercises\" WHERE \"AthleteId\" = @athlete ORDER BY \"Id\"",
            r => new CustomExerciseRow
            {
                Id = r.GetInt32(0), AthleteId = r.GetInt32(1), Name = r.GetString(2), Mechanic = r.GetString(3), Equipment = r.GetString(4),
                MaxFailure = r.GetString(5), MaxFailureWithSpotter = r.GetString(6), CnsDemand = r.GetString(7), PrimaryMuscles = r.GetString(8),
                Classified = r.GetBoolean(9),
            });

    /// <summary>The newest active plan.</summary>
    public PlanRow? ActivePlan() =>
        Rows(
            "SELECT \"Id\", \"AthleteId\", \"Start\", \"Weeks\", \"Days\", \"TemplateJson\", \"CreatedAt\", \"Active\" FROM \"plans\" " +
            "WHERE \"AthleteId\" = @athlete AND \"Active\" ORDER BY \"Id\" DESC LIMIT 1",
            r => new PlanRow
            {
                Id = r.GetInt64(0), AthleteId = r.GetInt32(1), Start = Date(r, 2), Weeks = r.GetInt32(3), Days = r.GetString(4), TemplateJson = Text(r, 5),
                CreatedAt = r.GetDateTime(6), Active = r.GetBoolean(7),
            }).FirstOrDefault();

    private static SessionRow ReadSession(DbDataReader r) => new()
    {
        Id = r.GetInt64(0), AthleteId = r.GetInt32(1), Date = Date(r, 2), DayType = Text(r, 3), Name = Text(r, 4), Source = r.GetString(5),
        ImportKey = Text(r, 6), StartedAt = MaybeDateTime(r, 7), Notes = Text(r, 8), Version = r.GetInt32(9),
        FinishedAt = MaybeDateTime(r, 10), SessionRpe = Real(r, 11), Feeling = Text(r, 12), ChangesJson = Text(r, 13),
    };

    /// <summary>A set of <see cref="FullSetColumns"/>, read from column <paramref name="at"/> on.</summary>
    private static SetRow ReadSet(DbDataReader r, int at = 0) => new()
    {
        Id = r.GetInt64(at), AthleteId = r.GetInt32(at + 1), SessionId = r.GetInt64(at + 2), Order = r.GetInt32(at + 3), ExerciseId = r.GetString(at + 4),
        ExerciseName = r.GetString(at + 5), WeightKg = r.GetDouble(at + 6), Unit = r.GetString(at + 7), WeightEntered = r.GetDouble(at + 8), Reps = r.GetInt32(at + 9),
        Rir = Real(r, at + 10), Rpe = Real(r, at + 11), Failure = r.GetString(at + 12), Technique = Text(r, at + 13), Warmup = r.GetBoolean(at + 14), Drop = r.GetBoolean(at + 15),
        FormBreakdown = r.GetBoolean(at + 16), Pain = r.GetBoolean(at + 17), Notes = Text(r, at + 18), LoggedAt = r.GetDateTime(at + 19), Version = r.GetInt32(at + 20),
        ClientKey = Text(r, at + 21), ClientHash = Text(r, at + 22),
    };

    /// <summary>The columns of a set the scenario uses (<see cref="TrainingStore.ToSession"/>): reading only these halves the read.</summary>
    private const string ScenarioSetColumns =
        "s.\"Id\", s.\"SessionId\", s.\"Order\", s.\"ExerciseId\", s.\"ExerciseName\", s.\"WeightKg\", s.\"Reps\", s.\"Rir\", s.\"Rpe\", s.\"Failure\", s.\"Technique\", s.\"Warmup\", s.\"Drop\"";

    /// <summary>A set as the scenario sees it; the other fields keep their defaults.</summary>
    private static SetRow ReadScenarioSet(DbDataReader r) => new()
    {
        Id = r.GetInt64(0), SessionId = r.GetInt64(1), Order = r.GetInt32(2), ExerciseId = r.GetString(3), ExerciseName = r.GetString(4),
        WeightKg = r.GetDouble(5), Reps = r.GetInt32(6), Rir = Real(r, 7), Rpe = Real(r, 8), Failure = r.GetString(9), Technique = Text(r, 10),
        Warmup = r.GetBoolean(11), Drop = r.GetBoolean(12),
    };

    /// <summary>The day of the latest session; null when none is logged.</summary>
    public DateOnly? LastSessionDay() =>
        Rows("SELECT max(\"Date\") FROM \"sessions\" WHERE \"AthleteId\" = @athlete", r => MaybeDate(r, 0)).FirstOrDefault();

    /// <summary>The latest day with a session or a check-in; null when nothing is logged.</summary>
    public DateOnly? LastDay() =>
        Rows(
            "SELECT max(d) FROM (SELECT max(\"Date\") AS d FROM \"sessions\" WHERE \"AthleteId\" = @athlete " +
            "UNION ALL SELECT max(\"Date\") FROM \"checkins\" WHERE \"AthleteId\" = @athlete) AS days",
            r => MaybeDate(r, 0)).FirstOrDefault();

    /// <summary>The check-ins dated <paramref name="from"/> to <paramref name="to"/>, by date.</summary>
    public ImmutableArray<Wellness> Wellness(DateOnly from, DateOnly to) =>
        [.. Rows(
            "SELECT \"Date\", \"SleepHours\", \"SleepQuality\", \"Fatigue\", \"Mood\", \"Soreness\", \"Aches\", \"Motivation\" FROM \"checkins\" " +
            "WHERE \"AthleteId\" = @athlete AND \"Date\" >= @from AND \"Date\" <= @to ORDER BY \"Date\", \"Id\"",
            r => new Wellness(Date(r, 0), Real(r, 1), Whole(r, 2), Whole(r, 3), Whole(r, 4), Whole(r, 5), Whole(r, 6), Whole(r, 7)),
            ("@from", from), ("@to", to))];

    /// <summary>
    /// The sessions dated <paramref name="from"/> to <paramref name="to"/> (either open), by date then id, each with
    /// every stored field of its sets in order: what history, reports and the sessions API show.
    /// </summary>
    public List<SessionRow> Sessions(DateOnly? from = null, DateOnly? to = null) => [.. EachSession(from, to)];

    /// <summary>
    /// The same sessions as <see cref="Sessions"/>, read one at a time as they are enumerated (see <see cref="EachSet"/>);
    /// with <paramref name="page"/>, only those after its first session (exclusive) through its last (inclusive), in
    /// the order by date then id.
    /// </summary>
    public IEnumerable<SessionRow> EachSession(DateOnly? from = null, DateOnly? to = null, SessionPage? page = null)
    {
        SessionRow? current = null;
        foreach (var (session, set) in EachSet(from, to, page))
        {
            if (!ReferenceEquals(session, current))
            {
                if (current is not null)
                    yield return current;
                current = session;
            }
            if (set is not null)
                current.Sets.Add(set);
        }
        if (current is not null)
            yield return current;
    }

    /// <summary>
    /// The sessions of <see cref="Sessions"/> as one row per set, read as they are enumerated, for the exports: memory
    /// holds one row, however long the log or a session. The rows of one session share its <see cref="SessionRow"/>
    /// (whose <see cref="SessionRow.Sets"/> this leaves empty); a session without sets is one row with a null set. The
    /// connection is busy with the read until the enumeration ends.
    /// </summary>
    public IEnumerable<(SessionRow Session, SetRow? Set)> EachSet(DateOnly? from = null, DateOnly? to = null, SessionPage? page = null)
    {
        var range = (from is null ? "" : " AND x.\"Date\" >= @from") + (to is null ? "" : " AND x.\"Date\" <= @to") + (page is null ? "" : PageRange);
        (string, object?)[] parameters =
        [
            .. from is null ? [] : new[] { ("@from", (object?)from) }, .. to is null ? [] : new[] { ("@to", (object?)to) },
            .. page is null ? [] : new[] { ("@afterDate", (object?)page.After.Date), ("@afterId", page.After.Id), ("@lastDate", page.Last.Date), ("@lastId", page.Last.Id) },
        ];
        using var command = Command(
            $"SELECT {SessionColumns}, {FullSetColumns} FROM \"sessions\" AS x LEFT JOIN \"sets\" AS s ON s.\"SessionId\" = x.\"Id\" " +
            $"WHERE x.\"AthleteId\" = @athlete{range} ORDER BY x.\"Date\", x.\"Id\", s.\"Order\", s.\"Id\"",
            parameters);
        using var reader = command.ExecuteReader();
        const int setAt = 14;
        SessionRow? session = null;
        while (reader.Read())
        {
            if (session is null || session.Id != reader.GetInt64(0))
                session = ReadSession(reader);
            yield return (session, reader.IsDBNull(setAt) ? null : ReadSet(reader, setAt));
        }
    }

    /// <summary>Sessions after <c>@afterDate, @afterId</c> through <c>@lastDate, @lastId</c>, in the order by date then id.</summary>
    private const string PageRange =
        " AND (x.\"Date\" > @afterDate OR (x.\"Date\" = @afterDate AND x.\"Id\" > @afterId))" +
        " AND (x.\"Date\" < @lastDate OR (x.\"Date\" = @lastDate AND x.\"Id\" <= @lastId))";

    /// <summary>
    /// The page of at most <paramref name="most"/> sessions dated <paramref name="from"/> to <paramref name="to"/> that
    /// come after session <paramref name="after"/> (null: from the first), by date then id; and whether more follow.
    /// Null when <paramref name="after"/> is not one of the athlete's sessions. Reads only session keys (the index on
    /// athlete and date): the page's sessions and sets are then read with <see cref="EachSession"/>.
    /// </summary>
    public (SessionPage? Page, bool More)? Page(DateOnly from, DateOnly to, long? after, int most)
    {
        ArgumentOutOfRangeException.ThrowIfLessThan(most, 1);
        var start = (Date: from, Id: long.MinValue);
        if (after is { } id)
        {
            var found = Rows("SELECT \"Date\" FROM \"sessions\" WHERE \"AthleteId\" = @athlete AND \"Id\" = @id", r => Date(r, 0), ("@id", id));
            if (found.Count == 0)
                return null;
            start = (found[0], id);
        }
        var keys = Rows(
            "SELECT x.\"Date\", x.\"Id\" FROM \"sessions\" AS x WHERE x.\"AthleteId\" = @athlete AND x.\"Date\" >= @from AND x.\"Date\" <= @to " +
            "AND (x.\"Date\" > @afterDate OR (x.\"Date\" = @afterDate AND x.\"Id\" > @afterId)) ORDER BY x.\"Date\", x.\"Id\" LIMIT 2 OFFSET @skip",
            r => (Date: Date(r, 0), Id: r.GetInt64(1)),
            ("@from", from), ("@to", to), ("@afterDate", start.Date), ("@afterId", start.Id), ("@skip", most - 1));
        // Fewer than a page: the page runs to the last session of the range.
        var last = keys.Count > 0 ? keys[0] : (Date: to, Id: long.MaxValue);
        return (new SessionPage(start, last), keys.Count > 1);
    }

    /// <summary>The athlete's session of <paramref name="date"/> logged from <paramref name="source"/> (cli, api), with its sets; null when there is none.</summary>
    public SessionRow? SessionOn(DateOnly date, string source) =>
        WithSets(Rows(
            $"SELECT {SessionColumns} FROM \"sessions\" AS x WHERE x.\"AthleteId\" = @athlete AND x.\"Date\" = @date AND x.\"Source\" = @source ORDER BY x.\"Id\" LIMIT 1",
            ReadSession, ("@date", date), ("@source", source)).FirstOrDefault());

    /// <summary>The athlete's session <paramref name="id"/>, with its sets; null when they have none such.</summary>
    public SessionRow? Session(long id) =>
        WithSets(Rows($"SELECT {SessionColumns} FROM \"sessions\" AS x WHERE x.\"AthleteId\" = @athlete AND x.\"Id\" = @id", ReadSession, ("@id", id)).FirstOrDefault());

    private SessionRow? WithSets(SessionRow? session)
    {
        if (session is not null)
            session.Sets.AddRange(Rows($"SELECT {FullSetColumns} FROM \"sets\" AS s WHERE s.\"SessionId\" = @id ORDER BY s.\"Order\", s.\"Id\"", r => ReadSet(r), ("@id", session.Id)));
        return session;
    }

    /// <summary>The sets of the sessions <paramref name="where"/> selects (on <c>x</c>, the sessions), added to <paramref name="sessions"/> by id.</summary>
    private void LoadSets(Dictionary<long, SessionRow> sessions, string where, params (string Name, object? Value)[] parameters)
    {
        foreach (var set in Rows(
            $"SELECT {ScenarioSetColumns} FROM \"sets\" AS s INNER JOIN \"sessions\" AS x ON s.\"SessionId\" = x.\"Id\" " +
            $"WHERE x.\"AthleteId\" = @athlete AND {where} ORDER BY s.\"SessionId\", s.\"Order\", s.\"Id\"",
            ReadScenarioSet, parameters))
        {
            sessions[set.SessionId].Sets.Add(set);
        }
    }

    /// <summary>
    /// The statement of E3's heaviest controlled sets of <paramref name="exercises"/> exercises (parameters <c>@b0</c>…,
    /// <c>@min</c>, <c>@from</c>), public so that its plan can be checked: the index on (athlete, exercise, weight)
    /// serves it, so it reads the heavy sets of those exercises, not every set of the log.
    /// </summary>
    public static string HeaviestSets(int exercises) =>
        $"SELECT {ScenarioSetColumns}, x.\"Date\" FROM \"sets\" AS s CROSS JOIN \"sessions\" AS x " +
        $"WHERE s.\"SessionId\" = x.\"Id\" AND s.\"AthleteId\" = @athlete AND x.\"AthleteId\" = @athlete " +
        $"AND s.\"ExerciseId\" IN ({string.Join(", ", Enumerable.Range(0, exercises).Select(i => $"@b{i}"))}) AND s.\"Failure\" = 'none' " +
        $"AND s.\"WeightKg\" >= @min AND x.\"Date\" <= @from ORDER BY s.\"WeightKg\" DESC, s.\"Id\" LIMIT {TrainingStore.BenchSets}";

    /// <summary>
    /// The scenario for <paramref name="today"/>: profile, current injuries, events, check-ins of the last 60 days,
    /// the last <see cref="TrainingStore.HistoryDays"/> days of sessions in full, plus — from before that — the last
    /// session of every exercise in <paramref name="session"/> (for loads) and the best barbell bench sets (for E3).
    /// </summary>
    public Scenario Scenario(ExerciseResolver resolver, DateOnly today, PlannedSession session)
    {
        ArgumentNullException.ThrowIfNull(resolver);
        ArgumentNullException.ThrowIfNull(session);
        var profile = Profile() ?? throw new InvalidOperationException("No profile yet: run `failsafe init` first.");
        var injuries = Rows(
            "SELECT \"Description\" FROM \"injuries\" WHERE \"AthleteId\" = @athlete AND (\"ClearedOn\" IS NULL OR \"ClearedOn\" > @today) AND \"Since\" <= @today ORDER BY \"Id\"",
            r => r.GetString(0), ("@today", today));
        var events = Rows(
            "SELECT \"Date\", \"Name\" FROM \"events\" WHERE \"AthleteId\" = @athlete AND \"Date\" >= @today ORDER BY \"Date\", \"Id\"",
            r => new TrainingEvent(Date(r, 0), r.GetString(1)), ("@today", today)).ToImmutableArray();
        var wellness = Wellness(today.AddDays(-60), today);

        var from = today.AddDays(-TrainingStore.HistoryDays);
        var sessions = Rows(
            $"SELECT {SessionColumns} FROM \"sessions\" AS x WHERE x.\"AthleteId\" = @athlete AND x.\"Date\" > @from AND x.\"Date\" <= @today ORDER BY x.\"Id\"",
            ReadSession, ("@from", from), ("@today", today));
        var byId = sessions.ToDictionary(s => s.Id);
        LoadSets(byId, "x.\"Date\" > @from AND x.\"Date\" <= @today", ("@from", from), ("@today", today));

        // The last session of an exercise, and the bench sets, are found from the exercise's sets (CROSS JOIN keeps
        // SQLite's join order: sets by exercise, then each one's session by key). Driven from the sessions instead,
        // SQLite probes every set of the exercise for every older session — 20 ms and more on ten years of log.
        foreach (var id in TrainingStore.PlannedExerciseIds(session))
        {
            using var command = Command(
                "SELECT x.\"Id\" FROM \"sets\" AS s CROSS JOIN \"sessions\" AS x " +
                "WHERE s.\"SessionId\" = x.\"Id\" AND s.\"AthleteId\" = @athlete AND x.\"AthleteId\" = @athlete AND s.\"ExerciseId\" = @exercise AND x.\"Date\" <= @from " +
                "ORDER BY x.\"Date\" DESC, x.\"Id\" DESC LIMIT 1",
                ("@exercise", id), ("@from", from));
            if (command.ExecuteScalar() is not { } found || found is DBNull)
                continue;
            var lastId = Convert.ToInt64(found, System.Globalization.CultureInfo.InvariantCulture);
            if (byId.ContainsKey(lastId))
                continue;
            var last = Rows($"SELECT {SessionColumns} FROM \"sessions\" AS x WHERE x.\"AthleteId\" = @athlete AND x.\"Id\" = @id", ReadSession, ("@id", lastId)).Single();
            sessions.Add(last);
            byId.Add(lastId, last);
            LoadSets(byId, "x.\"Id\" = @id", ("@id", lastId));
        }

        var benchIds = TrainingStore.BenchExerciseIds(resolver);
        var bench = new List<(SetRow Set, DateOnly Date)>();
        if (benchIds.Count > 0)
        {
            bench = Rows(
                HeaviestSets(benchIds.Count),
                r => (ReadScenarioSet(r), Date(r, 13)),
                [.. benchIds.Select((b, i) => ($"@b{i}", (object?)b)), ("@min", TrainingStore.BenchMinKg), ("@from", from)]);
        }
        return TrainingStore.Assemble(profile, injuries, events, wellness, sessions, bench, resolver, today, session);
    }

    /// <summary>What <see cref="Team"/> reads of one athlete.</summary>
    public sealed class TeamRows(ProfileRow profile)
    {
        public ProfileRow Profile { get; } = profile;
        public List<CustomExerciseRow> Custom { get; } = [];
        public List<InjuryRow> Injuries { get; } = [];
        public List<TrainingEvent> Events { get; } = [];
        public List<Wellness> Wellness { get; } = [];
        public List<SessionRow> Sessions { get; } = [];
        public PlanRow? ActivePlan { get; set; }

        /// <summary>The day of the athlete's latest session, however long ago; null when none is logged.</summary>
        public DateOnly? LastSession { get; set; }

        /// <summary>The day of the latest note a coach wrote on the athlete's log; null when none.</summary>
        public DateOnly? LastCoachNote { get; set; }
    }

    /// <summary>
    /// Many athletes at once, for a coach's list: each one's profile, custom exercises, injuries, events from
    /// <paramref name="from"/>, check-ins and sessions (with their sets) after <paramref name="from"/>, active plan, latest
    /// session day and latest coach's note — in one command (one round trip of nine statements), however many athletes.
    /// </summary>
    public static Dictionary<int, TeamRows> Team(DbConnection connection, IReadOnlyCollection<int> athletes, DateOnly from)
    {
        ArgumentNullException.ThrowIfNull(connection);
        ArgumentNullException.ThrowIfNull(athletes);
        var found = new Dictionary<int, TeamRows>();
        if (athletes.Count == 0)
            return found;
        var ids = athletes.Distinct().ToList();
        var @in = string.Join(", ", ids.Select((_, i) => $"@a{i}"));
        var sql =
            $"SELECT {ProfileColumns} FROM \"profiles\" WHERE \"Id\" IN ({@in});" +
            "SELECT \"Id\", \"AthleteId\", \"Name\", \"Mechanic\", \"Equipment\", \"MaxFailure\", \"MaxFailureWithSpotter\", \"CnsDemand\", \"PrimaryMuscles\", \"Classified\" " +
            $"FROM \"custom_exercises\" WHERE \"AthleteId\" IN ({@in}) ORDER BY \"Id\";" +
            $"SELECT \"AthleteId\", \"Description\", \"Since\", \"ClearedOn\" FROM \"injuries\" WHERE \"AthleteId\" IN ({@in}) ORDER BY \"Id\";" +
            $"SELECT \"AthleteId\", \"Date\", \"Name\" FROM \"events\" WHERE \"AthleteId\" IN ({@in}) AND \"Date\" >= @from ORDER BY \"Date\", \"Id\";" +
            "SELECT \"AthleteId\", \"Date\", \"SleepHours\", \"SleepQuality\", \"Fatigue\", \"Mood\", \"Soreness\", \"Aches\", \"Motivation\" FROM \"checkins\" " +
            $"WHERE \"AthleteId\" IN ({@in}) AND \"Date\" > @from ORDER BY \"Date\", \"Id\";" +
            $"SELECT {SessionColumns} FROM \"sessions\" AS x WHERE x.\"AthleteId\" IN ({@in}) AND x.\"Date\" > @from ORDER BY x.\"Id\";" +
            $"SELECT {ScenarioSetColumns} FROM \"sets\" AS s INNER JOIN \"sessions\" AS x ON s.\"SessionId\" = x.\"Id\" " +
            $"WHERE x.\"AthleteId\" IN ({@in}) AND x.\"Date\" > @from ORDER BY s.\"SessionId\", s.\"Order\", s.\"Id\";" +
            "SELECT \"Id\", \"AthleteId\", \"Start\", \"Weeks\", \"Days\", \"TemplateJson\", \"CreatedAt\", \"Active\" FROM \"plans\" " +
            $"WHERE \"AthleteId\" IN ({@in}) AND \"Active\" ORDER BY \"Id\";" +
            $"SELECT \"AthleteId\", max(\"Date\"), 0 FROM \"sessions\" WHERE \"AthleteId\" IN ({@in}) GROUP BY \"AthleteId\" " +
            $"UNION ALL SELECT \"AthleteId\", max(\"Date\"), 1 FROM \"notes\" WHERE \"AthleteId\" IN ({@in}) AND \"FromCoach\" GROUP BY \"AthleteId\"";
        using var command = Sql.Command(connection, sql, [("@from", from), .. ids.Select((id, i) => ($"@a{i}", (object?)id))]);
        using var r = command.ExecuteReader();
        while (r.Read())
        {
            var p = ReadProfile(r);
            found[p.Id] = new TeamRows(p);
        }
        r.NextResult();
        while (r.Read())
        {
            found[r.GetInt32(1)].Custom.Add(new CustomExerciseRow
            {
                Id = r.GetInt32(0), AthleteId = r.GetInt32(1), Name = r.GetString(2), Mechanic = r.GetString(3), Equipment = r.GetString(4),
                MaxFailure = r.GetString(5), MaxFailureWithSpotter = r.GetString(6), CnsDemand = r.GetString(7), PrimaryMuscles = r.GetString(8),
                Classified = r.GetBoolean(9),
            });
        }
        r.NextResult();
        while (r.Read())
            found[r.GetInt32(0)].Injuries.Add(new InjuryRow { AthleteId = r.GetInt32(0), Description = r.GetString(1), Since = Date(r, 2), ClearedOn = MaybeDate(r, 3) });
        r.NextResult();
        while (r.Read())
            found[r.GetInt32(0)].Events.Add(new TrainingEvent(Date(r, 1), r.GetString(2)));
        r.NextResult();
        while (r.Read())
            found[r.GetInt32(0)].Wellness.Add(new Wellness(Date(r, 1), Real(r, 2), Whole(r, 3), Whole(r, 4), Whole(r, 5), Whole(r, 6), Whole(r, 7), Whole(r, 8)));
        r.NextResult();
        var sessions = new Dictionary<long, SessionRow>();
        while (r.Read())
        {
            var s = ReadSession(r);
            sessions[s.Id] = s;
            found[s.AthleteId].Sessions.Add(s);
        }
        r.NextResult();
        while (r.Read())
        {
            var set = ReadScenarioSet(r);
            sessions[set.SessionId].Sets.Add(set);
        }
        r.NextResult();
        while (r.Read())
        {
            found[r.GetInt32(1)].ActivePlan = new PlanRow
            {
                Id = r.GetInt64(0), AthleteId = r.GetInt32(1), Start = Date(r, 2), Weeks = r.GetInt32(3), Days = r.GetString(4), TemplateJson = Text(r, 5),
                CreatedAt = r.GetDateTime(6), Active = r.GetBoolean(7),
            };
        }
        r.NextResult();
        while (r.Read())
        {
            if (r.GetInt32(2) == 0)
                found[r.GetInt32(0)].LastSession = MaybeDate(r, 1);
            else
                found[r.GetInt32(0)].LastCoachNote = MaybeDate(r, 1);
        }
        return found;
    }
}

/// <summary>A page of sessions: those after <see cref="After"/> (exclusive) through <see cref="Last"/> (inclusive), by date then id.</summary>
public sealed record SessionPage((DateOnly Date, long Id) After, (DateOnly Date, long Id) Last);
