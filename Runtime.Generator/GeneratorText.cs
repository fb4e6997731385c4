using System.Text;

namespace Actors.Runtime.Generator;

internal static class GeneratorText
{
    /// <summary>Turns a full type name into a C# identifier fragment.</summary>
    public static string Sanitize(string fullName)
    {
        var name = fullName.StartsWith("global::", System.StringComparison.Ordinal) ? fullName.Substring(8) : fullName;
        var builder = new StringBuilder(name.Length);
        foreach (var c in name)
        {
            builder.Append(char.IsLetterOrDigit(c) ? c : '_');
        }

        return builder.ToString();
    }

    /// <summary><c>IRewardPoolGrain</c> becomes <c>reward-pool</c>; <c>INftTokenGrain</c> becomes <c>nft-token</c>.</summary>
    public static string GrainTypeFromInterfaceName(string name)
    {
        if (name.Length > 1 && name[0] == 'I' && char.IsUpper(name[1]))
        {
            name = name.Substring(1);
        }

        if (name.EndsWith("Grain", System.StringComparison.Ordinal) && name.Length > 5)
        {
            name = name.Substring(0, name.Length - 5);
        }

        var builder = new StringBuilder(name.Length + 4);
        for (var i = 0; i < name.Length; i++)
        {
            var c = name[i];
            if (char.IsUpper(c) && i > 0)
            {
                var previous = name[i - 1];
                var nextIsLower = i + 1 < name.Length && char.IsLower(name[i + 1]);
                if (char.IsLower(previous) || char.IsDigit(previous) || (char.IsUpper(previous) && nextIsLower))
                {
                    builder.Append('-');
                }
            }

            builder.Append(char.ToLowerInvariant(c));
        }

        return builder.ToString();
    }

    /// <summary>The rule <c>GrainId.ValidateType</c> applies at run time, checked at build time.</summary>
    public static bool IsValidGrainType(string type)
    {
        if (type.Length == 0 || type.Length > 128 || type[0] < 'a' || type[0] > 'z')
        {
            return false;
        }

        foreach (var c in type)
        {
            if (!((c >= 'a' && c <= 'z') || (c >= '0' && c <= '9') || c == '.' || c == '_' || c == '-'))
            {
                return false;
            }
        }

        return true;
    }
}
