namespace Actors.Providers.Storage;

internal static class WriteOutcomes
{
    /// <summary>Marks each write committed or in conflict, once its transaction has committed.</summary>
    public static void Mark(IReadOnlyList<StateWrite> writes, bool[] committed)
    {
        for (var i = 0; i < writes.Count; i++)
        {
            if (committed[i])
            {
                writes[i].MarkCommitted();
            }
            else
            {
                writes[i].MarkConflict();
            }
        }
    }

    /// <summary>Puts every write back to pending after its transaction failed.</summary>
    public static void Reset(IReadOnlyList<StateWrite> writes)
    {
        foreach (var write in writes)
        {
            write.ResetOutcome();
        }
    }
}
