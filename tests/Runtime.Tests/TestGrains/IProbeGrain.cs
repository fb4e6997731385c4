namespace Actors.Runtime.Tests.TestGrains;

public interface IProbeGrain : IGrainWithStringKey
{
    Task<int> Exclusive(string label);

    [ReadOnly]
    Task<int> Read(string label);

    [AlwaysInterleave]
    Task<int> Interleaved(string label);

    [ResponseTimeout("00:00:02")]
    Task Slow(string label);

    Task Fail(string message);

    Task<int> Increment();

    ValueTask<string> Echo(string text);

    ValueTask Nothing();

    Task Deactivate();
}

/// <summary>Declared but implemented by no grain class, for unknown-type tests.</summary>
public interface IUnimplementedGrain : IGrainWithStringKey
{
    Task Ping();
}
