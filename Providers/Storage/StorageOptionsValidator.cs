using Actors.Providers.Hosting;
using Microsoft.Extensions.Options;

namespace Actors.Providers.Storage;

/// <summary>Checks the <c>Storage</c> section at start: one line per problem, naming the configuration key to fix.</summary>
internal sealed class StorageOptionsValidator : IValidateOptions<StorageOptions>
{
    public ValidateOptionsResult Validate(string? name, StorageOptions options)
    {
        ArgumentNullException.ThrowIfNull(options);
        var error = FirstError(options);
        return error is null ? ValidateOptionsResult.Success : ValidateOptionsResult.Fail(error);
    }

    /// <summary>The first problem found, or null when the options are usable.</summary>
    public static string? FirstError(StorageOptions options)
    {
        const string Section = StorageOptions.SectionName;
        if (!StorageOptions.Providers.Any(options.Is))
        {
            return $"{Section}:Provider '{options.Provider}' is not one of {string.Join(", ", StorageOptions.Providers)}.";
        }

        if (options.Is(StorageOptions.Postgres) && string.IsNullOrWhiteSpace(options.ConnectionString))
        {
            return $"{Section}:ConnectionString is required when {Section}:Provider is postgres.";
        }

        if (options.Is(StorageOptions.Sqlite) && string.IsNullOrWhiteSpace(options.Path))
        {
            return $"{Section}:Path must name a folder when {Section}:Provider is sqlite.";
        }

        if (options.MaxBatchSize is < 1 or > 10_000)
        {
            return $"{Section}:MaxBatchSize must be between 1 and 10000, not {options.MaxBatchSize}.";
        }

        if (options.MaxConcurrentBatches is < 1 or > 64)
        {
            return $"{Section}:MaxConcurrentBatches must be between 1 and 64, not {options.MaxConcurrentBatches}.";
        }

        return options.MaxPendingWrites < options.MaxBatchSize
            ? $"{Section}:MaxPendingWrites must be at least {Section}:MaxBatchSize ({options.MaxBatchSize}), " +
              $"not {options.MaxPendingWrites}."
            : null;
    }
}
