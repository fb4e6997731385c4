using System.Diagnostics;
using Actors.Runtime.Diagnostics;

namespace Actors.Runtime.Membership;

/// <summary>
/// This silo's part in the membership protocol: it joins the table (Joining, then Active), renews its heartbeat, reads the
/// table into a <see cref="ClusterView"/>, probes its peers, votes against peers that stop answering, and declares dead the
/// peers whose heartbeat expired. It fences itself (stops serving grain calls) as soon as it cannot renew its own lease, and
/// stops for good when it finds itself declared Dead.
/// </summary>
internal sealed partial class MembershipService : IAsyncDisposable
{
    private readonly SiloRuntime _runtime;
    private readonly IMembershipTable _table;
    private readonly MembershipOptions _options;
    private readonly CancellationTokenSource _stopping = new();
    private readonly Dictionary<SiloAddress, int> _missedProbes = [];
    private volatile ClusterView _view = ClusterView.Empty;
    private long _viewSettledAt = long.MinValue;
    private long _lastRenewal;
    private long _reachableSince = -1;
    private int _expiryChecks;
    private Task? _heartbeats;
    private Task? _probes;

    public MembershipService(SiloRuntime runtime, IMembershipTable table, MembershipOptions options)
    {
        _runtime = runtime;
        _table = table;
        _options = options;
    }

    /// <summary>Raised after each change of the view (a new table version), on the membership loop.</summary>
    public event Action<ClusterView>? ViewChanged;

    /// <summary>Raised once when this silo finds itself declared Dead; the silo must stop.</summary>
    public event Action? DeclaredDead;

    public ClusterView View => _view;

    public MembershipOptions Options => _options;

    /// <summary>
    /// How long after this silo's view changes another silo may still act on an older view. Silos read the table every
    /// heartbeat period, right after renewing their lease, and a silo that cannot renew fences itself (serves no call) within
    /// the death timeout; so one death timeout after this silo saw a table version, a silo still serving has read it too.
    /// </summary>
    public TimeSpan ViewSettleTime => _options.DeathTimeout;

    /// <summary>
    /// The <see cref="TimeProvider.GetTimestamp"/> until which the current view is unsettled: up to then another silo may run,
    /// and write, a grain this silo also runs. Activations check their persistent states against storage before calls until
    /// they have checked after this moment (see <see cref="Activation.StateRefresh"/>).
    /// </summary>
    public long ViewSettledAt => Volatile.Read(ref _viewSettledAt);

    /// <summary>How many rounds looked for expired peers (after the silo had reached the table for a whole death timeout).</summary>
    internal int ExpiryChecks => Volatile.Read(ref _expiryChecks);

    public IMembershipTable Table => _table;

    private SiloAddress Self => _runtime.SiloAddress;

    private string ClusterId => _runtime.ClusterId;

    /// <summary>Creates the schema, inserts this silo as Joining, then marks it Active and starts the loops.</summary>
    public async Task JoinAsync(CancellationToken cancellationToken)
    {
        await _table.InitializeAsync(cancellationToken).ConfigureAwait(false);
        var entry = new MembershipEntry(Self, _runtime.Zone, SiloStatus.Joining, _runtime.Options.GatewayPort, _runtime.HttpPort, 0, 0, []);
        while (true)
        {
            var snapshot = await _table.ReadAsync(ClusterId, cancellationToken).ConfigureAwait(false);
            if (await _table.TryInsertAsync(ClusterId, entry, snapshot.TableVersion, cancellationToken).ConfigureAwait(false))
            {
                break;
            }
        }

        _lastRenewal = Stopwatch.GetTimestamp();
        _reachableSince = _lastRenewal;
        await SetOwnStatusAsync(SiloStatus.Active, cancellationToken).ConfigureAwait(false);
        Publish(await _table.ReadAsync(ClusterId, cancellationToken).ConfigureAwait(false));
        _heartbeats = Task.Run(() => RunPeriodicallyAsync(_options.HeartbeatPeriod, HeartbeatOnceAsync, _stopping.Token));
        _probes = Task.Run(() => RunPeriodicallyAsync(_options.ProbePeriod, ProbeOnceAsync, _stopping.Token));
    }

    /// <summary>Marks this silo ShuttingDown (graceful stop begins); failures are logged, not thrown.</summary>
    public Task AnnounceShutdownAsync(CancellationToken cancellationToken) => TrySetOwnStatusAsync(SiloStatus.ShuttingDown, cancellationToken);

    /// <summary>Stops the loops and marks this silo Dead in the table (the last step of a graceful stop).</summary>
    public async Task LeaveAsync(CancellationToken cancellationToken)
    {
        await StopLoopsAsync().ConfigureAwait(false);
        await TrySetOwnStatusAsync(SiloStatus.Dead, cancellationToken).ConfigureAwait(false);
    }

    /// <summary>Stops the loops without touching the table, as a crash would.</summary>
    public Task AbandonAsync() => StopLoopsAsync();

    public async ValueTask DisposeAsync()
    {
        await StopLoopsAsync().ConfigureAwait(false);
        _stopping.Dispose();
    }

    private async Task RunPeriodicallyAsync(TimeSpan period, Func<CancellationToken, Task> round, CancellationToken cancellationToken)
    {
        using var timer = new PeriodicTimer(period, _runtime.TimeProvider);
        try
        {
            while (await timer.WaitForNextTickAsync(cancellationToken).ConfigureAwait(false))
            {
                try
                {
                    await round(cancellationToken).ConfigureAwait(false);
                }
                catch (Exception error) when (!cancellationToken.IsCancellationRequested)
                {
                    // A failed round must not end the loop: a silo whose loop died would keep a frozen view and never fence.
                    Log.MembershipRoundFailed(_runtime.Logger, Self, error);
                }
            }
        }
        catch (OperationCanceledException) when (cancellationToken.IsCancellationRequested)
        {
        }
    }

    private async Task StopLoopsAsync()
    {
        if (!_stopping.IsCancellationRequested)
        {
            await _stopping.CancelAsync().ConfigureAwait(false);
        }

        foreach (var loop in new[] { _heartbeats, _probes })
        {
            if (loop is not null)
            {
                await loop.ContinueWith(static _ => { }, TaskScheduler.Default).ConfigureAwait(false);
            }
        }
    }

    private async Task TrySetOwnStatusAsync(SiloStatus status, CancellationToken cancellationToken)
    {
        try
        {
            await SetOwnStatusAsync(status, cancellationToken).ConfigureAwait(false);
        }
        catch (Exception error) when (error is StorageException or OperationCanceledException or InvalidOperationException)
        {
            Log.MembershipUpdateFailed(_runtime.Logger, Self, status, error);
        }
    }

    private async Task SetOwnStatusAsync(SiloStatus status, CancellationToken cancellationToken)
    {
        for (var attempt = 0; attempt < 20; attempt++)
        {
            var snapshot = await _table.ReadAsync(ClusterId, cancellationToken).ConfigureAwait(false);
            var own = snapshot.Entries.FirstOrDefault(e => e.Entry.Silo == Self)
                ?? throw new InvalidOperationException($"Silo {Self} has no row in the membership table.");
            if (own.Entry.Status == SiloStatus.Dead && status != SiloStatus.Dead)
            {
                throw new InvalidOperationException($"Silo {Self} was declared Dead and cannot become {status}.");
            }

            if (await _table.TryUpdateAsync(ClusterId, own.Entry with { Status = status }, own.Version, snapshot.TableVersion, cancellationToken).ConfigureAwait(false))
            {
                return;
            }
        }

        throw new InvalidOperationException($"Silo {Self} could not record status {status}: the table kept changing.");
    }

    private void Publish(MembershipSnapshot snapshot)
    {
        if (snapshot.TableVersion == _view.Version && _view.Members.Count == snapshot.Entries.Count)
        {
            return;
        }

        var view = new ClusterView(snapshot.TableVersion, [.. snapshot.Entries.Select(e => e.Entry)]);
        if (view.Members.Any(m => m.Silo != Self))
        {
            // Unsettled before the view is visible, so that no call routed by the new view skips the checks. A table that holds
            // no other row has no silo that could still run a grain (dead rows go only long after their silos fenced).
            Volatile.Write(ref _viewSettledAt, _runtime.TimeProvider.GetTimestamp() + Timestamps(ViewSettleTime));
        }

        _view = view;
        Log.ViewChanged(_runtime.Logger, Self, view.Version, view.Active.Count, view.Members.Count);
        ViewChanged?.Invoke(view);
    }

    /// <summary>A duration in the units of <see cref="TimeProvider.GetTimestamp"/> of the silo's clock.</summary>
    internal long Timestamps(TimeSpan duration) => (long)(duration.TotalSeconds * _runtime.TimeProvider.TimestampFrequency);
}
