using Actors.Runtime.Invocation;
using Actors.Runtime.Tests.TestGrains;

namespace Actors.Runtime.Tests.Invocation;

public sealed class GrainAddressingTests
{
    [Fact]
    public async Task Grain_types_come_from_interface_names_or_the_attribute()
    {
        var (silo, _) = await ProbeSilo.StartAsync();
        await using var __ = silo;

        Assert.Equal("reward-pool-like/p1", await silo.GrainFactory.GetGrain<IRewardPoolLikeGrain>("p1").Who());
        Assert.Equal("custom.named/k", await silo.GrainFactory.GetGrain<IRenamedGrain>("k").Who());
        Assert.Equal("probe", GrainRegistry.GetInterface(typeof(IProbeGrain)).GrainType);
    }

    [Fact]
    public async Task Inherited_interface_methods_are_callable_through_the_derived_proxy()
    {
        var (silo, _) = await ProbeSilo.StartAsync();
        await using var __ = silo;
        var greeter = silo.GrainFactory.GetGrain<IDerivedGreeter>("g");

        Assert.Equal("hello ann", await greeter.Greet("ann"));
        Assert.Equal("HELLO ANN", await greeter.Shout("ann"));
    }

    [Fact]
    public void Method_ids_are_stable_hashes_of_the_signature()
    {
        var info = GrainRegistry.GetInterface(typeof(IProbeGrain));
        var echo = info.Methods.Single(m => m.Name == "Echo");

        // FNV-1a of the declaring interface and the parameter types, computed independently of the generator.
        var expected = Fnv1a("global::Actors.Runtime.Tests.TestGrains.IProbeGrain.Echo(string)");
        Assert.Equal(expected, echo.MethodId);
        Assert.Same(echo, info.GetMethod(expected));
        Assert.Equal(info.Methods.Count, info.Methods.Select(m => m.MethodId).Distinct().Count());
    }

    [Fact]
    public void Method_attributes_reach_the_descriptor()
    {
        var methods = GrainRegistry.GetInterface(typeof(IProbeGrain)).Methods.ToDictionary(m => m.Name);

        Assert.True(methods["Read"].IsReadOnly);
        Assert.True(methods["Interleaved"].IsAlwaysInterleave);
        Assert.Equal(TimeSpan.FromSeconds(2), methods["Slow"].ResponseTimeout);
        Assert.Null(methods["Exclusive"].ResponseTimeout);
        Assert.False(methods["Exclusive"].IsReadOnly || methods["Exclusive"].IsAlwaysInterleave);
    }

    [Fact]
    public void An_unknown_method_id_is_refused_with_the_interface_named()
    {
        var info = GrainRegistry.GetInterface(typeof(IProbeGrain));

        var error = Assert.Throws<UnknownGrainMethodException>(() => info.GetMethod(0xDEADBEEF));

        Assert.Contains("IProbeGrain", error.Message, StringComparison.Ordinal);
        Assert.Contains("0xDEADBEEF", error.Message, StringComparison.Ordinal);
    }

    [Fact]
    public async Task A_grain_type_with_no_class_in_the_silo_is_refused_with_its_name()
    {
        var (silo, _) = await ProbeSilo.StartAsync();
        await using var __ = silo;

        var error = await Assert.ThrowsAsync<UnknownGrainTypeException>(() => silo.GrainFactory.GetGrain<IUnimplementedGrain>("x").Ping());

        Assert.Contains("IUnimplementedGrain", error.Message, StringComparison.Ordinal);
        Assert.Contains("'unimplemented'", error.Message, StringComparison.Ordinal);
        Assert.Throws<UnknownGrainTypeException>(() => GrainRegistry.GetInterface("no-such-type"));
        Assert.Equal(0, silo.Silo.ActivationCount);
    }

    [Theory]
    [InlineData("")]
    [InlineData("line\nbreak")]
    [InlineData("nul\0char")]
    [InlineData("\ud800lonely-surrogate")]
    public async Task Malformed_keys_are_refused_before_any_activation(string key)
    {
        var (silo, _) = await ProbeSilo.StartAsync();
        await using var __ = silo;

        var error = Assert.Throws<ArgumentException>(() => silo.GrainFactory.GetGrain<IProbeGrain>(key));

        Assert.Equal("key", error.ParamName);
        Assert.Equal(0, silo.Silo.ActivationCount);
    }

    [Fact]
    public void Keys_longer_than_the_limit_are_refused_and_the_limit_itself_is_accepted()
    {
        var limit = new string('k', GrainId.MaxKeyBytes);
        Assert.Equal(limit, GrainId.Create("probe", limit).Key);

        Assert.Throws<ArgumentException>(() => GrainId.Create("probe", limit + "k"));
        Assert.Throws<ArgumentException>(() => GrainId.Create("probe", new string('é', (GrainId.MaxKeyBytes / 2) + 1)));
        Assert.Throws<ArgumentException>(() => GrainId.Create("Bad Type", "k"));
    }

    private static uint Fnv1a(string text)
    {
        var hash = 2166136261u;
        foreach (var b in System.Text.Encoding.UTF8.GetBytes(text))
        {
            hash = (hash ^ b) * 16777619u;
        }

        return hash;
    }
}
