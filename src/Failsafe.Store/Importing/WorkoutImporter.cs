using System.Runtime.CompilerServices;
using System.Security.Cryptography;
using System.Text;
using CsvHelper;
using Failsafe.Store.Training;
using System.Data.Common;
using Microsoft.EntityFrameworkCore;
using Microsoft.EntityFrameworkCore.Storage;

namespace Failsafe.Store.Importing;

/// <summary>
/// Imports a Strong or Hevy CSV export into the training log. The file is streamed (memory does not grow with its
/// size) and written in one transaction, so it imports whole or not at all; every error names the line and column.
/// Each workout is identified by source, start and name (<see cref="SessionRow.ImportKey"/>): workouts already in
/// the log are skipped, so importing the same file again adds nothing and a newer export adds only what is new.
/// Exercise names go through <see cref="ExerciseResolver"/>; a name the catalog does not know becomes a custom
/// exercise, which never goes to failure until the lifter classifies it.
/// </summary>
public static partial class WorkoutImporter
{
    /// <summary>The longest row read, in bytes: many times what the longest valid row takes (<see cref="LogLimits"/>).</summary>
    public const int MaxRowBytes = 64 * 1024;

    /// <summary>How often (in rows) progress is reported.</summary>
    private const int ProgressEvery = 8192;

    /// <summary>Imports the file at <paramref name="path"/>; see <see cref="Import(FailsafeDb, ExerciseCatalog, Stream, ImportOptions, Action{long}?)"/>.</summary>
    public static ImportSummary Import(FailsafeDb db, ExerciseCatalog catalog, string path, ImportOptions options, Action<long>? progress = null)
    {
        using var stream = new FileStream(path, FileMode.Open, FileAccess.Read, FileShare.Read, 1 << 16, FileOptions.SequentialScan);
        return Import(db, catalog, stream, options, progress);
    }

    /// <summary>
    /// Imports an export read from <paramref name="stream"/> (its separator is read from the first line, so a
    /// stream that cannot seek is buffered up to its first line break). <paramref name="progress"/> gets the bytes
    /// read so far, now and then. Throws <see cref="ImportException"/> for a file that cannot be imported, after
    /// rolling back everything it wrote.
    /// </summary>
    public static ImportSummary Import(FailsafeDb db, ExerciseCatalog catalog, Stream stream, ImportOptions options, Action<long>? progress = null)
    {
        ArgumentNullException.ThrowIfNull(db);
        ArgumentNullException.ThrowIfNull(catalog);
        ArgumentNullException.ThrowIfNull(stream);
        ArgumentNullException.ThrowIfNull(options);

        var (input, separator, firstLine) = PeekSeparator(stream);
        if (firstLine.StartsWith('{') && options.Source is null)
        {
            throw new ImportException(1, null,
                "this is a Failsafe backup (JSON, from `failsafe export json`), not an export from another app: restore it into an empty log with `failsafe import FILE`");
        }
        var resolver = new ExerciseResolver(catalog, db);
        if (firstLine.StartsWith("###", StringComparison.Ordinal))
        {
            if (options.Source is { } named && named != ImportSource.Jefit)
                throw new ImportException(1, null, $"not a {ImportApps.Display(named)} export: this is a JEFIT export (sections under ### banners): use --from jefit (or leave --from out)");
            var file = input.CanSeek ? input : Buffered(input);
            var sections = JefitExport.Scan(file);
            var jefit = new ImportRun(db, resolver, null!, JefitExport.Layout, options, false, progress);
            return Run(db, jefit, pipe => jefit.ExecuteJefit(pipe, file, sections), ImportSource.Jefit, file.Length / BytesPerSet);
        }
        if (options.Source == ImportSource.Jefit)
            throw new ImportException(1, null, "not a JEFIT export: a JEFIT export begins with a ### banner line (### SETTING ###…)");

        using var reader = Reader(input, separator);
        IReadOnlyList<string> header;
        try
        {
            header = reader.Headers;
        }
        catch (CsvFormatException ex)
        {
            throw new ImportException(Math.Max(ex.LineNumber, 1), null, $"malformed CSV: {ex.Message}", ex);
        }
        if (header.Count == 0 || header.All(string.IsNullOrWhiteSpace))
            throw new ImportException("the file is empty: an export has a header line and a line per set");
        var layout = ExportLayout.Detect(header, options.Source, options.Unit, separator);

        var run = new ImportRun(db, resolver, reader, layout, options, separator == ';', progress);
        return Run(db, run, run.Execute, layout.Source, stream.CanSeek ? stream.Length / BytesPerSet : 0);
    }

    /// <summary>A CSV reader of an export (or of one section of a JEFIT export).</summary>
    private static CsvReader Reader(Stream input, char separator) => CsvReader.Create(input, new CsvReaderOptions
    {
        Separator = separator,
        HasHeader = true,
        TrackLineNumbers = true,
        SkipEmptyLines = true,
        PoolStrings = true,
        MalformedData = CsvMalformedDataHandling.Throw,
        // No valid row comes near this (names of 200 characters, notes of 2,000): a longer one is refused before
        // it is read whole, so a 60,000,000-character "name" costs no more memory than a good row.
        MaxRecordSize = MaxRowBytes,
    }, leaveOpen: true);

    /// <summary>A stream that cannot seek, read into memory (a JEFIT export is read section by section, out of order).</summary>
    private static MemoryStream Buffered(Stream input)
    {
        var copy = new MemoryStream();
        input.CopyTo(copy);
        copy.Position = 0;
        return copy;
    }

    /// <summary>Runs an import in one transaction (or none, for a dry run): all of it is written, or nothing.</summary>
    private static ImportSummary Run(FailsafeDb db, ImportRun run, Func<ImportPipe?, ImportSummary> execute, ImportSource source, long estimatedSets)
    {
        db.Database.OpenConnection();
        try
        {
            var connection = db.Database.GetDbConnection();
            if (run.DryRun)
            {
                run.Prepare(connection);
                return execute(null);
            }

            using var transaction = db.Database.BeginTransaction();
            using var writer = ImportWriters.For(connection, Stored(source), db.AthleteId);
            ImportPipe? pipe = null;
            ImportSummary summary;
            Training.SetCap? account;
            (long Revision, long Held)? after;
            try
            {
                run.Prepare(connection);
                writer.Begin(estimatedSets);
                pipe = new ImportPipe(writer);
                summary = execute(pipe);
                pipe.Complete();
                writer.Finish(run.Created, summary.Sets > 0 || run.Created.Count > 0);
                // Finish raised the revision, which holds the profile row until the commit: counted now, no other
                // writer of this athlete can add a set between the count and the commit.
                account = summary.Sets > 0 ? run.Options.Account : null;
                after = account?.HeldAfter(connection, transaction.GetDbTransaction(), db.AthleteId, summary.Sets);
                if (account is not null && after is { Held: var held } && held > account.Most)
                    throw new ImportLimitException(0, null, new ImportCap(account.Most, account.Limit, account.Says(held - summary.Sets)), "another write filled the account meanwhile: ");
            }
            catch
            {
                pipe?.Abort();
                // The writer may hold a COPY open: it is cancelled before the connection can roll back.
                writer.Dispose();
                transaction.Rollback();
                throw;
            }
            finally
            {
                pipe?.Dispose();
            }
            // Outside the rollback above: a commit that fails (PostgreSQL's key, checked at the commit when deferred)
            // has ended the transaction itself, and its error is the one to report, not a second rollback's.
            transaction.Commit();
            if (account is not null && after is { } counted)
                account.Remember(db.AthleteId, counted.Revision, counted.Held);
            return summary;
        }
        finally
        {
            db.Database.CloseConnection();
        }
    }

    /// <summary>The fewest bytes a set takes in an export, to estimate from a file's size how many sets it has.</summary>
    private const long BytesPerSet = 64;

    private static HashSet<string> Strings(DbConnection connection, string sql, StringComparer comparer, int athlete)
    {
        using var command = Sql.Command(connection, sql, ("athlete", athlete));
        using var rows = command.ExecuteReader();
        var set = new HashSet<string>(comparer);
        while (rows.Read())
            set.Add(rows.GetString(0));
        return set;
    }

    /// <summary>The key that identifies an imported workout: source, start and name.</summary>
    public static string ImportKey(ImportSource source, DateTime start, string name)
    {
        var key = $"{Stored(source)}|{start:yyyy-MM-dd HH:mm:ss}|{name}";
        if (key.Length <= 200)
            return key;
        var hash = Convert.ToHexStringLower(SHA256.HashData(Encoding.UTF8.GetBytes(name)));
        return $"{Stored(source)}|{start:yyyy-MM-dd HH:mm:ss}|{name[..100]}|{hash}";
    }

    /// <summary>An app's word on the command line and in the API: strong, hevy, fitnotes, fitbod, jefit, liftosaur, stronglifts.</summary>
    public static string Word(ImportSource source) => ImportApps.Word(source);

    /// <summary>
    /// An app's word as sessions store it (<c>Source</c>, and the start of <see cref="ImportKey"/>): the word, but
    /// <c>stronglift</c> for StrongLifts, as the column holds at most 10 characters.
    /// </summary>
    public static string Stored(ImportSource source) => source == ImportSource.StrongLifts ? "stronglift" : Word(source);

    /// <summary>
    /// True when the stream holds JSON (its first character after a byte-order mark and white space opens an object):
    /// a Failsafe backup, not an export. Reads the stream's start; a seekable stream is put back where it was.
    /// </summary>
    public static bool IsJson(Stream stream)
    {
        ArgumentNullException.ThrowIfNull(stream);
        var start = stream.CanSeek ? stream.Position : 0;
        Span<byte> buffer = stackalloc byte[256];
        var n = stream.ReadAtLeast(buffer, buffer.Length, throwOnEndOfStream: false);
        if (stream.CanSeek)
            stream.Position = start;
        var text = buffer[..n];
        if (text.StartsWith((ReadOnlySpan<byte>)[0xEF, 0xBB, 0xBF]))
            text = text[3..];
        text = text.TrimStart(" \t\r\n"u8);
        return text.Length > 0 && text[0] == (byte)'{';
    }

    /// <summary>Reads the first line to choose the separator, and gives back a stream positioned at the start.</summary>
    private static (Stream Input, char Separator, string FirstLine) PeekSeparator(Stream stream)
    {
        var buffer = new byte[64 * 1024];
        var length = 0;
        int lineEnd;
        while (true)
        {
            lineEnd = buffer.AsSpan(0, length).IndexOfAny((byte)'\n', (byte)'\r');
            if (lineEnd >= 0 || length == buffer.Length)
                break;
            var n = stream.Read(buffer, length, buffer.Length - length);
            if (n == 0)
                break;
            length += n;
        }
        var line = buffer.AsSpan(0, lineEnd >= 0 ? lineEnd : length);
        var separator = ExportLayout.DetectSeparator(line);
        var first = Encoding.UTF8.GetString(line).TrimStart('\uFEFF').Trim();
        if (stream.CanSeek)
        {
            stream.Seek(-length, SeekOrigin.Current);
            return (stream, separator, first);
        }
        return (new PrefixedStream(buffer.AsMemory(0, length), stream), separator, first);
    }

    /// <summary>The state of one import as it streams through the file.</summary>
    private sealed partial class ImportRun(
        FailsafeDb db, ExerciseResolver resolver, CsvReader reader, ExportLayout layout, ImportOptions options, bool decimalComma,
        Action<long>? progress)
    {
        private int _fieldsNeeded = layout.FieldsNeeded;

        /// <summary>What the import was asked to do, with its caps.</summary>
        public ImportOptions Options => options;

        /// <summary>Lines of the file before the part the reader reads (a JEFIT section); 0 for a plain export.</summary>
        private long _lineOffset;

        /// <summary>The line of the file the reader is at.</summary>
        private long Line => _lineOffset + reader.LineNumber;

        public bool DryRun => options.DryRun;
        private readonly Dictionary<string, ImportedWorkout> _workouts = new(StringComparer.Ordinal);
        private readonly Dictionary<string, Resolved> _exercises = new(StringComparer.Ordinal);
        private readonly Dictionary<string, (string Name, int Sets, bool Created)> _unmatched = new(StringComparer.OrdinalIgnoreCase);
        private HashSet<string> _existing = [];
        private HashSet<string> _unclassified = [];
        private ImportPipe? _pipe;

        private string? _lastDateText;
        private DateTime _lastDate;
        private string? _lastWorkoutName;
        private ImportedWorkout? _current;

        private int _workoutCount;
        private long _sets;
        private int _duplicateWorkouts;
        private long _duplicateSets;
        private long _noReps;
        private long _otherRows;
        private int _created;
        private DateTime? _first;
        private DateTime? _last;

        /// <summary>A name as resolved: what the sets store, and the custom exercise's name when it is one to list.</summary>
        private sealed record Resolved(ImportedExercise Exercise, string? Custom);

        /// <summary>The custom exercises this import creates, for the writer to store.</summary>
        public List<CustomExerciseRow> Created { get; } = [];

        /// <summary>Reads what the log already has: its import keys and the unclassified custom exercises.</summary>
        public void Prepare(DbConnection connection)
        {
            // All of the athlete's keys, by the unique index (athlete, key); a key begins with its source, so the
            // other source's never match. (Not a range of this source's keys: PostgreSQL's collation may order '|'
            // and '}' otherwise than bytes do.)
            _existing = Strings(connection, "SELECT \"ImportKey\" FROM \"sessions\" WHERE \"AthleteId\" = @athlete AND \"ImportKey\" IS NOT NULL",
                StringComparer.Ordinal, db.AthleteId);
            _unclassified = Strings(connection, "SELECT \"Name\" FROM \"custom_exercises\" WHERE \"AthleteId\" = @athlete AND NOT \"Classified\"",
                StringComparer.OrdinalIgnoreCase, db.AthleteId);
        }

        // Compiled optimized at once, as the import's other hot loops (see ImportPipe.Write).
        [MethodImpl(MethodImplOptions.AggressiveOptimization)]
        public ImportSummary Execute(ImportPipe? pipe)
        {
            _pipe = pipe;

            long rows = 0;
            while (Next())
            {
                Row();
                if (++rows % ProgressEvery == 0)
                    progress?.Invoke(reader.ByteOffset);
            }
            progress?.Invoke(reader.ByteOffset);
            return Summary();
        }

        private ImportSummary Summary() =>
            new()
            {
                Source = layout.Source,
                Layout = layout.Layout,
                DryRun = options.DryRun,
                Workouts = _workoutCount,
                Sets = _sets,
                First = _first,
                Last = _last,
                DuplicateWorkouts = _duplicateWorkouts,
                DuplicateSets = _duplicateSets,
                SetsWithoutReps = _noReps,
                OtherRows = _otherRows,
                Unmatched = [.. _unmatched.Values.OrderBy(u => u.Name, StringComparer.OrdinalIgnoreCase).Select(u => new UnmatchedExercise(u.Name, u.Sets, u.Created))],
            };

        private bool Next()
        {
            try
            {
                return reader.Read();
            }
            catch (CsvFormatException ex) when (ex.Message.Contains(nameof(CsvReaderOptions.MaxRecordSize), StringComparison.Ordinal))
            {
                // The line that ran over: the reader counts a line once it has read it whole.
                throw new ImportException(_lineOffset + (ex.LineNumber > 0 ? ex.LineNumber : reader.LineNumber + 1), null, string.Create(CultureInfo.InvariantCulture,
                    $"the row is longer than {MaxRowBytes:N0} bytes, far more than any valid row (names of up to {LogLimits.MaxName} characters, notes of up to {LogLimits.MaxNotes:N0})"), ex);
            }
            catch (CsvFormatException ex)
            {
                throw new ImportException(_lineOffset + ex.LineNumber, null, $"malformed CSV: {ex.Message}", ex);
            }
        }

        private ImportException Error(int column, string problem) => new(Line, layout.Name(column), problem);

        /// <summary>
        /// Fields past the exercise name are this many places later: a FitNotes row whose name holds an unquoted comma
        /// has as many fields too many, found from the header's arity (0 for every other row).
        /// </summary>
        private int _shift;

        private int At(int column) => column > layout.Exercise ? column + _shift : column;

        private ReadOnlySpan<byte> Span(int column) => reader.GetSpan(At(column));

        private bool IsEmpty(int column) => FieldParser.Trim(Span(column)).IsEmpty;

        /// <summary>A text field; NUL (U+0000) is refused: PostgreSQL cannot store it, and it cuts text short on SQLite.</summary>
        private string Text(int column)
        {
            var text = reader.GetString(At(column));
            if (text.Contains('\0', StringComparison.Ordinal))
                throw Error(column, "holds the NUL character (U+0000), which cannot be stored; remove it");
            return text;
        }

        /// <summary>What a row's set kind field says it is.</summary>
        private enum Kind
        {
            Normal,
            Warmup,
            Drop,
            Failure,

            /// <summary>Not a set: Strong's rest-timer and note rows.</summary>
            Other,
        }

        private Kind SetKind()
        {
            if (layout.SetKind < 0)
                return Kind.Normal;
            var text = FieldParser.Trim(Span(layout.SetKind));
            switch (layout.Kinds)
            {
                case KindStyle.StrongOrder:
                    if (text.Length > 0 && text.IndexOfAnyExceptInRange((byte)'0', (byte)'9') < 0)
                        return Kind.Normal; // a working set: 1, 2, 3…
                    if (FieldParser.Is(text, "W") || FieldParser.Is(text, "WARM_UP") || FieldParser.Is(text, "WARMUP"))
                        return Kind.Warmup;
                    if (FieldParser.Is(text, "D") || FieldParser.Is(text, "DROP_SET") || FieldParser.Is(text, "DROPSET") || FieldParser.Is(text, "DROP"))
                        return Kind.Drop;
                    if (FieldParser.Is(text, "F") || FieldParser.Is(text, "FAILURE"))
                        return Kind.Failure;
                    if (FieldParser.Is(text, "Rest Timer") || FieldParser.Is(text, "REST_TIMER") || FieldParser.Is(text, "Note") || FieldParser.Is(text, "Notes"))
                        return Kind.Other;
                    if (text.Length == 0)
                        throw Error(layout.SetKind, "empty: expected a set number, W or WARM_UP (warm-up), D or DROP_SET (drop set), F or FAILURE (failure)");
                    throw Error(layout.SetKind, $"'{FieldParser.Show(text)}' is not a set number, W or WARM_UP (warm-up), D or DROP_SET (drop set), F or FAILURE (failure)");
                case KindStyle.HevyType:
                    // An empty set type is a normal set (a file re-saved by a spreadsheet, or an older export).
                    if (text.Length == 0 || FieldParser.Is(text, "normal"))
                        return Kind.Normal;
                    if (FieldParser.Is(text, "warmup"))
                        return Kind.Warmup;
                    if (FieldParser.Is(text, "dropset"))
                        return Kind.Drop;
                    if (FieldParser.Is(text, "failure"))
                        return Kind.Failure;
                    throw Error(layout.SetKind, $"'{FieldParser.Show(text)}' is not a set type (normal, warmup, dropset or failure)");
                case KindStyle.JefitType:
                    if (text.Length == 0 || FieldParser.Is(text, "default") || FieldParser.Is(text, "normal"))
                        return Kind.Normal;
                    if (FieldParser.Is(text, "warm-up") || FieldParser.Is(text, "warmup") || FieldParser.Is(text, "warm up"))
                        return Kind.Warmup;
                    if (FieldParser.Is(text, "drop") || FieldParser.Is(text, "dropset") || FieldParser.Is(text, "drop set"))
                        return Kind.Drop;
                    if (FieldParser.Is(text, "failure"))
                        return Kind.Failure;
                    throw Error(layout.SetKind, $"'{FieldParser.Show(text)}' is not a set type (default, warm-up, drop or failure)");
                default:
                    if (text.Length == 0 || FieldParser.Is(text, "false") || FieldParser.Is(text, "0") || FieldParser.Is(text, "no"))
                        return Kind.Normal;
                    if (FieldParser.Is(text, "true") || FieldParser.Is(text, "1") || FieldParser.Is(text, "yes"))
                        return Kind.Warmup;
                    throw Error(layout.SetKind, $"'{FieldParser.Show(text)}' is not a warm-up flag (true or false, 1 or 0)");
            }
        }

        // Compiled optimized at once, as the import's other hot loops (see ImportPipe.Write).
        [MethodImpl(MethodImplOptions.AggressiveOptimization)]
        private void Row()
        {
            _shift = 0;
            if (reader.FieldCount != layout.Names.Count && layout.JoinsSplitNames && reader.FieldCount > layout.Names.Count)
                _shift = reader.FieldCount - layout.Names.Count;
            else if (reader.FieldCount < _fieldsNeeded)
            {
                throw new ImportException(Line, null,
                    $"has {reader.FieldCount} field{(reader.FieldCount == 1 ? "" : "s")}, but the header has {layout.Names.Count} (separated by '{reader.Separator}')");
            }

            var kind = SetKind();
            if (kind == Kind.Other)
            {
                _otherRows++;
                return;
            }
            if (layout.Category >= 0 && FieldParser.Is(FieldParser.Trim(Span(layout.Category)), "Cardio"))
            {
                _noReps++;
                return;
            }
            if (layout.CompletedOnly && IsEmpty(layout.Reps))
            {
                _otherRows++;
                return;
            }

            var workout = CurrentWorkout();
            var exercise = ExerciseName();
            var rpe = Rpe();
            var notes = Notes();

            if (layout.Pairs.Count > 0)
            {
                foreach (var (repsColumn, weightColumn) in layout.Pairs)
                {
                    if (IsEmpty(repsColumn) && IsEmpty(weightColumn))
                        continue;
                    var w = Weight(weightColumn);
                    Add(workout, exercise, w, Unit(w, weightColumn), Reps(repsColumn), rpe, kind, notes);
                }
                return;
            }

            var weight = Weight(layout.Weight);
            var unit = Unit(weight, layout.Weight);
            var reps = Reps(layout.Reps);
            var count = 1;
            if (layout.SetCount >= 0)
            {
                var text = Span(layout.SetCount);
                if (!FieldParser.TryWhole(text, decimalComma, out count) || count < 1)
                    throw Error(layout.SetCount, $"'{FieldParser.Show(text)}' is not a number of sets (1 or more)");
                if (LogLimits.Reps(count) is { } many)
                    throw Error(layout.SetCount, many);
            }
            for (var i = 0; i < count; i++)
                Add(workout, exercise, weight, unit, reps, rpe, kind, notes);
        }

        private string ExerciseName()
        {
            var exercise = Text(layout.Exercise);
            for (var i = 1; i <= _shift; i++)
                exercise += "," + reader.GetString(layout.Exercise + i);
            exercise = exercise.Trim();
            if (exercise.Length == 0)
                throw Error(layout.Exercise, "empty: every set names its exercise");
            if (LogLimits.Name(exercise) is { } longName)
                throw Error(layout.Exercise, longName);
            return exercise;
        }

        private double Weight(int column)
        {
            var text = Span(column);
            double weight = 0;
            if (!FieldParser.Trim(text).IsEmpty)
            {
                if (!FieldParser.TryNumber(text, decimalComma, out weight))
                    throw Error(column, $"'{FieldParser.Show(text)}' is not a number");
                if (weight < 0)
                    throw Error(column, $"'{FieldParser.Show(text)}' is negative; a weight is 0 or more");
                if (LogLimits.Weight(weight) is { } heavy)
                    throw Error(column, heavy);
            }
            return weight;
        }

        private int Reps(int column)
        {
            var text = Span(column);
            var reps = 0;
            if (!FieldParser.Trim(text).IsEmpty)
            {
                if (!FieldParser.TryWhole(text, decimalComma, out reps))
                    throw Error(column, $"'{FieldParser.Show(text)}' is not a whole number");
                if (reps < 0)
                    throw Error(column, $"'{FieldParser.Show(text)}' is negative");
                if (LogLimits.Reps(reps) is { } many)
                    throw Error(column, many);
            }
            return reps;
        }

        private double? Rpe()
        {
            if (layout.Rpe < 0)
                return null;
            var text = Span(layout.Rpe);
            if (FieldParser.Trim(text).IsEmpty)
                return null;
            if (!FieldParser.TryNumber(text, decimalComma, out var r))
                throw Error(layout.Rpe, $"'{FieldParser.Show(text)}' is not a number");
            if (r is < 0 or > 10)
                throw Error(layout.Rpe, $"'{FieldParser.Show(text)}' is not an RPE (1 to 10)");
            return r > 0 ? r : null; // 0 is how some exports leave RPE out
        }

        private string? Notes()
        {
            if (layout.Notes < 0 || reader.IsEmpty(At(layout.Notes)))
                return null;
            var notes = Text(layout.Notes).Trim();
            if (notes.Length == 0)
                return null;
            if (LogLimits.Notes(notes) is { } longNotes)
                throw Error(layout.Notes, longNotes);
            return notes;
        }

        /// <summary>One set, checked and counted, and handed to the writer unless its workout is already in the log.</summary>
        private void Add(ImportedWorkout workout, string exercise, double weight, WeightUnit unit, int reps, double? rpe, Kind kind, string? notes)
        {
            var failure = kind == Kind.Failure;
            if (reps == 0 && !(failure && weight > 0))
            {
                // A timed or distance set (plank, rowing): nothing the log can use as a strength set. (A loaded
                // failure set of 0 reps is a missed rep, which the coach does use.)
                _noReps++;
                return;
            }
            if (workout.Duplicate)
            {
                _duplicateSets++;
                return;
            }

            var resolved = Resolve(exercise);
            if (resolved.Custom is { } custom)
            {
                var u = _unmatched[custom];
                _unmatched[custom] = u with { Sets = u.Sets + 1 };
            }

            if (workout.Sets == 0)
                StartSession(workout);
            workout.Sets++;
            if (LogLimits.Sets(workout.Sets) is { } many)
                throw Error(layout.Workout >= 0 ? layout.Workout : layout.Date, $"workout '{workout.Name}' of {workout.Start.ToString("yyyy-MM-dd", CultureInfo.InvariantCulture)} has {many}");
            if (++_sets > options.MostSets?.Most)
                throw new ImportLimitException(Line, null, options.MostSets);
            if (_pipe is null)
                return;
            var pounds = unit == WeightUnit.Lb;
            var set = new ImportedSet(
                workout.Sets, resolved.Exercise, pounds ? weight * Load.KgPerLb : weight, pounds, weight, reps,
                failure ? 0 : rpe is { } p ? 10 - p : null, rpe, failure, kind == Kind.Warmup, kind == Kind.Drop, notes);
            _pipe.Add(workout, set);
        }

        private WeightUnit Unit(double weight, int weightColumn)
        {
            if (layout.HeaderUnit is { } headerUnit)
                return headerUnit;
            if (layout.UnitColumn >= 0)
            {
                var text = FieldParser.Trim(Span(layout.UnitColumn));
                if (FieldParser.Is(text, "kg") || FieldParser.Is(text, "kgs"))
                    return WeightUnit.Kg;
                if (FieldParser.Is(text, "lbs") || FieldParser.Is(text, "lb"))
                    return WeightUnit.Lb;
                if (text.Length > 0)
                    throw Error(layout.UnitColumn, $"'{FieldParser.Show(text)}' is not a weight unit (kg or lbs)");
            }
            if (options.Unit is { } given)
                return given;
            if (weight == 0)
                return WeightUnit.Kg;
            throw Error(layout.UnitColumn >= 0 ? layout.UnitColumn : weightColumn, "no unit for this weight: pass --unit kg or --unit lb");
        }

        /// <summary>The workout of the current row; rows of one workout are usually together, so the last one is checked first.</summary>
        private ImportedWorkout CurrentWorkout()
        {
            var dateText = reader.GetString(At(layout.Date));
            if (layout.Time >= 0)
                dateText = $"{dateText} {reader.GetString(At(layout.Time))}";
            var name = layout.Workout >= 0 ? Text(layout.Workout) : layout.WorkoutName!;
            if (name.Trim().Length == 0 && layout.WorkoutName is { } fallback)
                name = fallback;
            return Workout(dateText, name);
        }

        /// <summary>The workout of a date (as written) and a name; the last one is checked first.</summary>
        private ImportedWorkout Workout(string dateText, string name)
        {
            if (_current is not null && string.Equals(dateText, _lastDateText, StringComparison.Ordinal) && string.Equals(name, _lastWorkoutName, StringComparison.Ordinal))
                return _current;

            if (!string.Equals(dateText, _lastDateText, StringComparison.Ordinal))
            {
                if (string.IsNullOrWhiteSpace(dateText))
                    throw Error(layout.Date, "empty: every set has its workout's date and time");
                if (!FieldParser.TryDate(layout.Dates, dateText, out var date))
                    throw Error(layout.Date, $"'{FieldParser.Show(Encoding.UTF8.GetBytes(dateText))}' is not a date and time like {FieldParser.Example(layout.Dates)}");
                if (LogLimits.Day(DateOnly.FromDateTime(date)) is { } outOfRange)
                    throw Error(layout.Date, outOfRange);
                _lastDateText = dateText;
                _lastDate = date;
            }
            var trimmed = name.Trim();
            if (layout.Workout >= 0 && LogLimits.Name(trimmed) is { } longName)
                throw Error(layout.Workout, longName);
            _lastWorkoutName = name;
            // Apps without workouts (FitNotes, Fitbod) write a time per set, or none: a workout is a day's sets, keyed
            // by the day and started at its first set.
            var keyTime = layout.WorkoutName is not null && layout.Workout < 0 ? _lastDate.Date : _lastDate;
            var key = ImportKey(layout.Source, keyTime, trimmed);
            if (!_workouts.TryGetValue(key, out var workout))
            {
                var duplicate = _existing.Contains(key);
                workout = new ImportedWorkout(key, _lastDate, trimmed) { Duplicate = duplicate };
                _workouts.Add(key, workout);
                if (duplicate)
                    _duplicateWorkouts++;
            }
            _current = workout;
            return workout;
        }

        private void StartSession(ImportedWorkout workout)
        {
            _workoutCount++;
            if (_first is null || workout.Start < _first)
                _first = workout.Start;
            if (_last is null || workout.Start > _last)
                _last = workout.Start;
            if (layout.WorkoutNotes >= 0 && !reader.IsEmpty(At(layout.WorkoutNotes)))
            {
                workout.Notes = Text(layout.WorkoutNotes).Trim() is { Length: > 0 } n ? n : null;
                if (LogLimits.Notes(workout.Notes) is { } longNotes)
                    throw Error(layout.WorkoutNotes, longNotes);
            }
        }

        /// <summary>The stored exercise id of a name, and the custom exercise's name when the catalog does not know it.</summary>
        private Resolved Resolve(string name)
        {
            if (_exercises.TryGetValue(name, out var known))
                return known;
            // Known or not, without the search for suggestions an unknown name costs (no one reads them here).
            var (id, exercise) = resolver.Find(name);
            string? custom = null;
            if (id is not null && exercise is not null && id.StartsWith("custom:", StringComparison.Ordinal))
            {
                // A custom exercise from an earlier import or typed by the lifter: listed while it is unclassified.
                if (_unclassified.Contains(exercise.Name))
                {
                    custom = exercise.Name;
                    _unmatched.TryAdd(custom, (custom, 0, false));
                }
            }
            else if (id is null || exercise is null)
            {
                if (_created >= options.MostNewExercises?.Most)
                {
                    throw new ImportLimitException(Line, layout.Name(layout.Exercise), options.MostNewExercises,
                        $"'{name}' would be a {Ordinal(_created + 1)} new custom exercise; ");
                }
                _created++;
                if (options.DryRun)
                {
                    id = $"custom:{name}";
                    custom = name;
                }
                else
                {
                    var (customId, _, row) = resolver.AddCustom(name);
                    Created.Add(row);
                    (id, custom) = (customId, row.Name);
                }
                _unmatched.TryAdd(custom, (custom, 0, true));
            }
            var result = new Resolved(new ImportedExercise(id, name), custom);
            _exercises[name] = result;
            return result;
        }
    }

    /// <summary>1st, 2nd, 3rd, 4th… 11th, 12th, 13th, 21st.</summary>
    private static string Ordinal(int n) =>
        $"{n}{(n % 100 is 11 or 12 or 13 ? "th" : (n % 10) switch { 1 => "st", 2 => "nd", 3 => "rd", _ => "th" })}";

    /// <summary>A stream that replays bytes already read from a stream that cannot seek, then continues with it.</summary>
    private sealed class PrefixedStream(ReadOnlyMemory<byte> prefix, Stream rest) : ReadOnlyStream
    {
        private ReadOnlyMemory<byte> _prefix = prefix;

        public override int Read(Span<byte> buffer)
        {
            if (_prefix.IsEmpty)
                return rest.Read(buffer);
            var n = Math.Min(buffer.Length, _prefix.Length);
            _prefix.Span[..n].CopyTo(buffer);
            _prefix = _prefix[n..];
            return n;
        }
    }
}
