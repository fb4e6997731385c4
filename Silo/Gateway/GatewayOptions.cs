namespace Actors.Silo.Gateway;

/// <summary>The REST gateway's settings, bound from the <c>Gateway</c> configuration section.</summary>
public sealed class GatewayOptions
{
    /// <summary>The configuration section name.</summary>
    public const string SectionName = "Gateway";

    /// <summary>
    /// The operator credential, sent in <c>X-Operator-Key</c>. When unset, one is generated, stored in the data folder
    /// (<c>Storage:Path</c>) and printed once on the console; it never goes to the logs.
    /// </summary>
    public string? OperatorKey { get; set; }
}
