using Actors.Runtime.Invocation;
using Actors.Runtime.Messaging;
using Actors.Runtime.Testing;
using Actors.Runtime.Tests.TestGrains;

namespace Actors.Runtime.Tests.Messaging;

public sealed class RemoteCallTests
{
    [Fact]
    public async Task Calls_sent_to_another_silo_run_there_and_return_their_results()
    {
        var (caller, _) = await ProbeSilo.StartAsync();
        var (callee, _) = await ProbeSilo.StartAsync();
        await using var a = caller;
        await using var b = callee;
        var remote = Via(caller, callee);

        var total = await remote.GetGrain<IOrderGrain>("o").Total([new OrderLine("x", 3, 50)], 25);
        var counts = await Task.WhenAll(Enumerable.Range(0, 500).Select(_ => remote.GetGrain<IProbeGrain>("shared").Increment()));

        Assert.Equal(new OrderTotal(1, 125), total);
        Assert.Equal(Enumerable.Range(1, 500), counts.Order());
        Assert.Equal(0, caller.Silo.ActivationCount);
        Assert.Equal(2, callee.Silo.ActivationCount);
        Assert.Equal(0, caller.Runtime().Messages.PendingCount);
    }

    [Fact]
    public async Task Remote_errors_come_back_as_their_own_types_and_the_grain_keeps_serving()
    {
        var (caller, _) = await ProbeSilo.StartAsync();
        var (callee, _) = await ProbeSilo.StartAsync();
        await using var a = caller;
        await using var b = callee;
        var remote = Via(caller, callee);
        var grain = remote.GetGrain<IProbeGrain>("thrower");

        var thrown = await Assert.ThrowsAsync<InvalidOperationException>(() => grain.Fail("remote boom"));
        var unknown = await Assert.ThrowsAsync<UnknownGrainTypeException>(() => remote.GetGrain<IUnimplementedGrain>("x").Ping());

        Assert.Equal("remote boom", thrown.Message);
        Assert.Contains("IUnimplementedGrain", unknown.Message, StringComparison.Ordinal);
        Assert.Equal("still serving", await grain.Echo("still serving"));
    }

    [Fact]
    public async Task A_remote_call_past_its_deadline_times_out_at_the_caller()
    {
        var time = new FakeTimeProvider();
        var (caller, _) = await ProbeSilo.StartAsync(time);
        var (callee, board) = await ProbeSilo.StartAsync(time);
        await using var a = caller;
        await using var b = callee;
        var grain = Via(caller, callee).GetGrain<IProbeGrain>("slow");
        board.Hold("stuck");

        var call = grain.Slow("stuck");
        await Wait.UntilAsync(() => board.Entered == 1, "the call to reach the other silo");
        time.Advance(TimeSpan.FromSeconds(3));

        var error = await Assert.ThrowsAsync<GrainCallTimeoutException>(() => call);
        Assert.Contains("IProbeGrain.Slow", error.Message, StringComparison.Ordinal);
        Assert.Equal(0, caller.Runtime().Messages.PendingCount);
        board.Release("stuck");
    }

    [Fact]
    public async Task A_silo_nobody_listens_on_is_unavailable_at_once()
    {
        var (caller, _) = await ProbeSilo.StartAsync();
        await using var a = caller;
        var nobody = new SiloAddress("127.0.0.1", SiloProcess.FreePort(), 1);
        var grain = new GrainFactory(new ToSilo(caller.Runtime().Messages, nobody)).GetGrain<IProbeGrain>("x");

        await Assert.ThrowsAsync<SiloUnavailableException>(() => grain.Increment());
        var again = await Assert.ThrowsAsync<SiloUnavailableException>(() => grain.Increment());

        Assert.Contains(nobody.ToString(), again.Message, StringComparison.Ordinal);
    }

    [Fact]
    public async Task Pending_calls_fail_as_unavailable_when_the_other_silo_goes_away()
    {
        var (caller, _) = await ProbeSilo.StartAsync();
        var (callee, board) = await ProbeSilo.StartAsync(settings: new Dictionary<string, string?> { ["Silo:ShutdownTimeout"] = "00:00:01" });
        await using var a = caller;
        var grain = Via(caller, callee).GetGrain<IProbeGrain>("held");
        board.Hold("forever");
        var call = grain.Exclusive("forever");
        await Wait.UntilAsync(() => board.Entered == 1, "the call to reach the other silo");

        await callee.DisposeAsync();

        await Assert.ThrowsAnyAsync<GrainRuntimeException>(() => Wait.ForAsync(call, "the pending call to fail"));
        Assert.Equal(0, caller.Runtime().Messages.PendingCount);
    }

    private static GrainFactory Via(TestSilo caller, TestSilo callee) =>
        new(new ToSilo(caller.Runtime().Messages, callee.Runtime().SiloAddress));

    private sealed class ToSilo(MessageCenter center, SiloAddress silo) : IGrainCallInvoker
    {
        public Task<TResult> InvokeAsync<TResult>(GrainReference target, GrainRequest<TResult> request) =>
            center.InvokeRemoteAsync(silo, target.GrainId, request);
    }
}
