using Actors.Domain.Logins;
using Actors.Grains.Interfaces.Logins;
using Actors.Providers.Logins;
using Microsoft.Extensions.Logging;
using Microsoft.Extensions.Options;

namespace Actors.Grains.Logins;

/// <summary>
/// Commits the login log's batches (<see cref="ILoginBatcherGrain"/>): every <c>Logins:BatchInterval</c> the records appended
/// since the last batch extend the log's RFC 9162 tree, and the new tree head is published with the subtrees it completed, in
/// one write-once transaction. What it commits is decided by the table alone (positions after the last batch's size), so an
/// activation that dies mid-commit loses nothing and its successor commits the same records once: a second commit of the same
/// batch id is refused by the store. A reminder brings the grain back after its silo dies, and runs retention.
/// </summary>
public sealed class LoginBatcherGrain(
    ILoginRecordStore store, IOptions<LoginOptions> options, TimeProvider time, ILogger<LoginBatcherGrain> logger)
    : Grain, ILoginBatcherGrain, IRemindable
{
    private const string ReminderName = "login-batches";
    private static readonly TimeSpan s_retentionEvery = TimeSpan.FromHours(1);

    private readonly LoginBatchCommitter _committer = new(store, options.Value.BatchMaxRecords, time, logger);
    private DateTimeOffset _lastRetention = DateTimeOffset.MinValue;

    /// <inheritdoc />
    public override async Task OnActivateAsync(CancellationToken cancellationToken)
    {
        var interval = options.Value.BatchInterval;
        this.RegisterGrainTimer(async _ => await Commit(), interval, interval);
        var period = interval < TimeSpan.FromMinutes(1) ? TimeSpan.FromMinutes(1) : interval;
        await this.RegisterOrUpdateReminder(ReminderName, period, period);
    }

    /// <inheritdoc />
    public Task Start() => Task.CompletedTask;

    /// <inheritdoc />
    public async Task ReceiveReminder(string reminderName, TickStatus status)
    {
        if (time.GetUtcNow() - _lastRetention >= s_retentionEvery)
        {
            await ApplyRetention();
        }
    }

    /// <inheritdoc />
    public async Task<long?> Commit()
    {
        long? last = null;
        while (await _committer.CommitAsync() is { } committed)
        {
            last = committed.BatchId;
            if (committed.Records < options.Value.BatchMaxRecords)
            {
                break;
            }
        }

        return last;
    }

    /// <inheritdoc />
    public async Task<int> ApplyRetention()
    {
        _lastRetention = time.GetUtcNow();
        var cutoff = _lastRetention - options.Value.Retention;
        var erased = await store.TombstoneOlderThanAsync(cutoff.ToUnixTimeSeconds());
        if (erased > 0)
        {
            await GrainFactory.GetGrain<ILoginLogGrain>(LoginRecordHashing.ClusterChain).RecordRetention(cutoff.ToUnixTimeSeconds(), erased);
            LoginLog.RetentionApplied(logger, erased, cutoff);
        }

        return erased;
    }
}

/// <summary>The login log's events.</summary>
internal static partial class LoginLog
{
    [LoggerMessage(EventId = 6001, Level = LogLevel.Information, Message = "Login batch {BatchId} committed: {Records} records, tree size {Size}")]
    public static partial void BatchCommitted(ILogger logger, long batchId, long records, long size);

    [LoggerMessage(EventId = 6002, Level = LogLevel.Warning, Message = "Login batch {BatchId} was committed by another activation first; its records are not committed twice")]
    public static partial void BatchTaken(ILogger logger, long batchId);

    [LoggerMessage(EventId = 6003, Level = LogLevel.Information, Message = "Login retention: {Records} records older than {Cutoff} tombstoned")]
    public static partial void RetentionApplied(ILogger logger, int records, DateTimeOffset cutoff);

    [LoggerMessage(EventId = 6004, Level = LogLevel.Warning, Message = "Login key rotated from version {OldVersion} to {NewVersion}")]
    public static partial void KeyRotated(ILogger logger, int oldVersion, int newVersion);
}
