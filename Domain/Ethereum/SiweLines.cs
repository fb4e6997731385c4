using System.Diagnostics.CodeAnalysis;

namespace Actors.Domain.Ethereum;

/// <summary>
/// The lines of an EIP-4361 message, read front to back: a field is taken only where the order puts it, so a field out of
/// place or repeated is left over for the reader to refuse.
/// </summary>
internal sealed class SiweLines(string text)
{
    private readonly string[] _lines = text.Split('\n');
    private int _at;

    /// <summary>The next line without taking it; null at the end.</summary>
    public string? Peek() => _at < _lines.Length ? _lines[_at] : null;

    /// <summary>Takes the next line; null at the end.</summary>
    public string? Next() => _at < _lines.Length ? _lines[_at++] : null;

    /// <summary>Takes the required field <c>{name}: {value}</c> that must come next.</summary>
    public bool Field(string name, [NotNullWhen(true)] out string? value, [NotNullWhen(false)] out string? error)
    {
        value = OptionalField(name);
        error = value is null ? $"message must have '{name}: ' here, in the EIP-4361 order" : null;
        return value is not null;
    }

    /// <summary>Takes the field <c>{name}: {value}</c> if it comes next; null if another line does.</summary>
    public string? OptionalField(string name)
    {
        var prefix = name + ": ";
        if (Peek() is not { } line || !line.StartsWith(prefix, StringComparison.Ordinal))
        {
            return null;
        }

        _at++;
        return line[prefix.Length..];
    }
}
