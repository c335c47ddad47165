using System.Globalization;
using System.Text;

namespace Failsafe.Store.Importing;

/// <summary>Parses the UTF-8 fields of an export without making strings of them, and words errors about them.</summary>
internal static class FieldParser
{
    private static readonly string[] StrongDates =
    [
        "yyyy-MM-dd HH:mm:ss", "yyyy-MM-dd HH:mm", "yyyy-MM-dd'T'HH:mm:ss", "yyyy-MM-dd'T'HH:mm", "yyyy-MM-dd H:mm:ss", "yyyy-MM-dd",
    ];

    private static readonly string[] HevyDates =
    [
        "d MMM yyyy, HH:mm", "d MMM yyyy, H:mm", "d MMM yyyy, HH:mm:ss", "d MMMM yyyy, HH:mm", "MMM d, yyyy, h:mm tt", "MMM d, yyyy h:mm tt",
        "yyyy-MM-dd HH:mm:ss", "yyyy-MM-dd HH:mm", "yyyy-MM-dd'T'HH:mm:ss", "yyyy-MM-dd'T'HH:mm:ssK",
    ];

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

    public static bool TryDate(ImportSource source, string text, out DateTime value) =>
        DateTime.TryParseExact(text.Trim(), source == ImportSource.Strong ? StrongDates : HevyDates, CultureInfo.InvariantCulture,
            DateTimeStyles.AllowWhiteSpaces, out value)
        || (source == ImportSource.Strong
            && DateTime.TryParseExact(text.Trim(), HevyDates, CultureInfo.InvariantCulture, DateTimeStyles.AllowWhiteSpaces, out value));

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
