using System.Net;
using Actors.Domain.Logins;
using Actors.Domain.Merkle;
using Actors.Grains.Logins;
using Actors.Providers.Logins;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Logging.Abstractions;

namespace Actors.Silo.Tests.Logins;

/// <summary>
/// A batch commit that fails — its answer lost after the database committed (the batcher's silo died), the database failing
/// before it, or two activations committing at once — loses no record and commits none twice.
/// </summary>
public sealed class LoginBatchFaultTests : RouteTestBase
{
    private readonly FaultingStore _store = new(new MemoryLoginRecordStore());

    protected override void ConfigureServices(IServiceCollection services) => services.AddSingleton<ILoginRecordStore>(_store);

    [Fact]
    public async Task A_commit_whose_answer_was_lost_is_not_committed_again_and_later_records_go_to_the_next_batch()
    {
        var token = await Api.SignInAsync(Api.Alice);
        await Api.SignInAsync(Api.Bob);
        _store.LoseNextCommitAnswer = true;

        var lost = await Api.PostAsync("/api/logins/batches", new { }, asOperator: true);
        var again = await Api.PostAsync("/api/logins/batches", new { }, asOperator: true);
        token = await Api.SignInAsync(Api.Alice);
        var next = await Api.PostAsync("/api/logins/batches", new { }, asOperator: true);
        var batches = await _store.ListBatchesAsync(null, 10);
        var export = LoginVerifier.Verify(await ExportAsync(token));

        Assert.Equal(HttpStatusCode.ServiceUnavailable, lost.Status);
        Assert.Equal(HttpStatusCode.OK, again.Status);
        Assert.Equal(JsonNull, again.Body.GetProperty("batchId").ValueKind); // nothing was left to commit
        Assert.Equal("2", next["batchId"]);
        Assert.Equal([(2L, 3L, 1L), (1L, 2L, 2L)], batches.Select(b => (b.BatchId, b.Size, b.Records)));
        Assert.True(export.Valid, string.Join("; ", export.Findings));
        Assert.Equal(2, export.Included);
    }

    [Fact]
    public async Task A_commit_the_database_refused_commits_the_same_records_at_the_next_attempt()
    {
        await Api.SignInAsync(Api.Alice);
        _store.FailNextCommit = true;

        var failed = await Api.PostAsync("/api/logins/batches", new { }, asOperator: true);
        var retried = await Api.PostAsync("/api/logins/batches", new { }, asOperator: true);

        Assert.Equal(HttpStatusCode.ServiceUnavailable, failed.Status);
        Assert.Equal("1", retried["batchId"]);
        Assert.Equal(1, (await _store.LastBatchAsync())!.Size);
    }

    [Fact]
    public async Task Of_two_activations_committing_at_once_one_publishes_and_the_other_commits_nothing()
    {
        await Api.SignInAsync(Api.Alice);
        await Api.SignInAsync(Api.Bob);
        var first = new LoginBatchCommitter(_store, 1_000, Time, NullLogger.Instance);
        var second = new LoginBatchCommitter(_store, 1_000, Time, NullLogger.Instance);
        _store.HoldCommits = new TaskCompletionSource(TaskCreationOptions.RunContinuationsAsynchronously);

        var a = first.CommitAsync();
        var b = second.CommitAsync();
        await Testing.Wait.UntilAsync(() => _store.HeldCommits == 2, "both commits at the store");
        _store.HoldCommits.SetResult();
        var results = await Task.WhenAll(a, b);

        Assert.Single(results, r => r is not null);
        Assert.Single(await _store.ListBatchesAsync(null, 10));
        Assert.Equal(2, (await _store.LastBatchAsync())!.Size);
    }

    private static readonly System.Text.Json.JsonValueKind JsonNull = System.Text.Json.JsonValueKind.Null;

    private async Task<LoginExportJson> ExportAsync(string token)
    {
        var reply = await Api.GetAsync($"/api/wallets/{Api.Alice.Address}/logins/export", token);
        return System.Text.Json.JsonSerializer.Deserialize<LoginExportJson>(reply.Body.GetRawText(), System.Text.Json.JsonSerializerOptions.Web)!;
    }

    // The memory store with faults on batch commits; everything else passes through.
    private sealed class FaultingStore(MemoryLoginRecordStore inner) : ILoginRecordStore
    {
        private int _held;

        public bool LoseNextCommitAnswer { get; set; }

        public bool FailNextCommit { get; set; }

        public TaskCompletionSource? HoldCommits { get; set; }

        public int HeldCommits => Volatile.Read(ref _held);

        public async Task<bool> CommitBatchAsync(LoginBatch batch, IReadOnlyList<LoginTreeNode> nodes, CancellationToken cancellationToken = default)
        {
            if (HoldCommits is { } hold)
            {
                Interlocked.Increment(ref _held);
                await hold.Task;
            }

            if (FailNextCommit)
            {
                FailNextCommit = false;
                throw new Actors.Providers.Storage.StorageUnavailableException("The database refused the batch.");
            }

            var committed = await inner.CommitBatchAsync(batch, nodes, cancellationToken);
            if (LoseNextCommitAnswer)
            {
                LoseNextCommitAnswer = false;
                throw new TimeoutException("The batch committed, but its answer was lost.");
            }

            return committed;
        }

        public Task<IReadOnlyList<long>> AppendAsync(IReadOnlyList<LoginRecord> records, CancellationToken cancellationToken = default) => inner.AppendAsync(records, cancellationToken);

        public Task<long> CountAsync(CancellationToken cancellationToken = default) => inner.CountAsync(cancellationToken);

        public Task<IReadOnlyList<StoredLoginRecord>> ReadChainAsync(string chain, long fromSequence, int limit, CancellationToken cancellationToken = default) =>
            inner.ReadChainAsync(chain, fromSequence, limit, cancellationToken);

        public Task<StoredLoginRecord?> LastOfChainAsync(string chain, CancellationToken cancellationToken = default) => inner.LastOfChainAsync(chain, cancellationToken);

        public Task<IReadOnlyList<Domain.Ethereum.Hash32>> ReadHashesAsync(long from, int count, CancellationToken cancellationToken = default) =>
            inner.ReadHashesAsync(from, count, cancellationToken);

        public Task<int> TombstoneAsync(string chain, long throughSequence, CancellationToken cancellationToken = default) =>
            inner.TombstoneAsync(chain, throughSequence, cancellationToken);

        public Task<int> TombstoneOlderThanAsync(long time, CancellationToken cancellationToken = default) => inner.TombstoneOlderThanAsync(time, cancellationToken);

        public Task<LoginBatch?> LastBatchAsync(CancellationToken cancellationToken = default) => inner.LastBatchAsync(cancellationToken);

        public Task<LoginBatch?> GetBatchAsync(long batchId, CancellationToken cancellationToken = default) => inner.GetBatchAsync(batchId, cancellationToken);

        public Task<IReadOnlyList<LoginBatch>> ListBatchesAsync(long? beforeId, int limit, CancellationToken cancellationToken = default) =>
            inner.ListBatchesAsync(beforeId, limit, cancellationToken);

        public Task<LoginBatch?> BatchHoldingAsync(long position, CancellationToken cancellationToken = default) => inner.BatchHoldingAsync(position, cancellationToken);

        public Task<IReadOnlyDictionary<(int Level, long Index), MerkleHash>> ReadNodesAsync(
            IReadOnlyCollection<(int Level, long Index)> nodes, CancellationToken cancellationToken = default) => inner.ReadNodesAsync(nodes, cancellationToken);
    }
}
