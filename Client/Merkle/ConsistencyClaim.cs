namespace Actors.Client.Merkle;

/// <summary>The arguments of <c>merkle verify-consistency</c> as typed: validated by <see cref="MerkleCommands.VerifyConsistency"/>.</summary>
internal sealed record ConsistencyClaim(string? First, string? Second, string? FirstRoot, string? SecondRoot, IReadOnlyList<string> Path);
