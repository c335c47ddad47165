using System.Collections.Concurrent;
using System.Data.Common;
using Microsoft.EntityFrameworkCore;

namespace Failsafe.Store.Training;

/// <summary>
/// The most sets an account's log may hold, for every writer that adds sets: the API's <c>POST /api/sets</c>, the
/// command line's <c>log</c> and imports. Counting an athlete's sets costs time in proportion to them (25–145 ms for
/// 300,000 on PostgreSQL), too much for every logged set, so the count is kept per athlete with the log revision it
/// was taken at (<see cref="Data.ProfileRow.Revision"/>, which every writer raises): a set written right after the
/// last one this process wrote or counted adds one to it; after anything else (an import, a delete, another server)
/// the log is counted again. The check is made while the writer holds the athlete's profile row (the revision's
/// update), so two writers cannot both take the last place.
/// </summary>
/// <param name="most">The most sets a log may hold.</param>
/// <param name="limit">The limit's name in the refusal: the server's setting, or the command line's words.</param>
public sealed class SetCap(long most, string limit)
{
    /// <summary>The default: twenty years of daily training is under 300,000 sets; beyond this an export or a report is a load a server shares with everyone.</summary>
    public const long DefaultMost = 2_000_000;

    /// <summary>The command line's cap (its log is the lifter's own file, but the same limit keeps it importable to a server).</summary>
    public static SetCap Default { get; } = new(DefaultMost, "the limit of every log");

    public long Most { get; } = most;

    public string Limit { get; } = limit;

    private readonly ConcurrentDictionary<int, (long Revision, long Held)> _counted = new();

    /// <summary>How many sets the athlete's log holds (counted up to <c>@bound</c>) and the revision that count is of, in one statement.</summary>
    private const string Count =
        "SELECT p.\"Revision\", (SELECT COUNT(*) FROM (SELECT 1 FROM \"sets\" s WHERE s.\"AthleteId\" = @athlete LIMIT @bound) c) " +
        "FROM \"profiles\" p WHERE p.\"Id\" = @athlete";

    /// <summary>The cap in words, for a log holding <paramref name="held"/> sets.</summary>
    public string Says(long held) =>
        string.Create(CultureInfo.InvariantCulture, $"an account may hold at most {Most:N0} sets ({Limit}) and this one holds {held:N0}");

    /// <summary>The last count this process took or kept of the athlete's sets, and the revision it is of.</summary>
    internal (long Revision, long Held)? Known(int athlete) => _counted.TryGetValue(athlete, out var c) ? c : null;

    /// <summary>Remembers that the athlete's log holds <paramref name="held"/> sets at <paramref name="revision"/>.</summary>
    internal void Remember(int athlete, long revision, long held) => _counted[athlete] = (revision, held);

    /// <summary>
    /// Counts the athlete's sets on <paramref name="connection"/>, in <paramref name="transaction"/>: (the revision,
    /// the sets held). A log over the cap counts as <see cref="Most"/> + <paramref name="over"/> + 1 at most.
    /// </summary>
    internal async Task<(long Revision, long Held)> CountAsync(DbConnection connection, DbTransaction? transaction, int athlete, CancellationToken cancel, long over = 0)
    {
        await using var command = Data.Sql.Command(connection, Count, ("@athlete", athlete), ("@bound", Most + over + 1));
        command.Transaction = transaction;
        await using var reader = await command.ExecuteReaderAsync(cancel);
        if (!await reader.ReadAsync(cancel))
            return (0, 0);
        return (reader.GetInt64(0), reader.GetInt64(1));
    }

    /// <summary>
    /// How many sets the athlete of <paramref name="db"/> holds, counted now and remembered with the revision the count
    /// is of, so a write that follows can be checked without counting again. The count is exact, even past
    /// <see cref="Most"/> (a cap lowered in the settings), as the refusal names it.
    /// </summary>
    public async Task<long> CountAsync(Data.FailsafeDb db, CancellationToken cancel)
    {
        ArgumentNullException.ThrowIfNull(db);
        await db.Database.OpenConnectionAsync(cancel);
        try
        {
            var (revision, held) = await CountAsync(db.Database.GetDbConnection(), null, db.AthleteId, cancel, over: long.MaxValue - Most - 1);
            Remember(db.AthleteId, revision, held);
            return held;
        }
        finally
        {
            await db.Database.CloseConnectionAsync();
        }
    }

    private const string Revision = "SELECT \"Revision\" FROM \"profiles\" WHERE \"Id\" = @athlete";

    /// <summary>
    /// The sets held, and the revision, for the importer's synchronous transaction, which added <paramref name="added"/>
    /// sets and then raised the revision (holding the profile row until its commit). When the revision is one past the
    /// count this process keeps (<see cref="Known"/>: the import's endpoint counts before the import begins), nothing else
    /// was written between: the count is that one plus <paramref name="added"/>, without counting a log of a million
    /// sets again (0.13 s on PostgreSQL, on the import's critical path). Otherwise the log is counted.
    /// </summary>
    internal (long Revision, long Held) HeldAfter(DbConnection connection, DbTransaction? transaction, int athlete, long added)
    {
        if (Known(athlete) is { } known)
        {
            using var command = Data.Sql.Command(connection, Revision, ("@athlete", athlete));
            command.Transaction = transaction;
            if (command.ExecuteScalar() is long revision && revision == known.Revision + 1)
                return (revision, known.Held + added);
        }
        return CountAsync(connection, transaction, athlete, CancellationToken.None, added).GetAwaiter().GetResult();
    }
}

/// <summary>The write would take an account over <see cref="SetCap.Most"/>: nothing of it was stored.</summary>
public sealed class SetCapException : Exception
{
    public SetCapException() { }

    public SetCapException(string message) : base(message) { }

    public SetCapException(string message, Exception inner) : base(message, inner) { }

    public SetCapException(SetCap cap, long held) : base($"{cap?.Says(held)}; nothing was stored")
    {
        ArgumentNullException.ThrowIfNull(cap);
        Limit = cap.Limit;
        Held = held;
    }

    /// <summary>The limit's name.</summary>
    public string? Limit { get; }

    /// <summary>The sets the log held.</summary>
    public long Held { get; }
}

/// <summary>The day's session already holds <see cref="LogLimits.MaxSetsPerSession"/> sets: nothing of the write was stored.</summary>
public sealed class SessionFullException : Exception
{
    public SessionFullException() { }

    public SessionFullException(string message) : base(message) { }

    public SessionFullException(string message, Exception inner) : base(message, inner) { }

    public SessionFullException(DateOnly day, long held)
        : base(string.Create(CultureInfo.InvariantCulture,
            $"the session of {day:yyyy-MM-dd} holds {held:N0} sets and a session holds at most {LogLimits.MaxSetsPerSession}; nothing was stored"))
    {
    }
}
