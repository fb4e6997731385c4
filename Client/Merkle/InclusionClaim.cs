namespace Actors.Client.Merkle;

/// <summary>The arguments of <c>merkle verify-inclusion</c> as typed: validated by <see cref="MerkleCommands.VerifyInclusion"/>.</summary>
internal sealed record InclusionClaim(string? Index, string? Size, string? Leaf, string? Root, IReadOnlyList<string> Path);
