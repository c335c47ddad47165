using System.Text;

namespace Failsafe.Store.Importing;

/// <summary>Parses the UTF-8 fields of an export without making strings of them, and words errors about them.</summary>
internal static class FieldParser
{
    private static readonly string[] StrongDates =
    [
        "yyyy-MM-dd HH:mm:ss", "yyyy-MM-dd HH:mm", "yyyy-MM-dd'T'HH:mm:ss", "yyyy-MM-dd'T'HH:mm", "yyyy-MM-dd H:mm:ss", "yyyy-MM-dd",
    ];

    private static readonly string[] IsoDates =
    [
        "yyyy-MM-dd HH:mm:ss", "yyyy-MM-dd HH:mm", "yyyy-MM-dd'T'HH:mm:ss", "yyyy-MM-dd'T'HH:mm", "yyyy-MM-dd'T'HH:mm:ss.FFFFFFF",
    ];

    private static readonly string[] InstantDates =
    [
        "yyyy-MM-dd HH:mm:ss zzz", "yyyy-MM-dd HH:mm:ss zz", "yyyy-MM-dd HH:mm:ssK", "yyyy-MM-dd'T'HH:mm:ss.FFFFFFFK", "yyyy-MM-dd'T'HH:mm:ssK",
        "yyyy-MM-dd HH:mm:ss", "yyyy-MM-dd HH:mm", "yyyy-MM-dd'T'HH:mm:ss.FFFFFFF", "yyyy-MM-dd'T'HH:mm:ss", "yyyy-MM-dd",
    ];

    private static readonly string[] SlashDates = ["yyyy/MM/dd h:mm tt", "yyyy/MM/dd H:mm", "yyyy/MM/dd", "yyyy/M/d h:mm tt", "yyyy/M/d H:mm", "yyyy/M/d"];

    public static ReadOnlySpan<byte> Trim(ReadOnlySpan<byte> s)
    {
        while (s.Length > 0 && (s[0] == (byte)' ' || s[0] == (byte)'\t'))
            s = s[1..];
        while (s.Length > 0 && (s[^1] == (byte)' ' || s[^1] == (byte)'\t'))
            s = s[..^1];
        return s;
    }

    /// <summary>A finite number; with <paramref name="decimalComma"/>, "62,5" reads as 62.5 (semicolon files from comma locales).</summary>
    public static bool TryNumber(ReadOnlySpan<byte> s, bool decimalComma, out double value)
    {
        s = Trim(s);
        if (decimalComma && s.Length <= 64 && s.IndexOf((byte)',') >= 0)
        {
            Span<byte> copy = stackalloc byte[s.Length];
            s.CopyTo(copy);
            copy.Replace((byte)',', (byte)'.');
            return double.TryParse(copy, NumberStyles.Float, CultureInfo.InvariantCulture, out value) && double.IsFinite(value);
        }
        return double.TryParse(s, NumberStyles.Float, CultureInfo.InvariantCulture, out value) && double.IsFinite(value);
    }

    /// <summary>A whole number, also when written as "5.0".</summary>
    public static bool TryWhole(ReadOnlySpan<byte> s, bool decimalComma, out int value)
    {
        s = Trim(s);
        if (int.TryParse(s, NumberStyles.Integer, CultureInfo.InvariantCulture, out value))
            return true;
        if (TryNumber(s, decimalComma, out var d) && d == Math.Floor(d) && Math.Abs(d) <= int.MaxValue)
        {
            value = (int)d;
            return true;
        }
        return false;
    }

    /// <summary>A workout's date and time as <paramref name="style"/> writes it, as the wall clock it shows.</summary>
    public static bool TryDate(DateStyle style, string text, out DateTime value)
    {
        text = text.Trim();
        const DateTimeStyles Styles = DateTimeStyles.AllowWhiteSpaces;
        var c = CultureInfo.InvariantCulture;
        switch (style)
        {
            case DateStyle.Strong:
                return DateTime.TryParseExact(text, StrongDates, c, Styles, out value) || MonthNames.TryHevyDate(text, out value);
            case DateStyle.Hevy:
                return MonthNames.TryHevyDate(text, out value) || DateTime.TryParseExact(text, IsoDates, c, Styles, out value) || Instant(text, out value);
            case DateStyle.Day:
                return DateTime.TryParseExact(text, "yyyy-MM-dd", c, Styles, out value);
            case DateStyle.SlashDay:
                return DateTime.TryParseExact(text, SlashDates, c, Styles, out value);
            default:
                return Instant(text, out value);
        }
    }

    /// <summary>A time with its offset (<c>+0000</c>, <c>Z</c>) as the clock of that offset showed it; the offset is not applied.</summary>
    private static bool Instant(string text, out DateTime value)
    {
        if (DateTimeOffset.TryParseExact(text, InstantDates, CultureInfo.InvariantCulture, DateTimeStyles.AllowWhiteSpaces | DateTimeStyles.AssumeUniversal, out var instant))
        {
            value = instant.DateTime;
            return true;
        }
        value = default;
        return false;
    }

    /// <summary>An example of a date as <paramref name="style"/> writes it, for error messages.</summary>
    public static string Example(DateStyle style) => style switch
    {
        DateStyle.Strong => "2024-03-05 18:30:00",
        DateStyle.Hevy => "5 Dec 2025, 11:37",
        DateStyle.Day => "2024-03-05",
        DateStyle.SlashDay => "2024/03/05 6:30 PM",
        _ => "2021-01-17 22:14:35 +0000",
    };

    public static bool Is(ReadOnlySpan<byte> s, string word)
    {
        if (s.Length != word.Length)
            return false;
        for (var i = 0; i < s.Length; i++)
        {
            if (char.ToLowerInvariant((char)s[i]) != char.ToLowerInvariant(word[i]))
                return false;
        }
        return true;
    }

    /// <summary>A field's value for an error message, shortened.</summary>
    public static string Show(ReadOnlySpan<byte> s)
    {
        var text = Encoding.UTF8.GetString(s.Length > 60 ? s[..60] : s);
        return s.Length > 60 ? text + "…" : text;
    }
}
