namespace Actors.Providers.Tests.Storage;

/// <summary>A grain state as the first version stored them: properties, a public field, a collection.</summary>
internal sealed class TestState
{
#pragma warning disable CA1051 // A public field on purpose: the stored format includes fields.
    public List<string> Tags = [];
#pragma warning restore CA1051

    public long Balance { get; set; }

    public string? Owner { get; set; }

    /// <summary>A property that rows of the first version lack: it must come back as its default.</summary>
    public string? Nickname { get; set; }
}
