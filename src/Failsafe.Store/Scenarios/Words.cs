using System.Text;

namespace Failsafe.Store.Scenarios;

/// <summary>The contract's enum words: kebab-case of the enum names ("full-body", "drop-set", "kg").</summary>
public static class Words
{
    public static string Of<T>(T value) where T : struct, Enum => Kebab(value.ToString());

    /// <summary>
    /// Each word of <typeparamref name="T"/> to its value (ordinal). Built once per enum type and shared by every
    /// caller, so it is cheap to call anywhere; callers read it and never change it.
    /// </summary>
    public static Dictionary<string, T> Map<T>() where T : struct, Enum => WordsOf<T>.Map;

    private static class WordsOf<T> where T : struct, Enum
    {
        public static readonly Dictionary<string, T> Map = Enum.GetValues<T>().ToDictionary(v => Of(v), v => v, StringComparer.Ordinal);
    }

    private static string Kebab(string name)
    {
        var sb = new StringBuilder(name.Length + 4);
        for (var i = 0; i < name.Length; i++)
        {
            if (char.IsUpper(name[i]) && i > 0)
                sb.Append('-');
            sb.Append(char.ToLowerInvariant(name[i]));
        }
        return sb.ToString();
    }
}
