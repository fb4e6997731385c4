using Actors.Runtime.Reminders;
using Actors.Runtime.Storage;
using Actors.Runtime.Testing;
using Actors.Runtime.Tests.TestGrains;
using Microsoft.Extensions.DependencyInjection;

namespace Actors.Runtime.Tests.Reminders;

/// <summary>One silo on fake time with a <see cref="ReminderBoard"/>, over a reminder table and storage a test may keep across restarts.</summary>
internal sealed class ReminderSilo
{
    public FakeTimeProvider Time { get; } = new();

    public ReminderBoard Board { get; } = new();

    public MemoryReminderTable Table { get; } = new();

    public MemoryGrainStorage Storage { get; } = new();

    public Task<TestSilo> StartAsync(IReadOnlyDictionary<string, string?>? settings = null) =>
        TestSilo.StartAsync(Storage, Time, settings, services => services.AddSingleton(Board), reminders: Table);

    public Task<ReminderEntry?> RowAsync(string grain, string name, string type = "alarm") =>
        Table.ReadAsync(new ReminderKey(GrainId.Create(type, grain), name), CancellationToken.None);

    /// <summary>Waits until the board holds exactly the given sequences (failed deliveries included) for a reminder.</summary>
    public async Task WaitForSequencesAsync(string grain, string name, params long[] sequences)
    {
        try
        {
            await Wait.UntilAsync(() => Board.Sequences(grain, name).SequenceEqual(sequences), $"{grain}#{name} to have delivered [{string.Join(", ", sequences)}]");
        }
        catch (TimeoutException error)
        {
            throw new TimeoutException($"{error.Message}; it delivered [{string.Join(", ", Board.Sequences(grain, name))}]", error);
        }
    }

    /// <summary>Waits until the table records <paramref name="lastTick"/> as the reminder's last acknowledged tick.</summary>
    public Task WaitForLastTickAsync(string grain, string name, long lastTick, string type = "alarm") =>
        Wait.UntilAsync(async () => (await RowAsync(grain, name, type))?.LastTick == lastTick, $"{grain}#{name} to record tick {lastTick}");
}
