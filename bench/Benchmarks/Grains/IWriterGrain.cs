namespace Actors.Benchmarks.Grains;

/// <summary>A grain that stores its state on every call and answers once the write is durable.</summary>
public interface IWriterGrain : IGrainWithStringKey
{
    Task Write(long value);
}
