namespace Failsafe.Cli.Daily;

/// <summary>Pieces shared by the everyday commands: the date option, the profile check, words.</summary>
internal static class DailyOptions
{
    public static Option<string?> Date() => new("--date") { Description = "The day, yyyy-MM-dd (default: today)." };

    /// <summary>The --date value, null when absent (the caller then takes <see cref="Io.Today"/> in the lifter's zone); false with a usage error when malformed.</summary>
    public static bool TryDate(Io io, string? text, out DateOnly? date, out int code)
    {
        code = ExitCodes.Ok;
        date = null;
        if (text is null)
            return true;
        if (DateOnly.TryParseExact(text, "yyyy-MM-dd", CultureInfo.InvariantCulture, DateTimeStyles.None, out var given))
        {
            date = given;
            return true;
        }
        code = io.Fail($"--date: '{text}' is not a date in the form yyyy-MM-dd", ExitCodes.Usage);
        return false;
    }

    /// <summary>The day a command works on: the one given, else today in the lifter's time zone (the machine's without a profile).</summary>
    public static DateOnly Day(Io io, DateOnly? given, ProfileRow? profile) => given ?? io.Today(profile?.TimeZone);

    /// <summary>The profile, or an error telling the lifter to run init.</summary>
    public static ProfileRow? RequireProfile(Io io, FailsafeDb db) => RequireProfile(io, LogReader.For(db));

    /// <summary>The profile, or an error telling the lifter to run init.</summary>
    public static ProfileRow? RequireProfile(Io io, LogReader log) => RequireProfile(io, log.Profile());

    private static ProfileRow? RequireProfile(Io io, ProfileRow? profile)
    {
        if (profile is null)
            io.Fail("no profile yet: run `failsafe init` first (e.g. failsafe init --years 3 --form good --goal hypertrophy)");
        return profile;
    }
}
