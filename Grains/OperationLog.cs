using System.Buffers.Binary;
using System.Security.Cryptography;
using System.Text;
using System.Text.Json;

namespace Actors.Grains;

/// <summary>
/// A completed operation: its id, a fingerprint of what it was (kind, target and request), and its result as UTF-8 JSON.
/// Compact on purpose: a million active wallets each remember their recent operations.
/// </summary>
public sealed record CompletedOperation(string OperationId, ulong Fingerprint, byte[] Result);

/// <summary>
/// The recent operations a grain remembers, oldest first, so that a repeated operation id gets the first result back and a
/// reused one (the same id for another request) is refused.
/// </summary>
internal static class OperationLog
{
    /// <summary>The first result of <paramref name="operationId"/>, or null when the grain does not remember it.</summary>
    /// <exception cref="Interfaces.RequestRejectedException">The id was used for another request (<c>operation_reused</c>).</exception>
    public static T? Find<T>(List<CompletedOperation> recent, string operationId, string kind, string target, string request) where T : class
    {
        var done = recent.Find(r => r.OperationId == operationId);
        if (done is null)
        {
            return null;
        }

        return done.Fingerprint == Fingerprint(kind, target, request)
            ? JsonSerializer.Deserialize<T>(done.Result)
            : throw new Interfaces.RequestRejectedException(Interfaces.RequestRejectedException.OperationReused, $"Operation id '{operationId}' was already used for another request.");
    }

    /// <summary>Remembers a result, forgetting the oldest beyond <paramref name="capacity"/>.</summary>
    public static void Add<T>(List<CompletedOperation> recent, int capacity, string operationId, string kind, string target, string request, T result)
    {
        recent.Add(new CompletedOperation(operationId, Fingerprint(kind, target, request), JsonSerializer.SerializeToUtf8Bytes<object?>(result)));
        if (recent.Count > capacity)
        {
            recent.RemoveRange(0, recent.Count - capacity);
        }
    }

    // 64 bits of SHA-256 over the request's parts: two different requests share a fingerprint with probability 2^-64.
    private static ulong Fingerprint(string kind, string target, string request)
    {
        Span<byte> hash = stackalloc byte[SHA256.HashSizeInBytes];
        SHA256.HashData(Encoding.UTF8.GetBytes($"{kind}\n{target}\n{request}"), hash);
        return BinaryPrimitives.ReadUInt64BigEndian(hash);
    }
}
