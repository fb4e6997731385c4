using System.Diagnostics;

namespace Actors.Providers.Storage;

/// <summary>
/// The grain storage's spans, on the activity source <see cref="SourceName"/>: one per state read, write and clear (a child of
/// the grain call that asked for it, so storage shows in the request's trace), and one per batch the group committer commits,
/// linked to the writes it holds. Nothing is created while no listener samples the source.
/// </summary>
public static class StorageActivities
{
    /// <summary>The name of the activity source (and of the storage meter).</summary>
    public const string SourceName = StorageMetrics.MeterName;

    // A batch holds up to Storage:MaxBatchSize writes; a span links to the first few, enough to find a write's batch.
    private const int MaxLinks = 32;

    private static readonly ActivitySource Source = new(SourceName);

    /// <summary>Starts the span of one operation on one state record, or returns null when nobody listens.</summary>
    internal static Activity? Start(string operation, StateKey key, string store)
    {
        var activity = Source.StartActivity($"storage {operation}", ActivityKind.Client);
        if (activity is { IsAllDataRequested: true })
        {
            activity.SetTag("db.system.name", store);
            activity.SetTag("db.operation.name", operation);
            activity.SetTag("actors.grain.type", key.GrainType);
            activity.SetTag("actors.state.name", key.StateName);
        }

        return activity;
    }

    /// <summary>Starts the span of a batch commit as a trace of its own, linked to the spans of (the first of) its writes.</summary>
    internal static Activity? StartBatch(string store, int count, IEnumerable<ActivityContext> writes)
    {
        if (!Source.HasListeners())
        {
            return null;
        }

        // The commit loops run with no current activity (GroupCommitter), so the batch is a root: it belongs to no one request.
        var links = writes.Where(w => w != default).Take(MaxLinks).Select(w => new ActivityLink(w));
        var activity = Source.StartActivity("storage commit_batch", ActivityKind.Client, parentContext: default, links: links);
        activity?.SetTag("db.system.name", store);
        activity?.SetTag("db.operation.name", "commit_batch");
        activity?.SetTag("db.operation.batch.size", count);
        return activity;
    }

    /// <summary>Marks the span failed with the exception's type and message.</summary>
    internal static void Failed(Activity? activity, Exception error)
    {
        if (activity is null)
        {
            return;
        }

        activity.SetStatus(ActivityStatusCode.Error, error.Message);
        activity.SetTag("error.type", error.GetType().FullName);
    }
}
