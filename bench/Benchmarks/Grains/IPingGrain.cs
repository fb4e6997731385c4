namespace Actors.Benchmarks.Grains;

/// <summary>The trivial grain of the call benchmarks: the same work as <see cref="Micro.IPlainService"/>, behind Orleans.</summary>
public interface IPingGrain : IGrainWithStringKey
{
    Task<int> Ping(int value);

    /// <summary>Yields once inside the grain, so the call completes asynchronously.</summary>
    Task<int> PingYield(int value);

    /// <summary>The address of the silo the activation lives on, to check where placement put it.</summary>
    Task<string> Host();
}
