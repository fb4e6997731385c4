namespace Actors.Benchmarks.Grains;

[GrainType("bench-writer")]
public sealed class WriterGrain([PersistentState("bench")] IPersistentState<WriterState> state) : Grain, IWriterGrain
{
    // About 200 bytes of JSON per record, like a small wallet checkpoint (the first version's figure).
    private static readonly string Payload = new('x', 160);

    public Task Write(long value)
    {
        state.State.Value = value;
        state.State.Payload = Payload;
        return state.WriteStateAsync();
    }
}
