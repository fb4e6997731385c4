namespace Actors.Benchmarks.Micro;

/// <summary>The baseline: the same work as the ping grain behind an interface call, no runtime in between.</summary>
public interface IPlainService
{
    Task<int> Ping(int value);
}
