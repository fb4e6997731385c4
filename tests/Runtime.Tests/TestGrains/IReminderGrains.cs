namespace Actors.Runtime.Tests.TestGrains;

/// <summary>A grain that manages its reminders on request and reports each tick to the <see cref="ReminderBoard"/>.</summary>
public interface IAlarmGrain : IGrainWithStringKey, IRemindable
{
    Task<GrainReminder> Register(string name, TimeSpan dueTime, TimeSpan period);

    Task<GrainReminder> RegisterAt(string name, DateTimeOffset dueAt, TimeSpan period);

    Task Unregister(string name);

    Task<GrainReminder?> Get(string name);

    Task<IReadOnlyList<GrainReminder>> GetAll();

    Task Leave();
}

public sealed class AlarmGrain(ReminderBoard board) : Grain, IAlarmGrain
{
    public Task<GrainReminder> Register(string name, TimeSpan dueTime, TimeSpan period) => RegisterOrUpdateReminderAsync(name, dueTime, period);

    public Task<GrainReminder> RegisterAt(string name, DateTimeOffset dueAt, TimeSpan period) => RegisterOrUpdateReminderAsync(name, dueAt, period);

    public Task Unregister(string name) => UnregisterReminderAsync(name);

    public Task<GrainReminder?> Get(string name) => GetReminderAsync(name);

    public Task<IReadOnlyList<GrainReminder>> GetAll() => GetRemindersAsync();

    public Task Leave()
    {
        DeactivateOnIdle();
        return Task.CompletedTask;
    }

    public async Task ReceiveReminderAsync(string reminderName, TickStatus status)
    {
        board.Deliver(GrainKey, reminderName, status);
        if (board.RescheduleOnTick.TryGetValue(reminderName, out var delay))
        {
            await UnregisterReminderAsync(reminderName);
            await RegisterOrUpdateReminderAsync(reminderName, delay, TimeSpan.Zero);
        }
    }

    public override Task OnActivateAsync(CancellationToken cancellationToken)
    {
        board.Activations.Enqueue(GrainKey);
        return Task.CompletedTask;
    }
}

/// <summary>A grain whose interface does not extend <see cref="IRemindable"/>, so it may not register reminders.</summary>
public interface IForgetfulGrain : IGrainWithStringKey
{
    Task Register();
}

public sealed class ForgetfulGrain : Grain, IForgetfulGrain
{
    public Task Register() => RegisterOrUpdateReminderAsync("never", TimeSpan.FromSeconds(1), TimeSpan.FromSeconds(1));
}

public sealed class TickLedgerState
{
    public List<long> Sequences { get; set; } = [];
}

/// <summary>
/// A grain that commits every reminder tick it handles, de-duplicated by sequence in the same state write, as a grain that needs
/// an exactly-once effect must.
/// </summary>
public interface ITickLedgerGrain : IGrainWithStringKey, IRemindable
{
    Task Start(TimeSpan period);

    /// <summary>The committed sequences; exclusive, so it never sees a tick half handled.</summary>
    Task<long[]> Committed();
}

public sealed class TickLedgerGrain(ReminderBoard board, [PersistentState("ledger")] IPersistentState<TickLedgerState> state)
    : Grain, ITickLedgerGrain
{
    public const string ReminderName = "ledger";

    public Task Start(TimeSpan period) => RegisterOrUpdateReminderAsync(ReminderName, period, period);

    public Task<long[]> Committed() => Task.FromResult(state.State.Sequences.ToArray());

    public async Task ReceiveReminderAsync(string reminderName, TickStatus status)
    {
        board.Deliver(GrainKey, reminderName, status);
        var handled = state.State.Sequences;
        if (handled.Count > 0 && status.Sequence <= handled[^1])
        {
            return; // delivered again after a silo failure: already committed
        }

        handled.Add(status.Sequence);
        try
        {
            await state.WriteStateAsync();
        }
        catch
        {
            handled.RemoveAt(handled.Count - 1); // not committed: a retry must not look handled
            throw;
        }
    }
}
