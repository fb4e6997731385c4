using System.Globalization;
using Orleans.Storage;

namespace Actors.Providers.Storage;

/// <summary>ETags are record versions written as decimal strings; no ETag (null) means "no record read", version 0.</summary>
internal static class Etags
{
    public static string Format(long version) => version.ToString(CultureInfo.InvariantCulture);

    /// <summary>The version a writer holding <paramref name="etag"/> expects to replace.</summary>
    /// <exception cref="InconsistentStateException">The ETag is not one this storage gave out.</exception>
    public static long ExpectedVersion(string? etag, StateKey key)
    {
        if (etag is null)
        {
            return 0;
        }

        if (long.TryParse(etag, NumberStyles.None, CultureInfo.InvariantCulture, out var version) && version > 0)
        {
            return version;
        }

        throw new InconsistentStateException(
            $"The ETag '{etag}' held for state {key} is not a version of this storage; the state must be read again.", null, etag);
    }
}
