namespace Failsafe.Cli.Daily;

/// <summary>
/// <c>failsafe equipment show</c> and <c>failsafe equipment set</c>: the equipment every prescribed load is rounded to
/// (bar, plates owned, micro-plates, dumbbells, machine stack steps), kept in the profile.
/// </summary>
public static class EquipmentCommands
{
    public static Command Equipment(Io io)
    {
        var command = new Command("equipment", "Show or set your equipment: loads are rounded to what you can put on the bar, pick from the rack or pin on the stack.");
        command.Subcommands.Add(Show(io));
        command.Subcommands.Add(Set(io));
        return command;
    }

    /// <summary>Runs <paramref name="action"/> on the log's profile, which the equipment is kept in.</summary>
    private static int WithProfile(Io io, ParseResult parse, Func<FailsafeDb, ProfileRow, int> action) => io.WithDb(parse, db =>
        db.MyProfile.FirstOrDefault() is { } profile ? action(db, profile) : io.Fail("equipment: no profile yet; run `failsafe init` first", ExitCodes.Usage));

    private static Command Show(Io io)
    {
        var json = new Option<bool>("--json") { Description = "Print JSON." };
        var command = new Command("show", "Your equipment (the standard gym in your unit until you set it).") { json };
        command.SetAction(parse => WithProfile(io, parse, (db, profile) =>
        {
            var gear = TrainingStore.ToAthlete(profile, []).Gear;
            if (parse.GetValue(json))
            {
                io.Out.WriteLine(EvaluationJson.Write(w => EquipmentJson.Write(w, gear)));
                return ExitCodes.Ok;
            }
            var u = gear.Unit == WeightUnit.Kg ? "kg" : "lb";
            static string N(double v) => v.ToString("0.###", CultureInfo.InvariantCulture);
            string List(IEnumerable<double> values) => string.Join(", ", values.Select(N));
            io.Out.WriteLine($"Equipment ({(profile.EquipmentJson is null ? "standard gym" : "your own")}), in {u}:");
            io.Out.WriteLine($"  bar          {N(gear.Bar)}");
            io.Out.WriteLine($"  plates       {List(gear.Plates)} (smallest barbell step {N(gear.BarbellStep)})");
            io.Out.WriteLine($"  micro-plates {(gear.MicroPlates.IsEmpty ? "none" : List(gear.MicroPlates))}");
            io.Out.WriteLine($"  dumbbells    {List(gear.Dumbbells)}");
            io.Out.WriteLine($"  machines     {N(gear.MachineStep)} per pin"
                + string.Concat(gear.MachineSteps.OrderBy(m => m.Key, StringComparer.Ordinal).Select(m => $"; {m.Key} {N(m.Value)}")));
            return ExitCodes.Ok;
        }));
        return command;
    }

    private static Command Set(Io io)
    {
        var unit = new Option<string?>("--unit") { Description = "The unit of the weights below: kg | lb (default: your profile's)." };
        var bar = new Option<double?>("--bar") { Description = "The bar's weight, e.g. 20." };
        var plates = new Option<string?>("--plates") { Description = "Plates you own (pairs of each), e.g. 25,20,10,5,2.5,1.25." };
        var micro = new Option<string?>("--micro") { Description = "Micro-plates, e.g. 0.5,0.25 (\"none\" to clear)." };
        var dumbbells = new Option<string?>("--dumbbells") { Description = "Dumbbells: weights or ranges, e.g. 2,4,6,8,10,12.5-40:2.5." };
        var machineStep = new Option<double?>("--machine-step") { Description = "The step of a machine or cable stack, e.g. 5." };
        var machine = new Option<string[]>("--machine") { Description = "One machine's step, NAME=STEP, e.g. \"Leg Press=2.5\" (repeatable).", AllowMultipleArgumentsPerToken = false };
        var reset = new Option<bool>("--standard") { Description = "Forget your equipment: back to the standard gym." };
        var command = new Command("set", "Set your equipment; options left out keep their current values.") { unit, bar, plates, micro, dumbbells, machineStep, machine, reset };
        command.SetAction(parse => WithProfile(io, parse, (db, profile) =>
        {
            string? stored = null;
            if (!parse.GetValue(reset))
            {
                var gear = TrainingStore.ToAthlete(profile, []).Gear;
                var fields = new Dictionary<string, object>(StringComparer.Ordinal);
                if (parse.GetValue(unit) is { } u)
                {
                    if (u is not ("kg" or "lb"))
                        return io.Fail($"--unit: '{u}' is not kg or lb", ExitCodes.Usage);
                    if ((u == "lb") != (gear.Unit == WeightUnit.Lb))
                        gear = Effort.Equipment.Standard(u == "lb" ? WeightUnit.Lb : WeightUnit.Kg) with { MachineSteps = gear.MachineSteps };
                }
                if (parse.GetValue(bar) is { } b)
                    gear = gear with { Bar = b };
                if (parse.GetValue(machineStep) is { } m)
                    gear = gear with { MachineStep = m };
                foreach (var (option, name) in new[] { (plates, "--plates"), (micro, "--micro"), (dumbbells, "--dumbbells") })
                {
                    if (parse.GetValue(option) is not { } text)
                        continue;
                    var values = new List<double>();
                    if (!(name == "--micro" && text.Trim() == "none"))
                    {
                        foreach (var item in text.Split(',', StringSplitOptions.RemoveEmptyEntries | StringSplitOptions.TrimEntries))
                        {
                            if (EquipmentJson.Weights(item) is not { } w || (name != "--dumbbells" && w.Length != 1))
                                return io.Fail($"{name}: '{item}' is not a weight{(name == "--dumbbells" ? " or a range like 12.5-40:2.5" : "")}", ExitCodes.Usage);
                            values.AddRange(w);
                        }
                    }
                    var list = values.Distinct().Order().ToList();
                    gear = name switch
                    {
                        "--plates" => gear with { Plates = [.. list] },
                        "--micro" => gear with { MicroPlates = [.. list] },
                        _ => gear with { Dumbbells = [.. list] },
                    };
                }
                var resolver = new ExerciseResolver(Store.Catalog.CatalogLoader.Default, db);
                foreach (var entry in parse.GetValue(machine) ?? [])
                {
                    var eq = entry.LastIndexOf('=');
                    if (eq <= 0 || !double.TryParse(entry[(eq + 1)..], NumberStyles.Float, CultureInfo.InvariantCulture, out var step))
                        return io.Fail($"--machine: '{entry}' is not NAME=STEP, e.g. \"Leg Press=2.5\"", ExitCodes.Usage);
                    if (resolver.Resolve(entry[..eq].Trim()).Exercise is not { } exercise)
                        return io.Fail($"--machine: '{entry[..eq].Trim()}' is not a known exercise", ExitCodes.Usage);
                    gear = gear with { MachineSteps = gear.MachineSteps.SetItem(exercise.Id, step) };
                }
                if (gear.Validate() is { } problem)
                    return io.Fail($"equipment: {problem}", ExitCodes.Usage);
                stored = EquipmentJson.ToJson(gear);
            }
            var before = profile.EquipmentJson;
            profile.EquipmentJson = stored;
            var now = io.UtcNow;
            profile.UpdatedAt = now;
            if (before != stored)
                db.ProfileChanges.Add(new ProfileChangeRow { ProfileId = profile.Id, ChangedAt = now, Field = "equipment", OldValue = before, NewValue = stored });
            db.SaveChanges();
            db.Touch(profile.Id);
            io.Out.WriteLine(stored is null ? "Equipment: back to the standard gym." : "Equipment saved; loads are rounded to it from now on.");
            return ExitCodes.Ok;
        }));
        return command;
    }
}
