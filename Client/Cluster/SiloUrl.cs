namespace Actors.Client.Cluster;

/// <summary>The base URL of a silo's REST API as <c>--http</c> gives it: checked once, for every command that takes it.</summary>
internal static class SiloUrl
{
    /// <summary>
    /// The absolute http:// or https:// URL <paramref name="text"/> names, ending in '/' so that routes resolve below it; null
    /// with the reason in <paramref name="error"/> for anything else, including a query, a fragment or user info, which a base
    /// URL cannot carry to the routes below it.
    /// </summary>
    public static Uri? Parse(string text, out string? error)
    {
        ArgumentNullException.ThrowIfNull(text);
        if (!Uri.TryCreate(text, UriKind.Absolute, out var url) || (url.Scheme != Uri.UriSchemeHttp && url.Scheme != Uri.UriSchemeHttps))
        {
            error = $"must be an http:// or https:// URL, not '{text}'";
            return null;
        }

        if (url.Query.Length > 0 || url.Fragment.Length > 0 || url.UserInfo.Length > 0)
        {
            error = $"must be a base URL without a query, fragment or user info, not '{text}'";
            return null;
        }

        error = null;
        return url.AbsoluteUri.EndsWith('/') ? url : new Uri(url.AbsoluteUri + "/");
    }
}
