using System.Text;

namespace Actors.Runtime;

/// <summary>
/// The identity of a grain: its type name and a string key. Equal ids address the same virtual actor everywhere in the cluster.
/// </summary>
public readonly record struct GrainId
{
    /// <summary>The longest key accepted, in UTF-8 bytes. Keys are stored in indexed columns, so they stay short.</summary>
    public const int MaxKeyBytes = 512;

    /// <summary>The longest grain type name accepted.</summary>
    public const int MaxTypeLength = 128;

    private GrainId(string type, string key)
    {
        Type = type;
        Key = key;
    }

    /// <summary>The grain type name, for example <c>wallet</c>.</summary>
    public string Type { get; }

    /// <summary>The grain key within its type.</summary>
    public string Key { get; }

    /// <summary>Creates a grain id after checking both parts; throws <see cref="ArgumentException"/> naming the bad part.</summary>
    public static GrainId Create(string type, string key)
    {
        ValidateType(type);
        ValidateKey(key);
        return new GrainId(type, key);
    }

    /// <summary>Checks a grain key: not empty, at most <see cref="MaxKeyBytes"/> UTF-8 bytes, no control characters.</summary>
    public static void ValidateKey(string key)
    {
        ArgumentNullException.ThrowIfNull(key);
        if (key.Length == 0)
        {
            throw new ArgumentException("Grain key must not be empty.", nameof(key));
        }

        if (key.Length > MaxKeyBytes || Encoding.UTF8.GetByteCount(key) > MaxKeyBytes)
        {
            throw new ArgumentException($"Grain key is longer than {MaxKeyBytes} UTF-8 bytes.", nameof(key));
        }

        foreach (var c in key)
        {
            if (char.IsControl(c))
            {
                throw new ArgumentException($"Grain key contains the control character U+{(int)c:X4}.", nameof(key));
            }
        }

        if (key.Contains('\uFFFD', StringComparison.Ordinal) || !IsWellFormedUtf16(key))
        {
            throw new ArgumentException("Grain key is not well-formed Unicode.", nameof(key));
        }
    }

    /// <summary>Checks a grain type name: 1 to <see cref="MaxTypeLength"/> characters of [a-z0-9._-], starting with a letter.</summary>
    public static void ValidateType(string type)
    {
        ArgumentNullException.ThrowIfNull(type);
        if (type.Length == 0 || type.Length > MaxTypeLength || !char.IsAsciiLetterLower(type[0]))
        {
            throw new ArgumentException($"Grain type '{type}' must be 1 to {MaxTypeLength} characters starting with a lower-case letter.", nameof(type));
        }

        foreach (var c in type)
        {
            if (!(char.IsAsciiLetterLower(c) || char.IsAsciiDigit(c) || c is '.' or '_' or '-'))
            {
                throw new ArgumentException($"Grain type '{type}' may hold only a-z, 0-9, '.', '_' and '-'.", nameof(type));
            }
        }
    }

    /// <inheritdoc />
    public override string ToString() => $"{Type}/{Key}";

    private static bool IsWellFormedUtf16(string s)
    {
        for (var i = 0; i < s.Length; i++)
        {
            if (char.IsHighSurrogate(s[i]))
            {
                if (i + 1 >= s.Length || !char.IsLowSurrogate(s[i + 1]))
                {
                    return false;
                }

                i++;
            }
            else if (char.IsLowSurrogate(s[i]))
            {
                return false;
            }
        }

        return true;
    }
}
