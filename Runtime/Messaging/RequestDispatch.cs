using System.Text.Json;
using Actors.Runtime.Invocation;
using Actors.Runtime.Serialization;

namespace Actors.Runtime.Messaging;

/// <summary>Runs a request frame through an invoker and answers it on the connection it came in on.</summary>
internal static class RequestDispatch
{
    /// <summary>Starts the request; the task (for bookkeeping) ends once it has run, the answer being on its way.</summary>
    public static Task Run(MessageConnection connection, Message message, IGrainIdInvoker invoker, GrainCallSerializer serializer, JsonSerializerOptions options)
    {
        Task<byte[]> running;
        try
        {
            var request = serializer.DeserializeRequest(message.Target.Type, message.MethodId, message.Payload.Span);
            running = request.InvokeSerializedAsync(invoker, message.Target, options);
        }
        catch (Exception error)
        {
            running = Task.FromException<byte[]>(error);
        }

        if (running.IsCompleted)
        {
            Reply(connection, message.CorrelationId, running);
            return Task.CompletedTask;
        }

        return running.ContinueWith(
            (done, state) => Reply((MessageConnection)state!, message.CorrelationId, done),
            connection, CancellationToken.None, TaskContinuationOptions.ExecuteSynchronously, TaskScheduler.Default);
    }

    private static void Reply(MessageConnection connection, long correlationId, Task<byte[]> done)
    {
        var error = done.IsCompletedSuccessfully ? null : done.Exception?.GetBaseException() ?? new TaskCanceledException();
        var response = error switch
        {
            null => Message.Response(correlationId, ResponseStatus.Ok, done.Result),

            // A call this silo refused before running it (its activation went away while it waited): the caller may retry it.
            SiloUnavailableException { CallNotRun: true } => Message.Response(correlationId, ResponseStatus.Rejected, System.Text.Encoding.UTF8.GetBytes(error.Message)),
            _ => Message.Response(correlationId, ResponseStatus.Error, ExceptionCodec.Encode(error)),
        };
        connection.TrySend(response);
    }
}
