namespace Actors.Runtime.Tests.TestGrains;

public interface IRewardPoolLikeGrain : IGrainWithStringKey
{
    Task<string> Who();
}

[GrainType("custom.named")]
public interface IRenamedGrain : IGrainWithStringKey
{
    Task<string> Who();
}

public interface IBaseGreeter : IGrainWithStringKey
{
    Task<string> Greet(string name);
}

public interface IDerivedGreeter : IBaseGreeter
{
    Task<string> Shout(string name);
}

public sealed class RewardPoolLikeGrain : Grain, IRewardPoolLikeGrain
{
    public Task<string> Who() => Task.FromResult(GrainId.ToString());
}

public sealed class RenamedGrain : Grain, IRenamedGrain
{
    public Task<string> Who() => Task.FromResult(GrainId.ToString());
}

public sealed class DerivedGreeterGrain : Grain, IDerivedGreeter
{
    public Task<string> Greet(string name) => Task.FromResult($"hello {name}");

    public Task<string> Shout(string name) => Task.FromResult($"HELLO {name.ToUpperInvariant()}");
}
