namespace Actors.Runtime.Generator.Tests;

public sealed class GrainGeneratorTests
{
    private const string Usings = "using System.Threading.Tasks; using Actors.Runtime;\n";

    [Fact]
    public void A_valid_grain_compiles_with_a_proxy_requests_and_a_registration()
    {
        var (diagnostics, errors, source) = GeneratorHarness.Run(Usings + """
            namespace Shop;
            public sealed class Cart { public int Items { get; set; } }
            public interface IShoppingCartGrain : IGrainWithStringKey
            {
                Task<int> Add(int count, string? note);
                [ReadOnly] ValueTask<int> Count();
                [ResponseTimeout("00:00:05")] Task Clear();
                ValueTask Touch();
            }
            public sealed class ShoppingCartGrain([PersistentState("cart")] IPersistentState<Cart> cart, System.IServiceProvider services) : Grain, IShoppingCartGrain
            {
                public Task<int> Add(int count, string? note) => Task.FromResult(cart.State.Items += count);
                public ValueTask<int> Count() => ValueTask.FromResult(cart.State.Items);
                public Task Clear() => cart.ClearStateAsync();
                public ValueTask Touch() => ValueTask.CompletedTask;
            }
            """);

        Assert.Empty(diagnostics);
        Assert.Empty(errors);
        Assert.Contains("\"shopping-cart\"", source, StringComparison.Ordinal);
        Assert.Contains("class Proxy_Shop_IShoppingCartGrain", source, StringComparison.Ordinal);
        Assert.Contains("GetPersistentState<global::Shop.Cart>(\"cart\")", source, StringComparison.Ordinal);
        Assert.Contains("50000000L", source, StringComparison.Ordinal);
        Assert.Contains("ModuleInitializer", source, StringComparison.Ordinal);
    }

    [Theory]
    [InlineData("int Bad();", "ACT001")]
    [InlineData("Task Bad(ref int x);", "ACT002")]
    [InlineData("Task Bad<T>(T x);", "ACT003")]
    [InlineData("int Property { get; }", "ACT004")]
    [InlineData("[ResponseTimeout(\"soon\")] Task Bad();", "ACT007")]
    public void Unsupported_interface_members_are_build_errors(string member, string id)
    {
        var (diagnostics, _, source) = GeneratorHarness.Run(Usings + $$"""
            namespace Bad;
            public interface IBadGrain : IGrainWithStringKey { {{member}} }
            """);

        Assert.Contains(diagnostics, d => d.Id == id);
        Assert.DoesNotContain("Proxy_Bad_IBadGrain", source, StringComparison.Ordinal);
    }

    [Fact]
    public void A_bad_grain_type_name_is_a_build_error()
    {
        var (diagnostics, _, _) = GeneratorHarness.Run(Usings + """
            namespace Bad;
            [GrainType("Not Valid")] public interface IOddGrain : IGrainWithStringKey { Task Ping(); }
            """);

        Assert.Contains(diagnostics, d => d.Id == "ACT005");
    }

    [Fact]
    public void Grain_classes_need_one_constructor_and_named_states()
    {
        var (twoConstructors, _, _) = GeneratorHarness.Run(Usings + """
            namespace Bad;
            public interface IPingGrain : IGrainWithStringKey { Task Ping(); }
            public sealed class PingGrain : Grain, IPingGrain
            {
                public PingGrain() { }
                public PingGrain(int x) { }
                public Task Ping() => Task.CompletedTask;
            }
            """);
        var (unnamedState, _, _) = GeneratorHarness.Run(Usings + """
            namespace Bad;
            public sealed class S { }
            public interface IPingGrain : IGrainWithStringKey { Task Ping(); }
            public sealed class PingGrain(IPersistentState<S> state) : Grain, IPingGrain
            {
                public Task Ping() => Task.CompletedTask;
            }
            """);

        Assert.Contains(twoConstructors, d => d.Id == "ACT008");
        Assert.Contains(unnamedState, d => d.Id == "ACT009");
    }

    [Fact]
    public void Method_ids_do_not_change_when_unrelated_code_changes()
    {
        const string Grain = """
            namespace Ids;
            public interface IStableGrain : IGrainWithStringKey { Task<int> Get(string key, long version); }
            """;
        var (_, _, before) = GeneratorHarness.Run(Usings + Grain);
        var (_, _, after) = GeneratorHarness.Run(Usings + Grain + "\npublic interface IOtherGrain : IGrainWithStringKey { Task Other(); }");

        var id = System.Text.RegularExpressions.Regex.Match(before, "0x[0-9A-F]{8}u").Value;
        Assert.NotEmpty(id);
        Assert.Contains(id, after, StringComparison.Ordinal);
    }

    [Fact]
    public void A_grain_interface_extending_IRemindable_gets_the_reminder_method_with_one_id_in_every_interface()
    {
        var (diagnostics, errors, source) = GeneratorHarness.Run(Usings + """
            namespace Timers;
            public interface IAlarmGrain : IGrainWithStringKey, IRemindable { Task Arm(); }
            public interface IOtherAlarmGrain : IGrainWithStringKey, IRemindable { }
            public sealed class AlarmGrain : Grain, IAlarmGrain
            {
                public Task Arm() => RegisterOrUpdateReminderAsync("r", System.TimeSpan.Zero, System.TimeSpan.FromMinutes(1));
                public Task ReceiveReminderAsync(string reminderName, TickStatus status) => Task.CompletedTask;
            }
            """);

        Assert.Empty(diagnostics);
        Assert.Empty(errors);
        // Both proxies implement the inherited method, through one request class (one method id); IRemindable is no grain type itself.
        const string Implementation = "global::Actors.Runtime.IRemindable.ReceiveReminderAsync(string @reminderName, global::Actors.Runtime.TickStatus @status)";
        Assert.Equal(2, System.Text.RegularExpressions.Regex.Matches(source, System.Text.RegularExpressions.Regex.Escape(Implementation)).Count);
        Assert.Single(System.Text.RegularExpressions.Regex.Matches(source, "class Request_[A-Za-z0-9_]*IRemindable_ReceiveReminderAsync_[0-9A-F]{8}"));
        Assert.DoesNotContain("Proxy_Actors_Runtime_IRemindable", source, StringComparison.Ordinal);
        Assert.DoesNotContain("\"remindable\"", source, StringComparison.Ordinal);
    }
}
