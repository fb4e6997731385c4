namespace Actors.Runtime.Tests.Storage;

/// <summary>Races calls against each other, as concurrent silos would.</summary>
internal static class Race
{
    /// <summary>Runs two calls on pool threads released at the same moment, and returns their results.</summary>
    public static async Task<T[]> TwoAsync<T>(Func<int, Task<T>> call)
    {
        var start = new TaskCompletionSource(TaskCreationOptions.RunContinuationsAsynchronously);
        var racers = Enumerable.Range(0, 2).Select(i => Task.Run(async () =>
        {
            await start.Task;
            return await call(i);
        })).ToArray();
        start.SetResult();
        return await Task.WhenAll(racers);
    }
}
