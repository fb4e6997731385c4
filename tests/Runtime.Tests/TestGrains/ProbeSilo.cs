using Actors.Runtime.Testing;
using Microsoft.Extensions.DependencyInjection;

namespace Actors.Runtime.Tests.TestGrains;

/// <summary>Starts a test silo with a fresh <see cref="ProbeBoard"/>.</summary>
internal static class ProbeSilo
{
    public static async Task<(TestSilo Silo, ProbeBoard Board)> StartAsync(
        TimeProvider? time = null, IReadOnlyDictionary<string, string?>? settings = null, Runtime.Storage.IGrainStorage? storage = null)
    {
        var board = new ProbeBoard();
        var silo = await TestSilo.StartAsync(storage, time, settings, services => services.AddSingleton(board));
        return (silo, board);
    }

    public static SiloRuntime Runtime(this TestSilo silo) => silo.Services.GetRequiredService<SiloRuntime>();
}
