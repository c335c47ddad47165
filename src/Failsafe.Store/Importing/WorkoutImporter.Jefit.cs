using CsvHelper;
using Failsafe.Store.Training;

namespace Failsafe.Store.Importing;

public static partial class WorkoutImporter
{
    private sealed partial class ImportRun
    {
        /// <summary>Imports a JEFIT export section by section (<see cref="JefitExport"/>).</summary>
        public ImportSummary ExecuteJefit(ImportPipe? pipe, Stream file, Dictionary<string, JefitSection> sections)
        {
            _pipe = pipe;
            if (!sections.TryGetValue(JefitExport.Logs, out var logs))
                throw new ImportException(1, null, $"a JEFIT export without its {JefitExport.Logs} section: sections found: {string.Join(", ", sections.Keys)}");
            var unit = options.Unit ?? SettingsUnit(file, sections);
            sections.TryGetValue(JefitExport.SetLogs, out var setLogs);

            // The exercise logs whose sets are rows of their own.
            var withSetRows = new HashSet<string>(StringComparer.Ordinal);
            if (setLogs is not null)
                Section(file, setLogs, unit, ["exercise_log_id"], (_, c) => withSetRows.Add(Text(c[0]).Trim()));

            // Every exercise log: its workout and exercise, and the sets its logs packs when it has no rows of its own.
            var byId = new Dictionary<string, (ImportedWorkout Workout, string Exercise)>(StringComparer.Ordinal);
            Section(file, logs, unit, ["_id", "mydate", "ename", "logs"], (section, c) =>
            {
                var workout = CurrentWorkout();
                var exercise = ExerciseName();
                var id = Text(c[0]).Trim();
                byId.TryAdd(id, (workout, exercise));
                if (withSetRows.Contains(id))
                    return;
                var packed = Text(c[3]);
                foreach (var chunk in packed.Split(',', StringSplitOptions.TrimEntries | StringSplitOptions.RemoveEmptyEntries))
                {
                    var x = chunk.IndexOfAny(['x', 'X']);
                    if (x <= 0 || !FieldParser.TryNumber(System.Text.Encoding.UTF8.GetBytes(chunk[..x]), false, out var weight)
                        || !FieldParser.TryWhole(System.Text.Encoding.UTF8.GetBytes(chunk[(x + 1)..]), false, out var reps))
                    {
                        throw Error(c[3], $"'{chunk}' is not a set written as weight x reps (like 50.0x15)");
                    }
                    if (weight < 0 || LogLimits.Weight(weight) is not null)
                        throw Error(c[3], LogLimits.Weight(weight) ?? $"'{chunk}': a weight is 0 or more");
                    if (reps < 0 || LogLimits.Reps(reps) is not null)
                        throw Error(c[3], LogLimits.Reps(reps) ?? $"'{chunk}': reps are 0 or more");
                    Add(workout, exercise, weight, unit, reps, null, Kind.Normal, null);
                }
            });

            if (setLogs is not null)
            {
                Section(file, setLogs, unit, ["exercise_log_id", "weight_lbs", "reps"], (section, c) =>
                {
                    var id = Text(c[0]).Trim();
                    if (!byId.TryGetValue(id, out var log))
                        throw Error(c[0], $"'{id}' is the id of no row of {JefitExport.Logs}");
                    var weight = Weight(c[1]);
                    Add(log.Workout, log.Exercise, weight, unit, Reps(c[2]), null, SetKind(), null);
                });
            }
            progress?.Invoke(file.Length);
            return Summary();
        }

        /// <summary>The unit of the export's weights, from its settings.</summary>
        private WeightUnit SettingsUnit(Stream file, Dictionary<string, JefitSection> sections)
        {
            WeightUnit? unit = null;
            if (sections.TryGetValue(JefitExport.Settings, out var settings))
            {
                Section(file, settings, WeightUnit.Kg, ["mass"], (_, c) =>
                {
                    var text = Text(c[0]);
                    unit ??= JefitExport.Unit(text) ?? throw Error(c[0], $"'{text}' is not a unit of weight JEFIT writes (kg or lbs): pass --unit kg or --unit lb");
                });
            }
            return unit ?? throw new ImportException(0, null,
                $"the export's {JefitExport.Settings} section says no unit of weight: pass --unit kg or --unit lb, the unit JEFIT was set to");
        }

        /// <summary>
        /// Reads one section's rows with <paramref name="row"/>, given the indexes of <paramref name="needed"/> columns
        /// (the first ones refused by name when missing). Errors name the line of the whole file.
        /// </summary>
        private void Section(Stream file, JefitSection section, WeightUnit unit, string[] needed, Action<JefitSection, int[]> row)
        {
            using var slice = new JefitExport.Slice(file, section.Start, section.End);
            using var sectionReader = Reader(slice, ',');
            IReadOnlyList<string> header;
            try
            {
                header = sectionReader.Headers;
            }
            catch (CsvFormatException ex)
            {
                throw new ImportException(section.LinesBefore + Math.Max(ex.LineNumber, 1), null, $"malformed CSV in {section.Name}: {ex.Message}", ex);
            }
            var columns = new ExportLayout.Columns(ExportLayout.Clean(header));
            var indexes = needed.Select(n => columns.Find(n)).ToArray();
            for (var i = 0; i < indexes.Length; i++)
            {
                if (indexes[i] < 0)
                    throw new ImportException(section.LinesBefore + 1, null, $"the {section.Name} section has no '{needed[i]}' column");
            }
            reader = sectionReader;
            _lineOffset = section.LinesBefore;
            layout = new ExportLayout
            {
                Source = ImportSource.Jefit,
                Layout = "JEFIT",
                Names = columns.Names,
                Date = columns.Find("mydate") is >= 0 and var date ? date : indexes[0],
                Dates = DateStyle.Day,
                WorkoutName = "JEFIT workout",
                Exercise = columns.Find("ename", "exercise_name", "name") is >= 0 and var name ? name : indexes[0],
                SetKind = columns.Find("set_type"),
                Kinds = KindStyle.JefitType,
                HeaderUnit = unit,
            };
            _fieldsNeeded = indexes.Max() + 1;
            long rows = 0;
            while (Next())
            {
                _shift = 0;
                if (sectionReader.FieldCount < _fieldsNeeded)
                    throw new ImportException(Line, null, $"has {sectionReader.FieldCount} fields, but the {section.Name} header has {layout.Names.Count}");
                row(section, indexes);
                if (++rows % ProgressEvery == 0)
                    progress?.Invoke(section.Start + sectionReader.ByteOffset);
            }
        }
    }
}
