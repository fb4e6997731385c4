using Actors.Grains.Interfaces.Rewards;
using Actors.Grains.Persistence;
using Orleans.Storage;

namespace Actors.Grains.Rewards;

/// <summary>
/// A pool's record of each position, one row per wallet in the pool's grain storage, under the id
/// <c>reward-pool-position/{poolId}/{wallet}</c>: reading or writing one position costs one row, whatever the number of
/// stakers. Rows carry their ETag, so a second activation of the pool writing a position fails instead of overwriting.
/// A few thousand rows read recently stay in memory.
/// </summary>
internal sealed class PositionRows(IServiceProvider services, string poolId)
{
    /// <summary>The grain type of position rows' ids.</summary>
    public const string GrainType = "reward-pool-position";

    /// <summary>Rows kept in memory after a read or write.</summary>
    public const int Cached = 4_096;

    private const string StateName = "position";

    private readonly IGrainStorage _storage = DefaultGrainStorage.Of(services);
    private readonly Dictionary<string, GrainState<PositionRow>> _cache = new(StringComparer.Ordinal);
    private readonly Queue<string> _order = new();

    /// <summary>The recorded position of <paramref name="wallet"/>, or null when it has none.</summary>
    public async Task<PoolPosition?> ReadAsync(string wallet) => (await RowAsync(wallet)).State?.Position;

    /// <summary>Records <paramref name="position"/> as the position of <paramref name="wallet"/>.</summary>
    public async Task WriteAsync(string wallet, PoolPosition position)
    {
        var row = await RowAsync(wallet);
        var written = new GrainState<PositionRow>(new PositionRow { Position = position }) { ETag = row.ETag, RecordExists = row.RecordExists };
        try
        {
            await _storage.WriteStateAsync(StateName, IdOf(wallet), written);
        }
        catch
        {
            Forget(wallet); // the row's ETag may have moved on: read it again next time
            throw;
        }

        _cache[wallet] = written;
    }

    private async Task<GrainState<PositionRow>> RowAsync(string wallet)
    {
        if (_cache.TryGetValue(wallet, out var cached))
        {
            return cached;
        }

        var row = new GrainState<PositionRow>();
        await _storage.ReadStateAsync(StateName, IdOf(wallet), row);
        while (_cache.Count >= Cached && _order.TryDequeue(out var oldest))
        {
            _cache.Remove(oldest);
        }

        _cache[wallet] = row;
        _order.Enqueue(wallet);
        return row;
    }

    private void Forget(string wallet)
    {
        _cache.Remove(wallet);
    }

    private GrainId IdOf(string wallet) => GrainId.Create(GrainType, $"{poolId}/{wallet}");
}

/// <summary>A position's row as stored.</summary>
public sealed class PositionRow
{
    /// <summary>The position, or null when the wallet never staked in the pool.</summary>
    public PoolPosition? Position { get; set; }
}
