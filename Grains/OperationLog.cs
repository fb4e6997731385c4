using System.Text.Json;

namespace Actors.Grains;

/// <summary>A completed operation: what it was (kind, target, request text) and its serialized result.</summary>
public sealed record CompletedOperation(string OperationId, string Kind, string Target, string Request, string Result);

/// <summary>
/// The recent operations a grain remembers, oldest first, so that a repeated operation id gets the first result back and a
/// reused one (the same id for another request) is refused.
/// </summary>
internal static class OperationLog
{
    /// <summary>The first result of <paramref name="operationId"/>, or null when the grain does not remember it.</summary>
    /// <exception cref="InvalidOperationException">The id was used for another request.</exception>
    public static T? Find<T>(List<CompletedOperation> recent, string operationId, string kind, string target, string request) where T : class
    {
        var done = recent.Find(r => r.OperationId == operationId);
        if (done is null)
        {
            return null;
        }

        return done.Kind == kind && done.Target == target && done.Request == request
            ? JsonSerializer.Deserialize<T>(done.Result)
            : throw new InvalidOperationException($"Operation id '{operationId}' was already used for another request.");
    }

    /// <summary>Remembers a result, forgetting the oldest beyond <paramref name="capacity"/>.</summary>
    public static void Add<T>(List<CompletedOperation> recent, int capacity, string operationId, string kind, string target, string request, T result)
    {
        recent.Add(new CompletedOperation(operationId, kind, target, request, JsonSerializer.Serialize(result)));
        if (recent.Count > capacity)
        {
            recent.RemoveRange(0, recent.Count - capacity);
        }
    }
}
