using System.Globalization;
using System.Security.Cryptography;
using System.Text;
using CsvHelper;
using Failsafe.Catalog;
using Failsafe.Effort;
using Failsafe.Store.Data;
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
public static class WorkoutImporter
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

        var (input, separator) = PeekSeparator(stream);
        using var reader = CsvReader.Create(input, new CsvReaderOptions
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
        var layout = ExportLayout.For(options.Source, header, options.Unit);

        var resolver = new ExerciseResolver(catalog, db);
        var run = new ImportRun(db, resolver, reader, layout, options, separator == ';', progress);
        db.Database.OpenConnection();
        try
        {
            var connection = db.Database.GetDbConnection();
            if (options.DryRun)
            {
                run.Prepare(connection);
                return run.Execute(null);
            }

            using var transaction = db.Database.BeginTransaction();
            using var writer = ImportWriters.For(connection, Word(options.Source), db.AthleteId);
            ImportPipe? pipe = null;
            try
            {
                run.Prepare(connection);
                writer.Begin(stream.CanSeek ? stream.Length / BytesPerSet : 0);
                pipe = new ImportPipe(writer);
                var summary = run.Execute(pipe);
                pipe.Complete();
                writer.Finish(run.Created, summary.Sets > 0 || run.Created.Count > 0);
                // Finish raised the revision, which holds the profile row until the commit: counted now, no other
                // writer of this athlete can add a set between the count and the commit.
                if (summary.Sets > 0 && options.Account is { } account
                    && account.Held(connection, transaction.GetDbTransaction(), db.AthleteId, summary.Sets) is var held && held > account.Most)
                    throw new ImportLimitException(0, null, new ImportCap(account.Most, account.Limit, account.Says(held - summary.Sets)), "another write filled the account meanwhile: ");
                transaction.Commit();
                return summary;
            }
            catch
            {
                pipe?.Abort();
                transaction.Rollback();
                throw;
            }
            finally
            {
                pipe?.Dispose();
            }
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
        var key = $"{Word(source)}|{start:yyyy-MM-dd HH:mm:ss}|{name}";
        if (key.Length <= 200)
            return key;
        var hash = Convert.ToHexStringLower(SHA256.HashData(Encoding.UTF8.GetBytes(name)));
        return $"{Word(source)}|{start:yyyy-MM-dd HH:mm:ss}|{name[..100]}|{hash}";
    }

    public static string Word(ImportSource source) => source == ImportSource.Strong ? "strong" : "hevy";

    /// <summary>Reads the first line to choose the separator, and gives back a stream positioned at the start.</summary>
    private static (Stream Input, char Separator) PeekSeparator(Stream stream)
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
        var separator = ExportLayout.DetectSeparator(buffer.AsSpan(0, lineEnd >= 0 ? lineEnd : length));
        if (stream.CanSeek)
        {
            stream.Seek(-length, SeekOrigin.Current);
            return (stream, separator);
        }
        return (new PrefixedStream(buffer.AsMemory(0, length), stream), separator);
    }

    /// <summary>The state of one import as it streams through the file.</summary>
    private sealed class ImportRun(
        FailsafeDb db, ExerciseResolver resolver, CsvReader reader, ExportLayout layout, ImportOptions options, bool decimalComma,
        Action<long>? progress)
    {
        private readonly int _fieldsNeeded = layout.FieldsNeeded;
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

            return new ImportSummary
            {
                Source = layout.Source,
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
        }

        private bool Next()
        {
            try
            {
                return reader.Read();
            }
            catch (CsvFormatException ex) when (ex.Message.Contains(nameof(CsvReaderOptions.MaxRecordSize), StringComparison.Ordinal))
            {
                // The line that ran over: the reader counts a line once it has read it whole.
                throw new ImportException(ex.LineNumber > 0 ? ex.LineNumber : reader.LineNumber + 1, null, string.Create(CultureInfo.InvariantCulture,
                    $"the row is longer than {MaxRowBytes:N0} bytes, far more than any valid row (names of up to {LogLimits.MaxName} characters, notes of up to {LogLimits.MaxNotes:N0})"), ex);
            }
            catch (CsvFormatException ex)
            {
                throw new ImportException(ex.LineNumber, null, $"malformed CSV: {ex.Message}", ex);
            }
        }

        private ImportException Error(int column, string problem) => new(reader.LineNumber, layout.Name(column), problem);

        /// <summary>A text field; NUL (U+0000) is refused: PostgreSQL cannot store it, and it cuts text short on SQLite.</summary>
        private string Text(int column)
        {
            var text = reader.GetString(column);
            if (text.Contains('\0', StringComparison.Ordinal))
                throw Error(column, "holds the NUL character (U+0000), which cannot be stored; remove it");
            return text;
        }

        private void Row()
        {
            if (reader.FieldCount < _fieldsNeeded)
            {
                throw new ImportException(reader.LineNumber, null,
                    $"has {reader.FieldCount} field{(reader.FieldCount == 1 ? "" : "s")}, but the header has {layout.Names.Count} (separated by '{reader.Separator}')");
            }

            // What kind of row: a set (normal, warm-up, drop, failure), or something else that Strong writes.
            var kindText = FieldParser.Trim(reader.GetSpan(layout.SetKind));
            bool warmup = false, drop = false, failure = false;
            if (layout.Source == ImportSource.Strong)
            {
                if (kindText.Length > 0 && kindText.IndexOfAnyExceptInRange((byte)'0', (byte)'9') < 0)
                {
                    // a working set: 1, 2, 3…
                }
                else if (FieldParser.Is(kindText, "W"))
                    warmup = true;
                else if (FieldParser.Is(kindText, "D"))
                    drop = true;
                else if (FieldParser.Is(kindText, "F"))
                    failure = true;
                else if (FieldParser.Is(kindText, "Rest Timer") || FieldParser.Is(kindText, "Note") || FieldParser.Is(kindText, "Notes"))
                {
                    _otherRows++;
                    return;
                }
                else if (kindText.Length == 0)
                    throw Error(layout.SetKind, "empty: expected a set number, W (warm-up), D (drop set) or F (failure)");
                else
                    throw Error(layout.SetKind, $"'{FieldParser.Show(kindText)}' is not a set number, W (warm-up), D (drop set) or F (failure)");
            }
            else
            {
                if (FieldParser.Is(kindText, "normal"))
                {
                    // a working set
                }
                else if (FieldParser.Is(kindText, "warmup"))
                    warmup = true;
                else if (FieldParser.Is(kindText, "dropset"))
                    drop = true;
                else if (FieldParser.Is(kindText, "failure"))
                    failure = true;
                else
                    throw Error(layout.SetKind, $"'{FieldParser.Show(kindText)}' is not a set type (normal, warmup, dropset or failure)");
            }

            var workout = CurrentWorkout();

            var exercise = Text(layout.Exercise).Trim();
            if (exercise.Length == 0)
                throw Error(layout.Exercise, "empty: every set names its exercise");
            if (LogLimits.Name(exercise) is { } longName)
                throw Error(layout.Exercise, longName);

            var weightText = reader.GetSpan(layout.Weight);
            double weight = 0;
            if (!FieldParser.Trim(weightText).IsEmpty)
            {
                if (!FieldParser.TryNumber(weightText, decimalComma, out weight))
                    throw Error(layout.Weight, $"'{FieldParser.Show(weightText)}' is not a number");
                if (weight < 0)
                    throw Error(layout.Weight, $"'{FieldParser.Show(weightText)}' is negative; a weight is 0 or more");
                if (LogLimits.Weight(weight) is { } heavy)
                    throw Error(layout.Weight, heavy);
            }
            var unit = Unit(weight);

            var repsText = reader.GetSpan(layout.Reps);
            var reps = 0;
            if (!FieldParser.Trim(repsText).IsEmpty)
            {
                if (!FieldParser.TryWhole(repsText, decimalComma, out reps))
                    throw Error(layout.Reps, $"'{FieldParser.Show(repsText)}' is not a whole number");
                if (reps < 0)
                    throw Error(layout.Reps, $"'{FieldParser.Show(repsText)}' is negative");
                if (LogLimits.Reps(reps) is { } many)
                    throw Error(layout.Reps, many);
            }

            double? rpe = null;
            if (layout.Rpe >= 0)
            {
                var rpeText = reader.GetSpan(layout.Rpe);
                if (!FieldParser.Trim(rpeText).IsEmpty)
                {
                    if (!FieldParser.TryNumber(rpeText, decimalComma, out var r))
                        throw Error(layout.Rpe, $"'{FieldParser.Show(rpeText)}' is not a number");
                    if (r is < 0 or > 10)
                        throw Error(layout.Rpe, $"'{FieldParser.Show(rpeText)}' is not an RPE (1 to 10)");
                    if (r > 0) // 0 is how some exports leave RPE out
                        rpe = r;
                }
            }

            string? notes = null;
            if (layout.Notes >= 0 && !reader.IsEmpty(layout.Notes))
            {
                notes = Text(layout.Notes).Trim();
                if (notes.Length == 0)
                    notes = null;
                if (LogLimits.Notes(notes) is { } longNotes)
                    throw Error(layout.Notes, longNotes);
            }

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
            if (++_sets > options.MostSets?.Most)
                throw new ImportLimitException(reader.LineNumber, null, options.MostSets);
            if (_pipe is null)
                return;
            var pounds = unit == WeightUnit.Lb;
            var set = new ImportedSet(
                workout.Sets, resolved.Exercise, pounds ? weight * Load.KgPerLb : weight, pounds, weight, reps,
                failure ? 0 : rpe is { } p ? 10 - p : null, rpe, failure, warmup, drop, notes);
            _pipe.Add(workout, set);
        }

        private WeightUnit Unit(double weight)
        {
            if (layout.HeaderUnit is { } headerUnit)
                return headerUnit;
            if (layout.UnitColumn >= 0)
            {
                var text = FieldParser.Trim(reader.GetSpan(layout.UnitColumn));
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
            throw Error(layout.UnitColumn >= 0 ? layout.UnitColumn : layout.Weight, "no unit for this weight: pass --unit kg or --unit lb");
        }

        /// <summary>The workout of the current row; rows of one workout are usually together, so the last one is checked first.</summary>
        private ImportedWorkout CurrentWorkout()
        {
            var dateText = reader.GetString(layout.Date);
            var name = Text(layout.Workout);
            if (_current is not null && string.Equals(dateText, _lastDateText, StringComparison.Ordinal) && string.Equals(name, _lastWorkoutName, StringComparison.Ordinal))
                return _current;

            if (!string.Equals(dateText, _lastDateText, StringComparison.Ordinal))
            {
                if (string.IsNullOrWhiteSpace(dateText))
                    throw Error(layout.Date, "empty: every set has its workout's date and time");
                if (!FieldParser.TryDate(layout.Source, dateText, out var date))
                {
                    var expected = layout.Source == ImportSource.Strong ? "2024-03-05 18:30:00" : "5 Dec 2025, 11:37";
                    throw Error(layout.Date, $"'{FieldParser.Show(Encoding.UTF8.GetBytes(dateText))}' is not a date and time like {expected}");
                }
                if (LogLimits.Day(DateOnly.FromDateTime(date)) is { } outOfRange)
                    throw Error(layout.Date, outOfRange);
                _lastDateText = dateText;
                _lastDate = date;
            }
            var trimmed = name.Trim();
            if (LogLimits.Name(trimmed) is { } longName)
                throw Error(layout.Workout, longName);
            _lastWorkoutName = name;
            var key = ImportKey(layout.Source, _lastDate, trimmed);
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
            if (layout.WorkoutNotes >= 0 && !reader.IsEmpty(layout.WorkoutNotes))
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
                    throw new ImportLimitException(reader.LineNumber, layout.Name(layout.Exercise), options.MostNewExercises,
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
    private sealed class PrefixedStream(ReadOnlyMemory<byte> prefix, Stream rest) : Stream
    {
        private ReadOnlyMemory<byte> _prefix = prefix;

        public override bool CanRead => true;
        public override bool CanSeek => false;
        public override bool CanWrite => false;
        public override long Length => throw new NotSupportedException();
        public override long Position { get => throw new NotSupportedException(); set => throw new NotSupportedException(); }
        public override void Flush() { }
        public override long Seek(long offset, SeekOrigin origin) => throw new NotSupportedException();
        public override void SetLength(long value) => throw new NotSupportedException();
        public override void Write(byte[] buffer, int offset, int count) => throw new NotSupportedException();

        public override int Read(byte[] buffer, int offset, int count) => Read(buffer.AsSpan(offset, count));

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
