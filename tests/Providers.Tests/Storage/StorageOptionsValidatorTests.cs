using Actors.Providers.Hosting;
using Actors.Providers.Storage;

namespace Actors.Providers.Tests.Storage;

public sealed class StorageOptionsValidatorTests
{
    [Theory]
    [InlineData("sqlite")]
    [InlineData("SQLite")]
    [InlineData("postgres")]
    [InlineData("memory")]
    public void The_defaults_are_valid_for_every_provider(string provider)
    {
        var options = new StorageOptions { Provider = provider, ConnectionString = "Host=db" };

        Assert.Null(StorageOptionsValidator.FirstError(options));
    }

    [Fact]
    public void Concurrent_batches_default_to_one_for_sqlite_and_four_for_postgres_unless_set()
    {
        Assert.Equal(1, new StorageOptions().ConcurrentBatches);
        Assert.Equal(4, new StorageOptions { Provider = "Postgres" }.ConcurrentBatches);
        Assert.Equal(2, new StorageOptions { Provider = "postgres", MaxConcurrentBatches = 2 }.ConcurrentBatches);
    }

    [Theory]
    [InlineData("mysql", null, "./data", 1000, null, 100000, "Storage:Provider 'mysql' is not one of sqlite, postgres, memory.")]
    [InlineData("postgres", null, "./data", 1000, null, 100000, "Storage:ConnectionString is required")]
    [InlineData("sqlite", null, " ", 1000, null, 100000, "Storage:Path must name a folder")]
    [InlineData("sqlite", null, "./data", 0, null, 100000, "Storage:MaxBatchSize must be between 1 and 10000, not 0.")]
    [InlineData("sqlite", null, "./data", 1000, 65, 100000, "Storage:MaxConcurrentBatches must be between 1 and 64, not 65.")]
    [InlineData("sqlite", null, "./data", 1000, null, 10, "Storage:MaxPendingWrites must be at least Storage:MaxBatchSize (1000), not 10.")]
    public void A_bad_setting_is_refused_in_one_line_naming_its_key(
        string provider,
        string? connectionString,
        string path,
        int maxBatchSize,
        int? maxConcurrentBatches,
        int maxPendingWrites,
        string expected)
    {
        var options = new StorageOptions
        {
            Provider = provider,
            ConnectionString = connectionString,
            Path = path,
            MaxBatchSize = maxBatchSize,
            MaxConcurrentBatches = maxConcurrentBatches,
            MaxPendingWrites = maxPendingWrites,
        };

        var error = StorageOptionsValidator.FirstError(options);

        Assert.NotNull(error);
        Assert.StartsWith(expected, error, StringComparison.Ordinal);
        Assert.DoesNotContain('\n', error);
    }
}
