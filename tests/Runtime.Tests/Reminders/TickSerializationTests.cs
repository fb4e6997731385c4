using Actors.Runtime.Invocation;
using Actors.Runtime.Serialization;
using Actors.Runtime.Tests.TestGrains;

namespace Actors.Runtime.Tests.Reminders;

/// <summary>A tick sent to another silo (the caller's view of the owner may differ for a moment) arrives with every field.</summary>
public sealed class TickSerializationTests
{
    [Fact]
    public async Task A_tick_request_read_back_from_its_bytes_delivers_the_same_name_and_status()
    {
        var status = new TickStatus(
            long.MaxValue - 1,
            new DateTimeOffset(2030, 1, 2, 3, 4, 5, 678, TimeSpan.Zero),
            TimeSpan.FromMilliseconds(1_500),
            DateTimeOffset.MaxValue,
            new DateTimeOffset(2030, 1, 2, 3, 4, 5, 679, TimeSpan.FromHours(2)));
        var capture = new CapturingInvoker();
        var proxy = (IRemindable)GrainRegistry.GetInterface(typeof(IAlarmGrain)).ProxyFactory(GrainId.Create("alarm", "a"), capture);
        await proxy.ReceiveReminderAsync("name \"quoted\"", status);
        var serializer = new GrainCallSerializer();

        var bytes = serializer.SerializeArguments(capture.Request!);
        var request = (GrainRequest<VoidResult>)serializer.DeserializeRequest("alarm", capture.Request!.Method.MethodId, bytes);
        var grain = new RecordingRemindable();
        await request.InvokeAsync(grain);

        Assert.Equal(("name \"quoted\"", status), grain.Received);
        Assert.Equal(typeof(IRemindable), request.Method.InterfaceType);
        Assert.Equal(bytes, serializer.SerializeArguments(request));
    }

    private sealed class CapturingInvoker : IGrainCallInvoker
    {
        public GrainRequest? Request { get; private set; }

        public Task<TResult> InvokeAsync<TResult>(GrainReference target, GrainRequest<TResult> request)
        {
            Request = request;
            return Task.FromResult(default(TResult)!);
        }
    }

    private sealed class RecordingRemindable : IRemindable
    {
        public (string, TickStatus)? Received { get; private set; }

        public Task ReceiveReminderAsync(string reminderName, TickStatus status)
        {
            Received = (reminderName, status);
            return Task.CompletedTask;
        }
    }
}
