namespace Actors.Runtime.Membership.Sql;

/// <summary>
/// How a <see cref="SiloStatus"/> is stored: a fixed name per value, written out here rather than taken from the enum, so that
/// renaming or reordering the enum cannot change what rows already in a database mean.
/// </summary>
internal static class SiloStatusNames
{
    public const string Joining = "Joining";
    public const string Active = "Active";
    public const string ShuttingDown = "ShuttingDown";
    public const string Dead = "Dead";

    public static string ToName(SiloStatus status) => status switch
    {
        SiloStatus.Joining => Joining,
        SiloStatus.Active => Active,
        SiloStatus.ShuttingDown => ShuttingDown,
        SiloStatus.Dead => Dead,
        _ => throw new ArgumentOutOfRangeException(nameof(status), status, "Not a silo status."),
    };

    /// <exception cref="StorageException">The stored name is none of the four.</exception>
    public static SiloStatus Parse(string name) => name switch
    {
        Joining => SiloStatus.Joining,
        Active => SiloStatus.Active,
        ShuttingDown => SiloStatus.ShuttingDown,
        Dead => SiloStatus.Dead,
        _ => throw new StorageException($"The membership table holds an unknown silo status '{name}'."),
    };
}
