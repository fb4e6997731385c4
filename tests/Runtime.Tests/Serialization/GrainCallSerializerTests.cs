using System.Text;
using Actors.Runtime.Invocation;
using Actors.Runtime.Serialization;
using Actors.Runtime.Tests.TestGrains;

namespace Actors.Runtime.Tests.Serialization;

public sealed class GrainCallSerializerTests
{
    private static readonly GrainCallSerializer Serializer = new();
    private static readonly GrainInterfaceInfo Orders = GrainRegistry.GetInterface(typeof(IOrderGrain));
    private static readonly GrainMethod TotalMethod = Orders.Methods.Single(m => m.Name == "Total");

    [Fact]
    public async Task A_request_read_back_from_its_bytes_calls_the_grain_with_the_same_arguments()
    {
        var (silo, _) = await ProbeSilo.StartAsync();
        await using var __ = silo;
        var request = (GrainRequest<OrderTotal>)TotalMethod.CreateRequest();
        var json = """[[{"sku":"a","quantity":2,"unitPrice":150},{"sku":"b","quantity":1,"unitPrice":1000}],100]""";
        var fromBytes = (GrainRequest<OrderTotal>)Serializer.DeserializeRequest("order", TotalMethod.MethodId, Encoding.UTF8.GetBytes(json));

        var total = await silo.Runtime().Catalog.InvokeAsync(GrainId.Create("order", "o1"), fromBytes);

        Assert.Equal(new OrderTotal(2, 1200), total);
        Assert.Equal(json, Encoding.UTF8.GetString(Serializer.SerializeArguments(fromBytes)));
        Assert.Equal(total, Serializer.DeserializeResult(request, Serializer.SerializeResult(request, total)));
    }

    [Fact]
    public void Argument_types_tolerate_added_and_missing_fields()
    {
        var json = """[[{"sku":"a","quantity":2,"unitPrice":150,"addedLater":{"x":1}},{"sku":"b"}],0]""";

        var request = Serializer.DeserializeRequest("order", TotalMethod.MethodId, Encoding.UTF8.GetBytes(json));

        var roundTrip = Encoding.UTF8.GetString(Serializer.SerializeArguments(request));
        Assert.Equal("""[[{"sku":"a","quantity":2,"unitPrice":150},{"sku":"b","quantity":0,"unitPrice":0}],0]""", roundTrip);
    }

    [Theory]
    [InlineData("""{"lines":[]}""", "must be a JSON array")]
    [InlineData("""[[]]""", "end before argument 1 ('discount')")]
    [InlineData("""[[],1,2]""", "more than its 2 parameters")]
    [InlineData("""[[],"ten"]""", "cannot be read")]
    [InlineData("""[[],1] [""", "cannot be read")]
    [InlineData("""[[],1""", "cannot be read")]
    public void Malformed_arguments_are_refused_with_the_method_named(string json, string expected)
    {
        var error = Assert.Throws<MalformedGrainCallException>(() => Serializer.DeserializeRequest("order", TotalMethod.MethodId, Encoding.UTF8.GetBytes(json)));

        Assert.Contains("IOrderGrain.Total", error.Message, StringComparison.Ordinal);
        Assert.Contains(expected, error.Message, StringComparison.Ordinal);
    }

    [Fact]
    public void Unknown_types_and_methods_are_refused_by_name()
    {
        Assert.Throws<UnknownGrainMethodException>(() => Serializer.DeserializeRequest("order", 0x12345678, "[]"u8));
        var error = Assert.Throws<UnknownGrainTypeException>(() => Serializer.DeserializeRequest("no-such-grain", TotalMethod.MethodId, "[]"u8));
        Assert.Contains("'no-such-grain'", error.Message, StringComparison.Ordinal);
    }

    [Fact]
    public void A_result_that_is_not_the_method_result_type_is_refused()
    {
        var request = (GrainRequest<OrderTotal>)TotalMethod.CreateRequest();

        var error = Assert.Throws<MalformedGrainCallException>(() => Serializer.DeserializeResult(request, "\"text\""u8));

        Assert.Contains("IOrderGrain.Total", error.Message, StringComparison.Ordinal);
    }

    [Fact]
    public void Stored_state_tolerates_added_and_removed_fields()
    {
        var serializer = new JsonGrainStateSerializer();
        var old = serializer.Serialize(new StateV1 { Balance = 7, Retired = "gone later" });

        var newer = serializer.Deserialize<StateV2>(old);
        var back = serializer.Deserialize<StateV1>(serializer.Serialize(new StateV2 { Balance = 9, Added = "new" }));

        Assert.Equal(7, newer.Balance);
        Assert.Equal("default", newer.Added);
        Assert.Equal(9, back.Balance);
        Assert.Null(back.Retired);
    }

    private sealed class StateV1
    {
        public long Balance { get; set; }

        public string? Retired { get; set; }
    }

    private sealed class StateV2
    {
        public long Balance { get; set; }

        public string Added { get; set; } = "default";
    }
}
