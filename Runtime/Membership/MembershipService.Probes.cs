using Actors.Runtime.Diagnostics;

namespace Actors.Runtime.Membership;

internal sealed partial class MembershipService
{
    /// <summary>Pings every Active peer; a peer that missed too many probes in a row gets this silo's vote.</summary>
    internal async Task ProbeOnceAsync(CancellationToken cancellationToken)
    {
        if (_runtime.IsFenced)
        {
            // A silo that cannot vouch for itself does not judge others, nor remember misses for later.
            lock (_missedProbes)
            {
                _missedProbes.Clear();
            }

            return;
        }

        var peers = _view.Active.Where(m => m.Silo != Self).Select(m => m.Silo).ToArray();
        var answers = await Task.WhenAll(peers.Select(p => _runtime.Messages.PingAsync(p, _options.ProbeTimeout))).ConfigureAwait(false);
        var suspects = new List<SiloAddress>();
        lock (_missedProbes)
        {
            foreach (var gone in _missedProbes.Keys.Except(peers).ToList())
            {
                _missedProbes.Remove(gone);
            }

            for (var i = 0; i < peers.Length; i++)
            {
                var missed = answers[i] is not null ? 0 : _missedProbes.GetValueOrDefault(peers[i]) + 1;
                _missedProbes[peers[i]] = missed;
                if (missed >= _options.MissedProbesLimit)
                {
                    suspects.Add(peers[i]);
                }
            }
        }

        foreach (var suspect in suspects)
        {
            try
            {
                await VoteAsync(suspect, cancellationToken).ConfigureAwait(false);
            }
            catch (StorageException error)
            {
                Log.MembershipUpdateFailed(_runtime.Logger, suspect, SiloStatus.Dead, error);
            }
        }
    }

    /// <summary>
    /// Records this silo's vote against the suspect, dropping expired votes; with enough votes from distinct live silos the
    /// suspect is declared Dead in the same compare-and-swap.
    /// </summary>
    private async Task VoteAsync(SiloAddress suspect, CancellationToken cancellationToken)
    {
        if (_runtime.IsFenced)
        {
            return; // A silo that may itself be cut off does not vote.
        }

        var snapshot = await _table.ReadAsync(ClusterId, cancellationToken).ConfigureAwait(false);
        if (snapshot.Entries.FirstOrDefault(e => e.Entry.Silo == Self)?.Entry.Status != SiloStatus.Active)
        {
            return; // Only live silos vote: a silo already declared dead (and not yet aware) must not tip the count.
        }

        var row = snapshot.Entries.FirstOrDefault(e => e.Entry.Silo == suspect);
        if (row is null || row.Entry.Status == SiloStatus.Dead)
        {
            return;
        }

        var live = snapshot.Entries.Where(e => e.Entry.Status == SiloStatus.Active && e.Entry.Silo != suspect).Select(e => e.Entry.Silo).ToHashSet();
        var votes = row.Entry.Suspicions
            .Where(v => v.At >= snapshot.Now - (long)_options.VoteExpiration.TotalMilliseconds && live.Contains(v.Suspecter) && v.Suspecter != Self)
            .Append(new Suspicion(Self, snapshot.Now))
            .ToList();
        var needed = Math.Max(1, Math.Min(_options.VotesForDeath, live.Count));
        var status = votes.Count >= needed ? SiloStatus.Dead : row.Entry.Status;
        var updated = row.Entry with { Suspicions = votes, Status = status };
        if (await _table.TryUpdateAsync(ClusterId, updated, row.Version, snapshot.TableVersion, cancellationToken).ConfigureAwait(false)
            && status == SiloStatus.Dead)
        {
            Log.DeclaredDead(_runtime.Logger, suspect, Self, $"{votes.Count} votes after missed probes");
        }
    }
}
