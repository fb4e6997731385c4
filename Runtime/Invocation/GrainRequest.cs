using System.Text.Json;

namespace Actors.Runtime.Invocation;

/// <summary>
/// A call's method and arguments. Generated code derives one sealed class per grain method, with the arguments as fields and
/// their serialization as a JSON array (each element through System.Text.Json with its declared type, so argument types
/// tolerate added and removed fields).
/// </summary>
public abstract class GrainRequest
{
    /// <summary>The method this request calls.</summary>
    public abstract GrainMethod Method { get; }

    /// <summary>Writes the arguments as a JSON array in parameter order.</summary>
    public abstract void WriteArguments(Utf8JsonWriter writer, JsonSerializerOptions options);

    /// <summary>Reads the arguments written by <see cref="WriteArguments"/>; throws <see cref="MalformedGrainCallException"/> naming the problem.</summary>
    public abstract void ReadArguments(ref Utf8JsonReader reader, JsonSerializerOptions options);

    /// <summary>Runs the request through <paramref name="invoker"/> and returns the result serialized.</summary>
    internal abstract Task<byte[]> InvokeSerializedAsync(IGrainIdInvoker invoker, GrainId target, JsonSerializerOptions options);

    /// <summary>Moves to the start of the argument array. Called by generated code.</summary>
    protected void ExpectArgumentsStart(ref Utf8JsonReader reader, int count)
    {
        if (!reader.Read() || reader.TokenType != JsonTokenType.StartArray)
        {
            throw new MalformedGrainCallException($"Arguments of {Method.DisplayName} must be a JSON array of {count} values.");
        }
    }

    /// <summary>Moves to the next argument. Called by generated code.</summary>
    protected void NextArgument(ref Utf8JsonReader reader, int index, string name)
    {
        if (!reader.Read() || reader.TokenType == JsonTokenType.EndArray)
        {
            throw new MalformedGrainCallException($"Arguments of {Method.DisplayName} end before argument {index} ('{name}').");
        }
    }

    /// <summary>Checks that the argument array ends here. Called by generated code.</summary>
    protected void ExpectArgumentsEnd(ref Utf8JsonReader reader, int count)
    {
        if (!reader.Read() || reader.TokenType != JsonTokenType.EndArray)
        {
            throw new MalformedGrainCallException($"Arguments of {Method.DisplayName} hold more than its {count} parameters.");
        }
    }
}

/// <summary>A request whose method produces <typeparamref name="TResult"/> (<see cref="VoidResult"/> for methods without a result).</summary>
public abstract class GrainRequest<TResult> : GrainRequest
{
    /// <summary>Calls the method on the grain instance. Generated code casts the grain to the interface and passes the arguments.</summary>
    public abstract ValueTask<TResult> InvokeAsync(object grain);

    internal override async Task<byte[]> InvokeSerializedAsync(IGrainIdInvoker invoker, GrainId target, JsonSerializerOptions options)
    {
        var result = await invoker.InvokeAsync(target, this).ConfigureAwait(false);
        return JsonSerializer.SerializeToUtf8Bytes(result, options);
    }

    /// <summary>Writes a result of this method.</summary>
    public void WriteResult(Utf8JsonWriter writer, TResult result, JsonSerializerOptions options) =>
        JsonSerializer.Serialize(writer, result, options);

    /// <summary>Reads a result of this method; throws <see cref="MalformedGrainCallException"/> when the bytes are not one.</summary>
    public TResult ReadResult(ReadOnlySpan<byte> data, JsonSerializerOptions options)
    {
        try
        {
            return JsonSerializer.Deserialize<TResult>(data, options)!;
        }
        catch (JsonException error)
        {
            throw new MalformedGrainCallException($"The result of {Method.DisplayName} is not a {typeof(TResult).Name}: {error.Message}", error);
        }
    }

    /// <summary>Adapts a grain method returning <see cref="Task"/>. Completes synchronously, without allocating, when the task did.</summary>
    protected static ValueTask<VoidResult> FromTask(Task task)
    {
        ArgumentNullException.ThrowIfNull(task);
        return task.IsCompletedSuccessfully ? default : AwaitTask(task);

        static async ValueTask<VoidResult> AwaitTask(Task task)
        {
            await task.ConfigureAwait(false);
            return default;
        }
    }

    /// <summary>Adapts a grain method returning <see cref="ValueTask"/>.</summary>
    protected static ValueTask<VoidResult> FromValueTask(ValueTask task)
    {
        return task.IsCompletedSuccessfully ? default : AwaitValueTask(task);

        static async ValueTask<VoidResult> AwaitValueTask(ValueTask task)
        {
            await task.ConfigureAwait(false);
            return default;
        }
    }
}

/// <summary>The result of a grain method that returns no value.</summary>
public readonly record struct VoidResult;
