using System.Runtime.CompilerServices;

namespace Actors.Runtime.Benchmarks.Micro;

/// <summary>The baseline: the same work as the ping grain behind an interface call, no runtime in between.</summary>
public interface IPlainService
{
    Task<int> Ping(int value);
}

public sealed class PlainService : IPlainService
{
    private int _calls;

    [MethodImpl(MethodImplOptions.NoInlining)]
    public Task<int> Ping(int value) => Task.FromResult(value + ++_calls);
}
