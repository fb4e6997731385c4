using Actors.Runtime.Invocation;

namespace Actors.Runtime.Activation;

/// <summary>
/// A turn that checks an activation's persistent states against storage and re-reads those whose stored version moved.
/// </summary>
/// <remarks>
/// Silos read the membership table at different moments, so for a while after a view change two silos may each take a grain for
/// theirs: the one that has not read the change yet keeps running, and writing, its activation. Writes stay safe, being
/// compare-and-swaps on the stored version, but an activation that only reads would answer from memory that misses writes
/// already acknowledged by the other one, and that other one may write after any single check. So after each view change the
/// view counts as unsettled for <see cref="Membership.MembershipService.ViewSettleTime"/>, until every silo still serving has
/// read it. Until then every call or tick is queued behind a check that begins after it arrived (one check that has not begun
/// serves all the calls queued behind it; always-interleave calls, which run beside any turn, are not held back), and the first
/// one after the window is checked once more, which catches what the other activation wrote late in the window or had in
/// flight. A check that finds a write by another activation keeps the activation checking for one more window. Once the view
/// has settled and the activation has been checked after it, a call costs one timestamp comparison.
/// </remarks>
internal sealed class StateRefresh : IActivationWorkItem
{
    public GrainMethodFlags Flags => GrainMethodFlags.None;

    public bool IsCancelled => false;

    public bool CanReroute => false;

    public void Start(ActivationData activation, Grain grain) => _ = RunAsync(activation);

    public void Fail(Exception error)
    {
    }

    private static async Task RunAsync(ActivationData activation)
    {
        try
        {
            await activation.CheckStatesAsync().ConfigureAwait(false);
        }
        catch (Exception error)
        {
            // Unreadable now: drop the activation rather than serve state that may be stale.
            Diagnostics.Log.ActivationFailed(activation.Runtime.Logger, activation.GrainId, error);
            activation.Deactivate(DeactivationReason.InconsistentState);
        }
        finally
        {
            activation.OnTurnCompleted(GrainMethodFlags.None);
        }
    }
}
