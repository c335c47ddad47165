using System.Text.RegularExpressions;

namespace Failsafe.Store.Importing;

/// <summary>
/// Reads the dates Hevy writes in the language the phone is set to: <c>5 Dec 2025, 11:37</c>, <c>Jun 11, 2026, 1:01 PM</c>,
/// <c>5 Mai 2026, 07:34</c>, <c>5 5月 2026, 07:34</c>. The month names come from a table generated from the Unicode CLDR
/// (<see cref="Source"/>, MonthNames.generate.mjs) rather than from the runtime's cultures: the command line runs in
/// invariant-globalization mode, which has no month names but English ones, and shipping ICU would cost every command
/// start-up time and the install its size.
/// </summary>
internal static partial class MonthNames
{
    /// <summary>The generated tables as dictionaries, built on first use (after the partial class's own fields, whose order across files is not defined).</summary>
    private static class Lookup
    {
        public static readonly Dictionary<string, int> ByName = Months.ToDictionary(m => m.Name, m => m.Month, StringComparer.Ordinal);
        public static readonly Dictionary<string, int> ByMarker = DayPeriods.ToDictionary(m => m.Marker, m => m.Hours, StringComparer.Ordinal);
    }

    /// <summary>The number of a month name in any of the languages (case and a final dot ignored), or 0.</summary>
    public static int Month(string name) => Lookup.ByName.GetValueOrDefault(Key(name));

    private static string Key(string s) => WhiteSpace().Replace(s.Normalize().ToLowerInvariant().Trim().TrimEnd('.').Trim(), " ");

    /// <summary>
    /// A Hevy date: day and month in either order, the year, then the time (24-hour, or 12-hour with an AM/PM marker in
    /// any of the languages). False when it is not one.
    /// </summary>
    public static bool TryHevyDate(string text, out DateTime value)
    {
        value = default;
        var m = HevyDate().Match(text.Trim());
        if (!m.Success)
            return false;
        string dayText, monthText;
        if (m.Groups["a"].Value.All(char.IsAsciiDigit) && !m.Groups["b"].Value.All(char.IsAsciiDigit))
            (dayText, monthText) = (m.Groups["a"].Value, m.Groups["b"].Value);
        else if (m.Groups["b"].Value.All(char.IsAsciiDigit))
            (dayText, monthText) = (m.Groups["b"].Value, m.Groups["a"].Value);
        else
            return false;
        var month = Month(monthText);
        if (month == 0 || !int.TryParse(dayText, NumberStyles.None, CultureInfo.InvariantCulture, out var day))
            return false;
        var year = int.Parse(m.Groups["year"].Value, CultureInfo.InvariantCulture);
        var hour = int.Parse(m.Groups["hour"].Value, CultureInfo.InvariantCulture);
        var minute = int.Parse(m.Groups["minute"].Value, CultureInfo.InvariantCulture);
        var second = m.Groups["second"].Success ? int.Parse(m.Groups["second"].Value, CultureInfo.InvariantCulture) : 0;
        var marker = (m.Groups["before"].Success ? m.Groups["before"].Value : m.Groups["after"].Value).Trim();
        if (marker.Length > 0)
        {
            if (!Lookup.ByMarker.TryGetValue(Key(marker), out var add) || hour is < 1 or > 12)
                return false;
            hour = hour % 12 + add;
        }
        if (day < 1 || day > DateTime.DaysInMonth(Math.Clamp(year, 1, 9999), month) || hour > 23 || minute > 59 || second > 59 || year is < 1 or > 9999)
            return false;
        value = new DateTime(year, month, day, hour, minute, second);
        return true;
    }

    // "5 Dec 2025, 11:37" / "Jun 11, 2026, 1:01 PM" / "5 de mai. de 2026 07:34" is not Hevy's: its pattern is fixed, only the names change.
    [GeneratedRegex(@"^(?<a>[^\s,]+)\.?,?\s+(?<b>[^\s,]+?)\.?,?\s+(?<year>\d{4}),?\s+(?:(?<before>[^\d\s][^\d]*?)\s*)?(?<hour>\d{1,2}):(?<minute>\d{2})(?::(?<second>\d{2}))?(?:\s*(?<after>[^\d].*))?$", RegexOptions.CultureInvariant)]
    private static partial Regex HevyDate();

    [GeneratedRegex(@"\s+")]
    private static partial Regex WhiteSpace();
}
