using Actors.Runtime.Invocation;

namespace Actors.Runtime.Activation;

/// <summary>
/// A turn that re-reads an activation's persistent states whose stored version moved. Queued ahead of the next call after a
/// membership change: while views differ, another silo may have run (and written) the same grain, and a state that is only
/// read would otherwise never notice.
/// </summary>
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
            await activation.RefreshStatesAsync().ConfigureAwait(false);
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
