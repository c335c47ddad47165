using System.Text;

namespace Failsafe.Store.Scenarios;

/// <summary>The contract's enum words: kebab-case of the enum names ("full-body", "drop-set", "kg").</summary>
public static class Words
{
    public static string Of<T>(T value) where T : struct, Enum => Kebab(value.ToString());

    public static Dictionary<string, T> Map<T>() where T : struct, Enum =>
        Enum.GetValues<T>().ToDictionary(v => Of(v), v => v, StringComparer.Ordinal);

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
