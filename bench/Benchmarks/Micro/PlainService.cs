using System.Runtime.CompilerServices;

namespace Actors.Benchmarks.Micro;

public sealed class PlainService : IPlainService
{
    private int _calls;

    [MethodImpl(MethodImplOptions.NoInlining)]
    public Task<int> Ping(int value) => Task.FromResult(value + ++_calls);
}
