namespace Actors.Providers.Storage;

/// <summary>What became of a <see cref="StateWrite"/>.</summary>
internal enum StateWriteOutcome
{
    /// <summary>Not applied yet, or its transaction failed.</summary>
    Pending,

    /// <summary>The version matched and the record was written.</summary>
    Committed,

    /// <summary>The stored version differed; nothing was written.</summary>
    Conflict,
}
