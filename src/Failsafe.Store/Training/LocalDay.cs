namespace Failsafe.Store.Training;

/// <summary>
/// The lifter's own day. A set logged at 19:00 in California belongs to that evening's session, not to the next
/// UTC day: "today" is the date in the lifter's time zone (an IANA id such as <c>America/Los_Angeles</c>, kept in the
/// profile), at the instant a <see cref="TimeProvider"/> gives.
/// </summary>
public static class LocalDay
{
    /// <summary>The longest time zone id accepted (the longest IANA id has 32 characters).</summary>
    public const int MaxZoneLength = 64;

    /// <summary>The date now in <paramref name="timeZone"/>, or in the clock's local zone when that is null or unknown here.</summary>
    public static DateOnly Today(TimeProvider clock, string? timeZone)
    {
        ArgumentNullException.ThrowIfNull(clock);
        var zone = Find(timeZone) ?? clock.LocalTimeZone;
        return DateOnly.FromDateTime(TimeZoneInfo.ConvertTime(clock.GetUtcNow(), zone).DateTime);
    }

    /// <summary>The zone named <paramref name="id"/> (IANA, or a Windows id on Windows); null when there is no such zone.</summary>
    public static TimeZoneInfo? Find(string? id)
    {
        if (string.IsNullOrWhiteSpace(id) || id.Length > MaxZoneLength)
            return null;
        return TimeZoneInfo.TryFindSystemTimeZoneById(id, out var zone) ? zone : null;
    }

    /// <summary>The IANA id of <paramref name="zone"/>: what a profile stores, so a log moved between Windows and Linux keeps its day.</summary>
    public static string IanaId(TimeZoneInfo zone)
    {
        ArgumentNullException.ThrowIfNull(zone);
        if (zone.HasIanaId)
            return zone.Id;
        return TimeZoneInfo.TryConvertWindowsIdToIanaId(zone.Id, out var iana) ? iana : zone.Id;
    }

    /// <summary>Null when <paramref name="id"/> names a time zone; otherwise the problem, in words.</summary>
    public static string? Problem(string id) =>
        Find(id) is null ? $"'{(id.Length > MaxZoneLength ? id[..MaxZoneLength] + "…" : id)}' is not a time zone (an IANA id such as Europe/Berlin or America/Los_Angeles)" : null;
}
