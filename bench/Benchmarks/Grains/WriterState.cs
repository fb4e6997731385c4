namespace Actors.Benchmarks.Grains;

/// <summary>The state a <see cref="WriterGrain"/> stores: a value and a fixed payload.</summary>
[GenerateSerializer]
[Alias("bench.WriterState")]
public sealed class WriterState
{
    [Id(0)]
    public long Value { get; set; }

    [Id(1)]
    public string Payload { get; set; } = string.Empty;
}
