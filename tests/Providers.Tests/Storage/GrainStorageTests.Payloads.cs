using System.Text;
using System.Text.Json;
using Actors.Providers.Storage;
using Orleans.Runtime;

namespace Actors.Providers.Tests.Storage;

public abstract partial class GrainStorageTests
{
    [Fact]
    public async Task A_record_in_the_first_versions_format_reads_back_and_takes_the_next_write()
    {
        var grain = Grain("first-version");
        // As the first version wrote it: camelCase, fields included, and a property this build no longer has.
        var row = """{"balance":12,"owner":"0xab","tags":["a","b"],"retired":true}"""u8.ToArray();
        await Harness.PutRowAsync(MainDatabase, KeyOf(grain), row, version: 7);

        var state = await ReadAsync(grain);

        Assert.Equal(("7", true), (state.ETag, state.RecordExists));
        Assert.Equal((12L, "0xab", (string?)null), (state.State.Balance, state.State.Owner, state.State.Nickname));
        Assert.Equal(["a", "b"], state.State.Tags);
        state.State.Balance = 13;
        await WriteAsync(grain, state);
        Assert.Equal(("8", 13L), ((await ReadAsync(grain)).ETag, (await ReadAsync(grain)).State.Balance));
    }

    [Fact]
    public async Task State_is_stored_as_camel_case_json_with_its_fields_under_the_grains_type_and_key()
    {
        var grain = GrainId.Create("wallet", $"0xAbC-{Guid.NewGuid():N}");
        var state = await ReadAsync(grain, "balance");
        state.State = new TestState { Balance = 5, Tags = ["x"] };
        await WriteAsync(grain, state, "balance");

        var stored = await Store.ReadAsync(new StateKey("wallet", grain.Key.ToString()!, "balance"), CancellationToken.None);

        Assert.NotNull(stored?.Data);
        using var json = JsonDocument.Parse(stored.Data);
        Assert.Equal(5, json.RootElement.GetProperty("balance").GetInt64());
        Assert.Equal("x", json.RootElement.GetProperty("tags")[0].GetString());
        Assert.Equal(1, stored.Version);
    }

    [Theory]
    [InlineData("{not json")]
    [InlineData("[1,2,3]")]
    [InlineData("{\"balance\":\"many\"}")]
    public async Task Unreadable_stored_bytes_fail_the_read_naming_grain_and_state_and_the_record_is_left_as_it_is(string bytes)
    {
        var grain = Grain("corrupt");
        var junk = Encoding.UTF8.GetBytes(bytes);
        await Harness.PutRowAsync(MainDatabase, KeyOf(grain, "wallet"), junk, version: 4);

        var error = await Assert.ThrowsAsync<CorruptStateException>(() => ReadAsync(grain, "wallet"));

        Assert.Contains(grain.ToString(), error.Message, StringComparison.Ordinal);
        Assert.Contains("'wallet'", error.Message, StringComparison.Ordinal);
        Assert.IsAssignableFrom<JsonException>(error.InnerException);
        var stored = await Store.ReadAsync(KeyOf(grain, "wallet"), CancellationToken.None);
        Assert.Equal(junk, stored?.Data);
        Assert.Equal(4, stored?.Version);
    }

    [Fact]
    public async Task A_corrupt_record_does_not_affect_other_grains()
    {
        var corrupt = Grain("corrupt-neighbour");
        await Harness.PutRowAsync(MainDatabase, KeyOf(corrupt), "{oops"u8.ToArray(), version: 1);
        var healthy = Grain("healthy-neighbour");

        var state = await ReadAsync(healthy);
        state.State.Balance = 7;
        await WriteAsync(healthy, state);

        Assert.Equal(7, (await ReadAsync(healthy)).State.Balance);
        await Assert.ThrowsAsync<CorruptStateException>(() => ReadAsync(corrupt));
    }
}
