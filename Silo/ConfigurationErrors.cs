using Microsoft.Extensions.Options;

namespace Actors.Silo;

/// <summary>
/// A start refused for bad settings: the silo prints one line naming each setting and its problem on stderr and exits with
/// <see cref="ExitCode"/>, instead of an unhandled exception's stack trace.
/// </summary>
public static class ConfigurationErrors
{
    /// <summary>The exit code of a start refused for bad settings.</summary>
    public const int ExitCode = 2;

    // The configuration binder's refusal of a value it cannot convert to the setting's type.
    private const string BinderFailure = "Failed to convert configuration value";

    /// <summary>
    /// The one line that says which settings are wrong and why, if <paramref name="exception"/> is a refusal of settings (a
    /// failed options validation, or a value the binder could not convert); null for any other exception.
    /// </summary>
    public static string? Describe(Exception exception)
    {
        ArgumentNullException.ThrowIfNull(exception);
        var problems = Problems(exception);
        return problems is null ? null : OneLine($"Configuration error: {string.Join("; ", problems.Distinct(StringComparer.Ordinal))}");
    }

    private static List<string>? Problems(Exception exception) => exception switch
    {
        OptionsValidationException invalid => [.. invalid.Failures],
        InvalidOperationException { Message: var message } when message.StartsWith(BinderFailure, StringComparison.Ordinal) =>
            [$"{message.TrimEnd('.')}: {Innermost(exception).Message}"],
        AggregateException { InnerExceptions.Count: > 0 } all when all.Flatten().InnerExceptions.Select(Problems).ToList() is var each && each.All(p => p is not null) =>
            [.. each.SelectMany(p => p!)],
        _ => null,
    };

    private static Exception Innermost(Exception exception) => exception.InnerException is { } inner ? Innermost(inner) : exception;

    private static string OneLine(string text) => text.ReplaceLineEndings(" ");
}
