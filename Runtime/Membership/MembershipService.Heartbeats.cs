using System.Diagnostics;
using Actors.Runtime.Diagnostics;

namespace Actors.Runtime.Membership;

internal sealed partial class MembershipService
{
    /// <summary>One round: renew the lease, read the table, declare expired peers dead.</summary>
    internal async Task HeartbeatOnceAsync(CancellationToken cancellationToken)
    {
        try
        {
            var renewed = await Bounded(_table.HeartbeatAsync(ClusterId, Self, cancellationToken)).ConfigureAwait(false);
            if (renewed is null)
            {
                BecomeDead();
                return;
            }

            _lastRenewal = Stopwatch.GetTimestamp();
            if (_reachableSince < 0)
            {
                _reachableSince = _lastRenewal;
            }

            var snapshot = await Bounded(_table.ReadAsync(ClusterId, cancellationToken)).ConfigureAwait(false);
            _runtime.SetFenced(false);
            Publish(snapshot);
            await DeclareExpiredAsync(snapshot, cancellationToken).ConfigureAwait(false);
            await _table.DeleteDeadAsync(ClusterId, snapshot.Now - (long)_options.DefunctSiloExpiration.TotalMilliseconds, cancellationToken).ConfigureAwait(false);
        }
        catch (Exception error) when (error is StorageException or TimeoutException)
        {
            _reachableSince = -1;
            if (Stopwatch.GetElapsedTime(_lastRenewal) >= _options.DeathTimeout - _options.HeartbeatPeriod)
            {
                // The lease may run out before the table answers again: stop serving before any peer may declare this silo dead.
                if (_runtime.SetFenced(true))
                {
                    Log.Fenced(_runtime.Logger, Self, error.Message);
                }
            }
        }
    }

    // A table call that hangs counts as a failed one once the lease could run out, so fencing is never held up by it.
    private Task<T> Bounded<T>(Task<T> call) => call.WaitAsync(_options.DeathTimeout - _options.HeartbeatPeriod, _runtime.TimeProvider);

    /// <summary>
    /// Declares dead every peer whose heartbeat (database clock) is older than the death timeout, but only after this silo
    /// itself has reached the table for a whole death timeout: right after an outage every heartbeat looks old.
    /// </summary>
    private async Task DeclareExpiredAsync(MembershipSnapshot snapshot, CancellationToken cancellationToken)
    {
        if (_reachableSince < 0 || Stopwatch.GetElapsedTime(_reachableSince) < _options.DeathTimeout)
        {
            return;
        }

        Interlocked.Increment(ref _expiryChecks);

        var tableVersion = snapshot.TableVersion;
        foreach (var row in snapshot.Entries)
        {
            var entry = row.Entry;
            if (entry.Silo == Self || entry.Status == SiloStatus.Dead || snapshot.Now - entry.HeartbeatAt <= _options.DeathTimeout.TotalMilliseconds)
            {
                continue;
            }

            if (await _table.TryUpdateAsync(ClusterId, entry with { Status = SiloStatus.Dead }, row.Version, tableVersion, cancellationToken).ConfigureAwait(false))
            {
                Log.DeclaredDead(_runtime.Logger, entry.Silo, Self, $"no heartbeat for {snapshot.Now - entry.HeartbeatAt} ms");
                tableVersion++;
            }
            else
            {
                return; // The table moved: decide again from the next read.
            }
        }
    }

    private void BecomeDead()
    {
        _runtime.SetFenced(true);
        if (!_stopping.IsCancellationRequested)
        {
            Log.FoundSelfDead(_runtime.Logger, Self);
            _stopping.Cancel();
            DeclaredDead?.Invoke();
        }
    }
}
