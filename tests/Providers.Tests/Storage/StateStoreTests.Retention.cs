using Actors.Providers.Storage;

namespace Actors.Providers.Tests.Storage;

public abstract partial class StateStoreTests
{
    [Fact]
    public async Task Deleting_unchanged_records_removes_those_of_the_grain_type_written_before_the_cutoff_and_nothing_else()
    {
        var expiring = new StateKey($"expiring-{Key("x").GrainKey}", "a", "state");
        var cleared = expiring with { GrainKey = "b" };
        var otherType = Key("kept");
        await CommitAsync(Write(expiring, Bytes(1), 0), Write(cleared, Bytes(2), 0), Write(otherType, Bytes(3), 0));
        await CommitAsync(Write(cleared, null, 1));

        var beforeAnyWrite = await Store.DeleteUnchangedSinceAsync(expiring.GrainType, DateTimeOffset.UtcNow.AddHours(-1), CancellationToken.None);
        var deleted = await Store.DeleteUnchangedSinceAsync(expiring.GrainType, DateTimeOffset.UtcNow.AddMinutes(1), CancellationToken.None);

        Assert.Equal(0, beforeAnyWrite);
        Assert.Equal(2, deleted);
        Assert.Null(await ReadAsync(expiring));
        Assert.Null(await ReadAsync(cleared));
        await AssertStoredAsync(otherType, Bytes(3), 1);
        await CommitAsync(Write(expiring, Bytes(4), 0));
        await AssertStoredAsync(expiring, Bytes(4), 1);
    }
}
