using Orleans;

namespace Actors.Providers.Tests.Storage;

/// <summary>What Orleans hands the storage for a <see cref="TestState"/>, with a state that is never null to the tests.</summary>
internal sealed class TestGrainState(TestState state, string? etag = null) : IGrainState<TestState>
{
    public TestGrainState()
        : this(new TestState())
    {
    }

    public TestState State { get; set; } = state;

    public string? ETag { get; set; } = etag;

    public bool RecordExists { get; set; }

    TestState? IGrainState<TestState>.State
    {
        get => State;
        set => State = value ?? throw new InvalidOperationException("The storage set a null state.");
    }
}
