using System.Buffers;
using System.Text.Json;
using Actors.Runtime.Invocation;

namespace Actors.Runtime.Serialization;

/// <summary>
/// Turns grain calls into bytes and back, for calls that leave the process. A request is addressed by its grain type and
/// method id; its arguments are the generated JSON array. Unknown methods and malformed arguments fail with errors that name them.
/// </summary>
public sealed class GrainCallSerializer(JsonSerializerOptions options)
{
    /// <summary>Creates the serializer with the state serializer's default options.</summary>
    public GrainCallSerializer() : this(JsonGrainStateSerializer.DefaultOptions) { }

    /// <summary>The request's arguments as UTF-8 JSON.</summary>
    public byte[] SerializeArguments(GrainRequest request)
    {
        ArgumentNullException.ThrowIfNull(request);
        var buffer = new ArrayBufferWriter<byte>(64);
        using (var writer = new Utf8JsonWriter(buffer))
        {
            request.WriteArguments(writer, options);
        }

        return buffer.WrittenSpan.ToArray();
    }

    /// <summary>Rebuilds a request for the method <paramref name="methodId"/> of <paramref name="grainType"/>.</summary>
    /// <exception cref="UnknownGrainTypeException">No interface names the grain type.</exception>
    /// <exception cref="UnknownGrainMethodException">The interface has no such method.</exception>
    /// <exception cref="MalformedGrainCallException">The arguments do not match the method's parameters.</exception>
    public GrainRequest DeserializeRequest(string grainType, uint methodId, ReadOnlySpan<byte> arguments)
    {
        var method = GrainRegistry.GetInterface(grainType).GetMethod(methodId);
        var request = method.CreateRequest();
        var reader = new Utf8JsonReader(arguments);
        try
        {
            request.ReadArguments(ref reader, options);
            if (reader.Read())
            {
                throw new MalformedGrainCallException($"Arguments of {method.DisplayName} are followed by extra data.");
            }
        }
        catch (JsonException error)
        {
            throw new MalformedGrainCallException($"Arguments of {method.DisplayName} cannot be read: {error.Message}", error);
        }

        return request;
    }

    /// <summary>A result of the request's method as UTF-8 JSON.</summary>
    public byte[] SerializeResult<TResult>(GrainRequest<TResult> request, TResult result)
    {
        ArgumentNullException.ThrowIfNull(request);
        var buffer = new ArrayBufferWriter<byte>(32);
        using (var writer = new Utf8JsonWriter(buffer))
        {
            request.WriteResult(writer, result, options);
        }

        return buffer.WrittenSpan.ToArray();
    }

    /// <summary>Reads a result of the request's method.</summary>
    public TResult DeserializeResult<TResult>(GrainRequest<TResult> request, ReadOnlySpan<byte> data)
    {
        ArgumentNullException.ThrowIfNull(request);
        return request.ReadResult(data, options);
    }
}
