using Actors.Runtime.Diagnostics;
using Actors.Runtime.Invocation;

namespace Actors.Runtime.Reminders;

/// <summary>
/// This silo's part in running durable reminders. It holds the reminders of the grains it owns (the owner in its membership view),
/// loaded from the table at start, after each membership change and every <see cref="ReminderOptions.RefreshPeriod"/>. One loop on
/// the silo's clock wakes at the earliest due tick; each tick is a call to the grain's
/// <see cref="IRemindable.ReceiveReminderAsync"/> through the silo's router, and once the grain has answered, a compare-and-swap of
/// the tick into the table. A silo that dies between the two leaves the tick for the next owner to deliver again: delivery is
/// at least once, with the same <see cref="TickStatus.Sequence"/> everywhere.
/// </summary>
/// <remarks>
/// Ticks of one reminder are delivered one at a time and in order; ticks missed while no silo ran the reminder are each delivered
/// after it is taken over. A tick that fails is retried with a growing delay and logged; a reminder is never dropped for failing.
/// A fenced or stopping silo fires nothing.
/// </remarks>
internal sealed partial class ReminderService : IAsyncDisposable
{
    // Registration and removal read the row and then compare-and-swap it; a tick recorded in between makes them read again.
    private const int WriteAttempts = 10;

    private readonly SiloRuntime _runtime;
    private readonly IReminderTable _table;
    private readonly ReminderOptions _options;
    private readonly Lock _lock = new();
    private readonly Dictionary<ReminderKey, LocalReminder> _reminders = [];

    // Stopping ends the loops (no new tick starts); aborting also ends the ticks in flight, which then write nothing more.
    private readonly CancellationTokenSource _stopping = new();
    private readonly CancellationTokenSource _aborting = new();
    private long _changes;

    public ReminderService(SiloRuntime runtime, IReminderTable table, ReminderOptions options)
    {
        _runtime = runtime;
        _table = table;
        _options = options;
        _schedulerTimer = runtime.TimeProvider.CreateTimer(static s => ((WakeSignal)s!).Set(), _schedulerSignal, Timeout.InfiniteTimeSpan, Timeout.InfiniteTimeSpan);
        _refreshTimer = runtime.TimeProvider.CreateTimer(static s => ((WakeSignal)s!).Set(), _refreshSignal, Timeout.InfiniteTimeSpan, Timeout.InfiniteTimeSpan);
        runtime.Membership.ViewChanged += _ => _refreshSignal.Set();
    }

    public IReminderTable Table => _table;

    /// <summary>How many reminders this silo runs now.</summary>
    public int Count
    {
        get
        {
            lock (_lock)
            {
                return CountLive();
            }
        }
    }

    private long NowMs => _runtime.TimeProvider.GetUtcNow().ToUnixTimeMilliseconds();

    private SiloAddress Self => _runtime.SiloAddress;

    /// <summary>Creates or migrates the table's schema. Runs before the silo joins the cluster.</summary>
    public Task InitializeAsync(CancellationToken cancellationToken) => _table.InitializeAsync(cancellationToken);

    /// <summary>Starts loading reminders and firing ticks; runs once the silo has joined the cluster.</summary>
    public void Start()
    {
        _refreshSignal.Set();
        _refreshTimer.Change(_options.RefreshPeriod, _options.RefreshPeriod);
        _refreshLoop = Task.Run(() => RunRefreshesAsync(_stopping.Token));
        _schedulerLoop = Task.Run(() => RunSchedulerAsync(_stopping.Token));
    }

    /// <summary>
    /// Creates the reminder, or replaces its schedule: tick 0 is due at <paramref name="firstTick"/> (now, for a periodic reminder
    /// whose first tick is already past), then every <paramref name="period"/>; a zero period ticks once.
    /// </summary>
    public async Task<GrainReminder> RegisterAsync(GrainId grainId, string name, DateTimeOffset firstTick, TimeSpan period, CancellationToken cancellationToken)
    {
        ReminderArguments.ValidateName(name);
        if (period < TimeSpan.Zero || (period != TimeSpan.Zero && period < _options.MinimumPeriod))
        {
            throw new ArgumentOutOfRangeException(nameof(period), period,
                $"A reminder's period must be zero (one tick) or at least {_options.MinimumPeriod} ({ReminderOptions.SectionName}:MinimumPeriod).");
        }

        EnsureRemindable(grainId);
        var firstTickAt = firstTick.ToUnixTimeMilliseconds();
        var periodMs = (long)period.TotalMilliseconds;
        var entry = new ReminderEntry(grainId, name, periodMs == 0 ? firstTickAt : Math.Max(firstTickAt, NowMs), periodMs, LastTick: -1, Version: 0);
        for (var attempt = 0; attempt < WriteAttempts; attempt++)
        {
            var current = await BoundedAsync(_table.ReadAsync(entry.Key, cancellationToken), cancellationToken).ConfigureAwait(false);
            var version = await BoundedAsync(_table.TryUpsertAsync(entry, current?.Version ?? 0, cancellationToken), cancellationToken).ConfigureAwait(false);
            if (version is { } written)
            {
                Log.ReminderRegistered(_runtime.Logger, entry.Key, firstTick, period);
                ApplyLocalChange(entry.Key, entry with { Version = written });
                return entry.ToGrainReminder();
            }
        }

        throw new GrainRuntimeException($"Reminder {entry.Key} kept changing in the table while it was being registered; try again.");
    }

    /// <summary>Deletes the reminder; nothing happens when it does not exist.</summary>
    public async Task UnregisterAsync(GrainId grainId, string name, CancellationToken cancellationToken)
    {
        ReminderArguments.ValidateName(name);
        var key = new ReminderKey(grainId, name);
        for (var attempt = 0; attempt < WriteAttempts; attempt++)
        {
            var current = await BoundedAsync(_table.ReadAsync(key, cancellationToken), cancellationToken).ConfigureAwait(false);
            if (current is null || await BoundedAsync(_table.TryDeleteAsync(key, current.Version, cancellationToken), cancellationToken).ConfigureAwait(false))
            {
                Log.ReminderUnregistered(_runtime.Logger, key);
                ApplyLocalChange(key, null);
                return;
            }
        }

        throw new GrainRuntimeException($"Reminder {key} kept changing in the table while it was being unregistered; try again.");
    }

    public async Task<GrainReminder?> GetAsync(GrainId grainId, string name, CancellationToken cancellationToken)
    {
        ReminderArguments.ValidateName(name);
        var entry = await BoundedAsync(_table.ReadAsync(new ReminderKey(grainId, name), cancellationToken), cancellationToken).ConfigureAwait(false);
        return entry?.ToGrainReminder();
    }

    public async Task<IReadOnlyList<GrainReminder>> GetAllAsync(GrainId grainId, CancellationToken cancellationToken)
    {
        var entries = await BoundedAsync(_table.ReadAsync(grainId, cancellationToken), cancellationToken).ConfigureAwait(false);
        return [.. entries.Select(e => e.ToGrainReminder())];
    }

    /// <summary>
    /// Starts no more ticks and waits, up to <paramref name="timeout"/>, for the ticks in flight to be delivered and recorded, so
    /// that a graceful stop leaves no tick to be delivered again.
    /// </summary>
    public async Task StopAsync(TimeSpan timeout)
    {
        await StopLoopsAsync().ConfigureAwait(false);
        Task[] inFlight;
        lock (_lock)
        {
            inFlight = [.. _deliveries];
        }

        try
        {
            await Task.WhenAll(inFlight).WaitAsync(timeout, _runtime.TimeProvider).ConfigureAwait(false);
        }
        catch (TimeoutException)
        {
            Log.ReminderStopTimedOut(_runtime.Logger, inFlight.Count(t => !t.IsCompleted), timeout);
        }
        finally
        {
            if (!_aborting.IsCancellationRequested)
            {
                await _aborting.CancelAsync().ConfigureAwait(false);
            }
        }
    }

    /// <summary>Stops firing at once, as a crash would: ticks in flight write nothing more to the table.</summary>
    public async Task AbortAsync()
    {
        if (!_aborting.IsCancellationRequested)
        {
            await _aborting.CancelAsync().ConfigureAwait(false);
        }

        await StopLoopsAsync().ConfigureAwait(false);
    }

    public async ValueTask DisposeAsync()
    {
        await AbortAsync().ConfigureAwait(false);
        _schedulerSignal.Dispose();
        _refreshSignal.Dispose();
        _stopping.Dispose();
        _aborting.Dispose();
    }

    private async Task StopLoopsAsync()
    {
        if (!_stopping.IsCancellationRequested)
        {
            await _stopping.CancelAsync().ConfigureAwait(false);
        }

        await _schedulerTimer.DisposeAsync().ConfigureAwait(false);
        await _refreshTimer.DisposeAsync().ConfigureAwait(false);
        foreach (var loop in new[] { _schedulerLoop, _refreshLoop })
        {
            if (loop is not null)
            {
                await loop.ContinueWith(static _ => { }, TaskScheduler.Default).ConfigureAwait(false);
            }
        }
    }

    // Under the lock.
    private int CountLive() => _reminders.Values.Count(r => r.Entry is not null);

    // A grain registering on a silo that does not own it (views differ for a moment) leaves the reminder to the owner's next read.
    // A removal is kept as an empty reminder until the next table scan, so that a scan begun before it cannot bring it back.
    private void ApplyLocalChange(ReminderKey key, ReminderEntry? entry)
    {
        lock (_lock)
        {
            var owned = _runtime.Router.OwnerOf(key.GrainId) == Self;
            if (!_reminders.TryGetValue(key, out var reminder))
            {
                if (!owned)
                {
                    return;
                }

                _reminders[key] = reminder = new LocalReminder(key);
            }

            reminder.Replace(owned ? entry : null);
            reminder.ChangedAt = ++_changes;
            Schedule(reminder);
        }
    }

    // The silo calls the grain through the interface the grain type is registered under, so that interface must extend IRemindable.
    private static void EnsureRemindable(GrainId grainId)
    {
        var grainInterface = GrainRegistry.GetInterface(grainId.Type).InterfaceType;
        if (!typeof(IRemindable).IsAssignableFrom(grainInterface))
        {
            throw new InvalidOperationException(
                $"Grain {grainId} cannot register reminders: its grain interface {grainInterface.FullName} does not extend {typeof(IRemindable).FullName}.");
        }
    }

    // A table call that hangs counts as failed after the table timeout, so that no loop or grain waits on it forever.
    private Task<T> BoundedAsync<T>(Task<T> call, CancellationToken cancellationToken) =>
        call.WaitAsync(_options.TableTimeout, _runtime.TimeProvider, cancellationToken);
}
