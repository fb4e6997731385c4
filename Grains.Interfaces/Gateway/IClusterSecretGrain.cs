
namespace Actors.Grains.Interfaces.Gateway;

/// <summary>
/// A random secret shared by every silo of the cluster, created on first use and kept in the cluster's storage (for example
/// the key that signs session tokens, when no key is configured). Keyed by the secret's purpose.
/// </summary>
public interface IClusterSecretGrain : IGrainWithStringKey
{
    /// <summary>The secret's 32 bytes, created at the first call.</summary>
    Task<byte[]> GetOrCreate();

    /// <summary>
    /// The stored 32 bytes, or <paramref name="proposed"/> stored as them when none are: of silos proposing at once, the first
    /// wins and every one gets its bytes (for example the digest of a generated operator key, which no silo stores).
    /// </summary>
    Task<byte[]> GetOrSet(byte[] proposed);
}
