namespace Actors.Providers.Tests.Storage;

[GenerateSerializer]
[Alias("actors.tests.counter-state")]
public sealed class CounterState
{
    [Id(0)]
    public int Total { get; set; }
}
