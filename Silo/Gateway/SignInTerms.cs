using Actors.Domain.Ethereum;
using Microsoft.Extensions.Options;

namespace Actors.Silo.Gateway;

/// <summary>
/// What a sign-in message must say to be accepted, from configuration alone (never from a request, whose Host header the
/// client chooses, so that a message a phishing site had signed for itself does not verify here): the domain
/// (<c>Gateway:Domain</c>, else the authority of <c>Gateway:PublicUrl</c>, else <c>localhost</c>), the URI (on
/// <c>Gateway:PublicUrl</c>'s origin, else on the domain), the chain, and the validity window.
/// </summary>
internal sealed class SignInTerms
{
    /// <summary>Why a message for another domain is refused.</summary>
    public const string WrongDomain = "wrong_domain";

    /// <summary>Why a message whose URI is not this service's is refused.</summary>
    public const string WrongUri = "wrong_uri";

    /// <summary>How far in the future a message's issue time may be (clock skew).</summary>
    public static readonly TimeSpan AllowedSkew = TimeSpan.FromMinutes(5);

    private readonly Uri? _publicUrl;

    /// <summary>The terms of the configured gateway.</summary>
    public SignInTerms(IOptions<GatewayOptions> options)
    {
        ArgumentNullException.ThrowIfNull(options);
        _publicUrl = options.Value.PublicUrl is { Length: > 0 } url ? new Uri(url, UriKind.Absolute) : null;
        Domain = options.Value.Domain is { Length: > 0 } domain ? domain : _publicUrl?.Authority ?? "localhost";
        Uri = _publicUrl?.AbsoluteUri ?? new Uri($"https://{Domain}/").AbsoluteUri;
        ChainId = options.Value.ChainId;
    }

    /// <summary>The domain messages name.</summary>
    public string Domain { get; }

    /// <summary>The URI the messages the gateway issues name.</summary>
    public string Uri { get; }

    /// <summary>The chain messages name.</summary>
    public long ChainId { get; }

    /// <summary>Whether <paramref name="domain"/> is an authority (host and optional port) fit for <c>Gateway:Domain</c>.</summary>
    public static bool IsDomain(string? domain) =>
        domain is null or "" || (domain.All(c => char.IsAsciiLetterOrDigit(c) || c is '.' or '-' or ':' or '[' or ']')
            && System.Uri.TryCreate($"https://{domain}/", UriKind.Absolute, out var uri)
            && string.Equals(uri.Authority, domain, StringComparison.OrdinalIgnoreCase));

    /// <summary>Whether <paramref name="url"/> is an absolute http or https URL with no user, query or fragment.</summary>
    public static bool IsPublicUrl(string? url) =>
        url is null or "" || (System.Uri.TryCreate(url, UriKind.Absolute, out var uri) && IsWeb(uri)
            && uri.UserInfo.Length == 0 && uri.Query.Length == 0 && uri.Fragment.Length == 0);

    /// <summary>Why <paramref name="message"/> is refused at <paramref name="now"/> (a code and a detail), or null to accept it.</summary>
    public (string Code, string Detail)? Refusal(SiweMessage message, DateTimeOffset now)
    {
        ArgumentNullException.ThrowIfNull(message);
        return !string.Equals(message.Domain, Domain, StringComparison.OrdinalIgnoreCase)
                ? (WrongDomain, $"The message is for '{message.Domain}', not this service ('{Domain}').")
            : !AcceptsUri(message.Uri)
                ? (WrongUri, $"The message's URI '{message.Uri}' is not on this service ('{Uri}').")
            : message.ChainId != ChainId
                ? ("wrong_chain", $"The message names chain {message.ChainId}, not {ChainId}.")
            : message.ExpirationTime is { } expires && expires <= now
                ? ("message_expired", "The message has expired: ask for a new nonce.")
            : message.IssuedAt > now + AllowedSkew
                ? ("message_not_yet_valid", "The message is issued in the future.")
            : message.NotBefore is { } notBefore && notBefore > now
                ? ("message_not_yet_valid", $"The message is not valid before {notBefore:O}.")
            : null;
    }

    // On the public URL's origin (scheme, host and port), or else an http(s) URI whose authority is the domain.
    private bool AcceptsUri(string text) =>
        System.Uri.TryCreate(text, UriKind.Absolute, out var uri) && IsWeb(uri) && uri.UserInfo.Length == 0
        && (_publicUrl is { } origin
            ? uri.Scheme == origin.Scheme && uri.Port == origin.Port
                && string.Equals(uri.IdnHost, origin.IdnHost, StringComparison.OrdinalIgnoreCase)
            : string.Equals(uri.Authority, Domain, StringComparison.OrdinalIgnoreCase));

    private static bool IsWeb(Uri uri) => uri.Scheme == System.Uri.UriSchemeHttps || uri.Scheme == System.Uri.UriSchemeHttp;
}
