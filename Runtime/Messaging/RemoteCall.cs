using System.Text;
using System.Text.Json;
using Actors.Runtime.Invocation;

namespace Actors.Runtime.Messaging;

/// <summary>
/// A call to a grain on another silo. It completes on the connection's read loop, so its continuations run asynchronously:
/// the caller's code must never run on (and stall) the read loop.
/// </summary>
internal sealed class RemoteCall<TResult>(
    GrainRequest<TResult> request, GrainId target, long correlationId, MessageConnection connection, IPendingCalls center, JsonSerializerOptions options)
    : TaskCompletionSource<TResult>(TaskCreationOptions.RunContinuationsAsynchronously), IRemoteCall, ITimeoutTarget
{
    public long CorrelationId => correlationId;

    public MessageConnection Connection => connection;

    public void OnResponse(Message response)
    {
        switch (response.Status)
        {
            case ResponseStatus.Ok:
                try
                {
                    TrySetResult(request.ReadResult(response.Payload.Span, options));
                }
                catch (Exception error)
                {
                    TrySetException(error);
                }

                break;
            case ResponseStatus.Error:
                TrySetException(ExceptionCodec.Decode(response.Payload.Span));
                break;
            default:
                TrySetException(new SiloUnavailableException(
                    $"{connection} did not run {request.Method.DisplayName} on {target}: {Encoding.UTF8.GetString(response.Payload.Span)}") { CallNotRun = true });
                break;
        }
    }

    public void OnConnectionLost(string reason) =>
        TrySetException(new SiloUnavailableException($"Lost {connection} while calling {request.Method.DisplayName} on {target}: {reason}"));

    public void OnTimeout(TimeSpan timeout)
    {
        center.Forget(correlationId);
        TrySetException(new GrainCallTimeoutException($"{request.Method.DisplayName} on grain {target} (via {connection}) did not answer within {timeout}."));
    }
}
