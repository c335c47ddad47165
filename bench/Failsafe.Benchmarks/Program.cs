using BenchmarkDotNet.Running;
using Failsafe.Benchmarks;

// `generate FILE [YEARS]` writes the large scenario used by the benchmarks and by bench/run.sh;
// `app-export FILE SETS FORMAT` another app's export (hevy, fitnotes, fitbod, liftosaur, stronglifts, jefit) for
// bench/import.sh; `strong-csv FILE SETS [LAYOUT] [FIRST-DAY] [EVERY-DAYS]` a Strong export for bench/import.sh (and, from FIRST-DAY,
// one workout every EVERY-DAYS days, for bench/server-load.sh); `daily-db FILE` a 10-year log for
// bench/daily.sh; `import-profile CSV [RUNS] [POSTGRES]` the import by stage (parse only, parse + write; into PostgreSQL with a connection string); `web-today BASE-URL
// EMAIL PASSWORD [SETS] [WARM] [OUT-DIR]` the first visit's bytes and the set-logging times of /today in Chromium
// (bench/web.sh); anything else goes to BenchmarkDotNet (e.g. `--filter '*'`).
if (args is ["generate", var path, ..])
{
    var years = args.Length > 2 ? int.Parse(args[2], System.Globalization.CultureInfo.InvariantCulture) : 10;
    var json = ScenarioGenerator.Generate(new DateOnly(2026, 11, 23), years);
    File.WriteAllBytes(path, json);
    Console.WriteLine($"{path}: {ScenarioGenerator.Describe(json)}");
    return 0;
}

if (args is ["app-export", var exportPath, var exportSets, var format])
{
    var count = AppExportGenerator.Write(exportPath, long.Parse(exportSets, System.Globalization.CultureInfo.InvariantCulture), format);
    Console.WriteLine($"{exportPath}: {count:N0} sets ({format})");
    return 0;
}
if (args is ["strong-csv", var csvPath, var setCount, ..])
{
    var layout = args.Length > 3 ? args[3] : "comma";
    DateOnly? first = args.Length > 4 ? DateOnly.ParseExact(args[4], "yyyy-MM-dd", System.Globalization.CultureInfo.InvariantCulture) : null;
    var every = args.Length > 5 ? double.Parse(args[5], System.Globalization.CultureInfo.InvariantCulture) : 2.4;
    var (written, workouts) = StrongCsvGenerator.Write(csvPath, long.Parse(setCount, System.Globalization.CultureInfo.InvariantCulture), layout, first, every);
    Console.WriteLine($"{csvPath}: {written:N0} sets in {workouts:N0} workouts ({layout} layout)");
    return 0;
}

if (args is ["import-profile", var profileCsv, ..])
{
    ImportProfile.Run(profileCsv, args.Length > 2 ? int.Parse(args[2], System.Globalization.CultureInfo.InvariantCulture) : 3, args.Length > 3 ? args[3] : null);
    return 0;
}

if (args is ["daily-db", var dbPath, ..])
{
    var dbYears = args.Length > 2 ? int.Parse(args[2], System.Globalization.CultureInfo.InvariantCulture) : 10;
    DailyDbGenerator.Generate(dbPath, dbYears);
    Console.WriteLine($"{dbPath}: {DailyDbGenerator.Describe(dbPath)}");
    return 0;
}

if (args is ["web-today", var baseUrl, var email, var password, ..])
{
    var timed = args.Length > 4 ? int.Parse(args[4], System.Globalization.CultureInfo.InvariantCulture) : 50;
    var warm = args.Length > 5 ? int.Parse(args[5], System.Globalization.CultureInfo.InvariantCulture) : 5;
    return await WebToday.Run(baseUrl, email, password, timed, warm, args.Length > 6 ? args[6] : null);
}

BenchmarkSwitcher.FromAssembly(typeof(EvaluateBenchmarks).Assembly).Run(args);
return 0;
