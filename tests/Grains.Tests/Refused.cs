using Actors.Grains.Interfaces;

namespace Actors.Grains.Tests;

/// <summary>Assertions on refused inputs.</summary>
internal static class Refused
{
    /// <summary>
    /// Asserts that <paramref name="call"/> is refused as a bad input naming <paramref name="field"/>: the coded validation
    /// refusal, as it reaches a caller on another silo or outside the cluster.
    /// </summary>
    public static async Task<RequestRejectedException> FieldAsync(string field, Func<Task> call)
    {
        var refused = await Assert.ThrowsAsync<RequestRejectedException>(call);
        Assert.Equal((RequestRejectedException.ValidationFailed, field), (refused.Code, refused.Field));
        return refused;
    }
}
