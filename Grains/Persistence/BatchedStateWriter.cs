namespace Actors.Grains.Persistence;

/// <summary>
/// Group commit inside one reentrant grain: every call that changed the state awaits <see cref="WriteAsync"/>, and the calls
/// that change it while a write is under way share the one write that starts when it ends. A grain's throughput then grows
/// with the number of calls per write instead of being one call per storage round trip, and each caller is still answered
/// only after a write that holds its change has committed.
/// </summary>
/// <remarks>
/// <para>
/// Use it from the grain's own turns only (its scheduler runs one turn at a time, so no lock is needed), and make each change
/// and its <see cref="WriteAsync"/> one turn, with no await between them: a write serializes the state when it starts, so a
/// change made before it starts is in it, and one made after waits for the next.
/// </para>
/// <para>
/// A write that fails leaves changes in memory that storage may lack: from then on every write fails, the callers of the
/// failed write and of the ones after it get the error, and the grain is deactivated so that its next activation starts from
/// what storage holds. Callers whose change may or may not have committed retry under the same operation id, as after any
/// storage fault.
/// </para>
/// </remarks>
/// <param name="state">The grain's state.</param>
/// <param name="owner">What owns the state, for errors (the grain id).</param>
/// <param name="reset">Deactivates the grain (<c>DeactivateOnIdle</c>); called once, when a write fails.</param>
internal sealed class BatchedStateWriter<TState>(IPersistentState<TState> state, string owner, Action reset)
{
    private Task? _writing;
    private Task? _next;
    private Exception? _failure;

    /// <summary>
    /// Runs when a write starts, with the state as that write stores it; returns what to do once that write has committed
    /// (keep a copy of what is now durable, say). Optional.
    /// </summary>
    public Func<Action>? Starting { get; init; }

    /// <summary>Writes made so far (started), for diagnostics and tests.</summary>
    public long Writes { get; private set; }

    /// <summary>
    /// Completes once a write that started after this call (so holds every change made before it) has committed; throws what
    /// that write threw.
    /// </summary>
    public Task WriteAsync()
    {
        if (_writing is null || _writing.IsCompleted)
        {
            _writing = StartAsync();
            return _writing;
        }

        return _next ??= AfterAsync(_writing);
    }

    /// <summary>
    /// Completes once every change made before this call is in a committed write: at once when no write is under way or due.
    /// For reads that must not answer with a change whose write may still fail.
    /// </summary>
    public Task WhenWrittenAsync() => _next ?? (_writing is { IsCompleted: false } writing ? writing : Task.CompletedTask);

    private async Task AfterAsync(Task previous)
    {
        try
        {
            await previous;
        }
        catch
        {
            // The callers of that write have its error; the write below fails with it too.
        }

        // On the grain's scheduler again: this write holds every change made until now.
        _next = null;
        _writing = StartAsync();
        await _writing;
    }

    private async Task StartAsync()
    {
        if (_failure is { } failure)
        {
            throw new OrleansException($"The state of {owner} was not written, and the grain restarts from storage: {failure.Message}", failure);
        }

        Writes++;
        var committed = Starting?.Invoke();
        try
        {
            await state.WriteStateAsync();
        }
        catch (Exception error)
        {
            _failure = error;
            reset();
            throw;
        }

        committed?.Invoke();
    }
}
