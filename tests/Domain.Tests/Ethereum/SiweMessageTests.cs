using Actors.Domain.Ethereum;

namespace Actors.Domain.Tests.Ethereum;

public sealed class SiweMessageTests
{
    private static readonly EthereumAddress Address = EthereumAddress.Parse("0x5aAeb6053F3E94C9b9A09f33669435E7Ef1BeAed");
    private static readonly DateTimeOffset Issued = new(2030, 1, 2, 3, 4, 5, TimeSpan.Zero);

    // The domain line, the address, the statement and the empty lines around it: what the messages below start with.
    private const string Head = "example.com wants you to sign in with your Ethereum account:\n0x5aAeb6053F3E94C9b9A09f33669435E7Ef1BeAed\n\nSign in.\n\n";

    [Fact]
    public void The_eip_4361_text_reads_back_as_the_same_message()
    {
        var message = new SiweMessage("example.com", Address, "Sign in.", "https://example.com", 1, "abcdefgh1234", Issued, Issued.AddMinutes(10));
        var bare = message with { Statement = null, ExpirationTime = null };

        Assert.Equal(
            "example.com wants you to sign in with your Ethereum account:\n0x5aAeb6053F3E94C9b9A09f33669435E7Ef1BeAed\n\nSign in.\n\n" +
            "URI: https://example.com\nVersion: 1\nChain ID: 1\nNonce: abcdefgh1234\nIssued At: 2030-01-02T03:04:05Z\nExpiration Time: 2030-01-02T03:14:05Z",
            message.ToString());
        Assert.True(SiweMessage.TryParse(message.ToString(), out var parsed, out _));
        Assert.Equal(message, parsed);
        Assert.True(SiweMessage.TryParse(bare.ToString(), out var parsedBare, out _));
        Assert.Equal(bare, parsedBare);
        Assert.StartsWith($"example.com wants you to sign in with your Ethereum account:\n{Address}\n\n\nURI: ", bare.ToString(), StringComparison.Ordinal);
    }

    [Fact]
    public void Every_optional_field_reads_back_in_its_place()
    {
        const string text = Head + "URI: https://example.com/login\nVersion: 1\nChain ID: 10\nNonce: abcdefgh1234\n" +
            "Issued At: 2030-01-02T03:04:05Z\nExpiration Time: 2030-01-02T03:14:05Z\nNot Before: 2030-01-02T03:05:00Z\n" +
            "Request ID: req-7\nResources:\n- ipfs://bafybeiemxf5abjwjbikoz4mc3a3dla6ual3jsgpdr4cjr3oz3evfyavhwq/\n- https://example.com/terms";

        Assert.True(SiweMessage.TryParse(text, out var parsed, out var error), error);
        Assert.Equal(text, parsed.ToString());
    }

    [Theory]
    [InlineData("URI: https://example.com\nChain ID: 1\nVersion: 1\nNonce: abcdefgh1\nIssued At: 2030-01-02T03:04:05Z")] // Chain ID before Version
    [InlineData("Version: 1\nURI: https://example.com\nChain ID: 1\nNonce: abcdefgh1\nIssued At: 2030-01-02T03:04:05Z")] // Version before URI
    [InlineData("URI: https://example.com\nVersion: 1\nChain ID: 1\nIssued At: 2030-01-02T03:04:05Z\nNonce: abcdefgh1")] // Nonce after Issued At
    [InlineData("URI: https://example.com\nVersion: 1\nChain ID: 1\nNonce: abcdefgh1\nIssued At: 2030-01-02T03:04:05Z\nNot Before: 2030-01-02T03:04:05Z\n"
        + "Expiration Time: 2030-01-02T03:14:05Z")] // Expiration Time after Not Before
    [InlineData("URI: https://example.com\nVersion: 1\nChain ID: 1\nNonce: abcdefgh1\nIssued At: 2030-01-02T03:04:05Z\nIssued At: 2030-01-02T03:04:05Z")]
    [InlineData("URI: https://example.com\nURI: https://example.org\nVersion: 1\nChain ID: 1\nNonce: abcdefgh1\nIssued At: 2030-01-02T03:04:05Z")]
    [InlineData("URI: https://example.com\nVersion: 1\nChain ID: 1\nNonce: abcdefgh1\nIssued At: 2030-01-02T03:04:05Z\nColour: blue")] // not an EIP-4361 field
    [InlineData("URI: https://example.com\nVersion: 1\nChain ID: 1\nNonce: abcdefgh1\nIssued At: 2030-01-02T03:04:05Z\nNot Before: soon")]
    [InlineData("URI: https://example.com\nVersion: 1\nChain ID: 1\nNonce: abcdefgh1\nIssued At: 2030-01-02T03:04:05Z\nResources:\n- https://example.com/r\nRequest ID: r")]
    [InlineData("URI: https://example.com\nVersion: 1\nChain ID: 1\nNonce: abcdefgh1\nIssued At: 2030-01-02T03:04:05Z\nResources:\nhttps://example.com/r")]
    [InlineData("URI: https://example.com\nVersion: 1\nChain ID: 1\nNonce: abcdefgh1\nIssued At: 2030-01-02T03:04:05Z\n")] // a trailing empty line
    [InlineData("URI: https://example.com\r\nVersion: 1\nChain ID: 1\nNonce: abcdefgh1\nIssued At: 2030-01-02T03:04:05Z")] // a carriage return
    [InlineData("\nURI: https://example.com\nVersion: 1\nChain ID: 1\nNonce: abcdefgh1\nIssued At: 2030-01-02T03:04:05Z")] // an empty line too many
    [InlineData("More.\nURI: https://example.com\nVersion: 1\nChain ID: 1\nNonce: abcdefgh1\nIssued At: 2030-01-02T03:04:05Z")] // a second statement line
    public void Fields_out_of_order_repeated_unknown_or_malformed_are_refused(string tail)
    {
        Assert.False(SiweMessage.TryParse(Head + tail, out _, out var error));
        Assert.StartsWith("message", error, StringComparison.Ordinal);
    }

    [Theory]
    [InlineData("")]
    [InlineData("hello")]
    [InlineData("example.com wants you to sign in with your Ethereum account:\n0x5aAeb6053F3E94C9b9A09f33669435E7Ef1BeAed\n\nURI: https://example.com\nVersion: 1\nChain ID: 1\nNonce: abcdefgh1\nIssued At: 2030-01-02T03:04:05Z")] // no statement: two empty lines
    [InlineData("example.com wants you to sign in with your Ethereum account:\n0x1234\n\nURI: https://example.com\nVersion: 1\nChain ID: 1\nNonce: abcdefgh1\nIssued At: 2030-01-02T03:04:05Z")]
    [InlineData("example.com wants you to sign in with your Ethereum account:\n0x5aAeb6053F3E94C9b9A09f33669435E7Ef1BeAed\n\n\nURI: https://example.com\nVersion: 2\nChain ID: 1\nNonce: abcdefgh1\nIssued At: 2030-01-02T03:04:05Z")]
    [InlineData("example.com wants you to sign in with your Ethereum account:\n0x5aAeb6053F3E94C9b9A09f33669435E7Ef1BeAed\n\n\nURI: https://example.com\nVersion: 1\nChain ID: 1\nNonce: short\nIssued At: 2030-01-02T03:04:05Z")]
    [InlineData("example.com wants you to sign in with your Ethereum account:\n0x5aAeb6053F3E94C9b9A09f33669435E7Ef1BeAed\n\n\nURI: https://example.com\nVersion: 1\nChain ID: 1\nNonce: abcdefgh1\nIssued At: yesterday")]
    [InlineData("example.com wants you to sign in with your Ethereum account:\n0x5aAeb6053F3E94C9b9A09f33669435E7Ef1BeAed\n\n\nURI: https://example.com\nVersion: 1\nChain ID: 1\nNonce: abcdefgh1\nNonce: abcdefgh2\nIssued At: 2030-01-02T03:04:05Z")]
    public void Malformed_messages_are_refused_with_a_reason(string text)
    {
        Assert.False(SiweMessage.TryParse(text, out _, out var error));
        Assert.StartsWith("message", error, StringComparison.Ordinal);
    }
}
