using Failsafe.Store.Importing;
using Microsoft.AspNetCore.Mvc;

namespace Failsafe.Server.Transfer;

public sealed record ImportResult(
    string Source, string Layout, bool DryRun, int Workouts, long Sets, DateTime? First, DateTime? Last, int DuplicateWorkouts, long DuplicateSets,
    long SetsWithoutReps, long OtherRows, IReadOnlyList<UnmatchedExercise> Unmatched);

/// <summary>
/// Imports by upload, with the command line's importers and guarantees: the file imports whole or not at all,
/// errors name the line and column, importing it again adds nothing, unknown exercises become custom ones that
/// never go to failure until classified. The body is the export itself (text/csv) or a form with one file; its app and
/// layout are detected from it (<c>POST /api/import</c>, <c>from</c> to name the app) or named (<c>POST /api/import/{source}</c>).
/// </summary>
public static class ImportEndpoints
{
    /// <summary>The largest upload (a 1,000,000-set export is about 90 MB; ten years of real training is under 5 MB).</summary>
    public const long MaxUpload = 100L * 1024 * 1024;

    public static void MapImport(this IEndpointRouteBuilder api)
    {
        api.MapPost("/import", (string? from, string? unit, bool? dryRun, HttpRequest request, FailsafeDb db, IConfiguration settings, SetCap account, CancellationToken cancel) =>
                Import(from, unit, dryRun, request, db, settings, account, cancel))
            .ForAthlete(Access.Log).WithTags("Import and export")
            .WithMetadata(new RequestSizeLimitAttribute(MaxUpload))
            .DisableAntiforgery()
            .Accepts<IFormFile>("multipart/form-data", "text/csv")
            .WithSummary($"Import an export from another app, its app and layout detected from the file (from: {Apps} to name it; unit: kg or lb when the file has no unit; dryRun: check only).");
        api.MapPost("/import/{source}", Import).ForAthlete(Access.Log).WithTags("Import and export")
            .WithMetadata(new RequestSizeLimitAttribute(MaxUpload))
            .DisableAntiforgery()
            // One Accepts with both types: routing matches the content type against the last Accepts only.
            .Accepts<IFormFile>("multipart/form-data", "text/csv")
            .WithSummary($"Import an export from the app named ({Apps}; unit: kg or lb when the file has no unit; dryRun: check only).");
    }

    private static string Apps => string.Join(", ", ImportApps.All.Select(ImportApps.Word));

    /// <param name="unit">kg or lb: the unit of weights in a file that does not say.</param>
    /// <param name="dryRun">Check the file and report what would be imported, without storing anything.</param>
    /// <summary>The most sets one import may add (<c>Failsafe:Limits:SetsPerImport</c>): the size of the largest upload.</summary>
    public const long SetsPerImport = 1_000_000;

    /// <summary>
    /// The setting of the most sets an account's log may hold (<see cref="SetCap"/>, default <see cref="SetCap.DefaultMost"/>),
    /// after an import as after a logged set.
    /// </summary>
    public const string SetsPerAccountSetting = "Failsafe:Limits:SetsPerAccount";

    /// <summary>The most custom exercises one import may create (<c>Failsafe:Limits:NewExercisesPerImport</c>); a real export names a few dozen.</summary>
    public const int NewExercisesPerImport = 1_000;

    /// <summary>The caps on this import, from the settings and what the athlete's log holds.</summary>
    /// <remarks>
    /// The account's cap here refuses a file early, at the line that goes over it; the importer checks it again inside
    /// its transaction, with the athlete's profile row locked, so two imports sent at once cannot both fill the last places.
    /// </remarks>
    private static async Task<(ImportCap Sets, ImportCap NewExercises)> Caps(IConfiguration settings, SetCap account, FailsafeDb db, CancellationToken cancel)
    {
        const string perImport = "Failsafe:Limits:SetsPerImport", newExercises = "Failsafe:Limits:NewExercisesPerImport";
        var most = settings.GetValue(perImport, SetsPerImport);
        var exercises = settings.GetValue(newExercises, NewExercisesPerImport);
        var held = await account.CountAsync(db, cancel);
        var sets = account.Most - held < most
            ? new ImportCap(Math.Max(0, account.Most - held), account.Limit, account.Says(held))
            : new ImportCap(most, perImport, string.Create(CultureInfo.InvariantCulture, $"one import may add at most {most:N0} sets ({perImport})"));
        var mostCustom = ListCap.CustomExercises.Most(settings);
        var heldCustom = await db.Mine<CustomExerciseRow>().CountAsync(cancel);
        var custom = mostCustom - heldCustom < exercises
            ? new ImportCap(Math.Max(0, mostCustom - heldCustom), ListCap.CustomExercises.Setting, ListCap.CustomExercises.Says(mostCustom, heldCustom))
            : new ImportCap(exercises, newExercises, string.Create(CultureInfo.InvariantCulture, $"one import may create at most {exercises:N0} ({newExercises})"));
        return (sets, custom);
    }

    /// <param name="source">The app that wrote the file (see <see cref="ImportApps"/>); null: detected from the file.</param>
    public static async Task<IResult> Import(
        string? source, string? unit, bool? dryRun, HttpRequest request, FailsafeDb db, IConfiguration settings, SetCap account, CancellationToken cancel)
    {
        var from = ImportApps.Parse(source);
        if (from is null && !string.IsNullOrEmpty(source))
            return Problems.Invalid("from", $"'{source}' is not an app to import from ({Apps}; or none, to detect it from the file)");
        WeightUnit? weightUnit = unit switch
        {
            null => null,
            "kg" => WeightUnit.Kg,
            "lb" or "lbs" => WeightUnit.Lb,
            _ => (WeightUnit?)(WeightUnit)(-1),
        };
        if (weightUnit == (WeightUnit)(-1))
            return Problems.Invalid("unit", $"'{unit}' is not a unit (kg or lb)");

        // Spool the upload to a temporary file: the importer streams it from there, off the request thread.
        var path = Path.Combine(Path.GetTempPath(), $"failsafe-upload-{Guid.NewGuid():N}.csv");
        try
        {
            await using (var file = new FileStream(path, FileMode.CreateNew, FileAccess.Write, FileShare.None, 1 << 16, FileOptions.Asynchronous))
            {
                if (request.HasFormContentType)
                {
                    IFormCollection form;
                    try
                    {
                        form = await request.ReadFormAsync(cancel);
                    }
                    catch (Exception ex) when (ex is InvalidDataException or IOException)
                    {
                        // A malformed form: a bad boundary, a part without its end, a body cut short.
                        return Problems.Invalid("file", $"the form cannot be read ({ex.Message}); send one file as multipart/form-data, or the CSV itself as text/csv");
                    }
                    if (form.Files.Count != 1)
                        return Problems.Invalid("file", $"send exactly one file (got {form.Files.Count})");
                    await using var upload = form.Files[0].OpenReadStream();
                    await upload.CopyToAsync(file, cancel);
                }
                else
                {
                    await request.Body.CopyToAsync(file, cancel);
                }
            }
            if (new FileInfo(path).Length == 0)
                return Problems.Invalid("file", "the upload is empty: send the export as the body (text/csv) or as a form file");
            var (sets, newExercises) = await Caps(settings, account, db, cancel);
            var options = new ImportOptions(from, weightUnit, dryRun ?? false) { MostSets = sets, MostNewExercises = newExercises, Account = account };
            try
            {
                // Straight into the server's database, with its own bulk writer (SQLite or PostgreSQL); the import
                // raises the athlete's log revision itself, in its transaction.
                var summary = await Task.Run(() => WorkoutImporter.Import(db, CatalogLoader.Default, path, options), cancel);
                return TypedResults.Ok(new ImportResult(
                    WorkoutImporter.Word(summary.Source), summary.Layout, summary.DryRun, summary.Workouts, summary.Sets, summary.First, summary.Last,
                    summary.DuplicateWorkouts, summary.DuplicateSets, summary.SetsWithoutReps, summary.OtherRows, summary.Unmatched));
            }
            catch (DbUpdateException)
            {
                return Problems.Conflict("Another import for this athlete was stored at the same moment; nothing of this one was stored. Send it again: what is already there is skipped.");
            }
            catch (ImportLimitException ex)
            {
                return TypedResults.Problem(statusCode: StatusCodes.Status413PayloadTooLarge, title: "The file adds more than one import may; nothing was stored", detail: ex.Message,
                    extensions: new Dictionary<string, object?> { ["limit"] = ex.Cap?.Limit, ["line"] = ex.Line, ["column"] = ex.Column });
            }
            catch (ImportException ex)
            {
                var field = ex.Column is null ? $"line {ex.Line}" : $"line {ex.Line}, {ex.Column}";
                return TypedResults.Problem(statusCode: StatusCodes.Status422UnprocessableEntity, title: "The file cannot be imported; nothing was stored", detail: ex.Message,
                    extensions: new Dictionary<string, object?> { ["line"] = ex.Line, ["column"] = ex.Column, ["at"] = field });
            }
        }
        finally
        {
            File.Delete(path);
        }
    }
}
