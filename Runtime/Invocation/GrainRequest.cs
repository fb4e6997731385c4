namespace Actors.Runtime.Invocation;

/// <summary>A call's method and arguments. Generated code derives one sealed class per grain method.</summary>
public abstract class GrainRequest
{
    /// <summary>The method this request calls.</summary>
    public abstract GrainMethod Method { get; }
}

/// <summary>A request whose method produces <typeparamref name="TResult"/> (<see cref="VoidResult"/> for methods without a result).</summary>
public abstract class GrainRequest<TResult> : GrainRequest
{
    /// <summary>Calls the method on the grain instance. Generated code casts the grain to the interface and passes the arguments.</summary>
    public abstract ValueTask<TResult> InvokeAsync(object grain);

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
