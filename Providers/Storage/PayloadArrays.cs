using System.Runtime.InteropServices;

namespace Actors.Providers.Storage;

internal static class PayloadArrays
{
    /// <summary>The payload as an array for an ADO.NET parameter, without a copy when it already spans a whole array.</summary>
    public static byte[]? ToArray(ReadOnlyMemory<byte>? data)
    {
        if (data is not { } memory)
        {
            return null;
        }

        return MemoryMarshal.TryGetArray(memory, out var segment) && segment.Offset == 0 && segment.Count == segment.Array!.Length
            ? segment.Array
            : memory.ToArray();
    }
}
