using Actors.Domain.Ethereum;

namespace Actors.Domain.Tests.Ethereum;

public sealed class SiweMessageTests
{
    private static readonly EthereumAddress Address = EthereumAddress.Parse("0x5aAeb6053F3E94C9b9A09f33669435E7Ef1BeAed");
    private static readonly DateTimeOffset Issued = new(2030, 1, 2, 3, 4, 5, TimeSpan.Zero);

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
    }

    [Theory]
    [InlineData("")]
    [InlineData("hello")]
    [InlineData("example.com wants you to sign in with your Ethereum account:\n0x1234\n\nURI: u\nVersion: 1\nChain ID: 1\nNonce: abcdefgh1\nIssued At: 2030-01-02T03:04:05Z")]
    [InlineData("example.com wants you to sign in with your Ethereum account:\n0x5aAeb6053F3E94C9b9A09f33669435E7Ef1BeAed\n\nURI: u\nVersion: 2\nChain ID: 1\nNonce: abcdefgh1\nIssued At: 2030-01-02T03:04:05Z")]
    [InlineData("example.com wants you to sign in with your Ethereum account:\n0x5aAeb6053F3E94C9b9A09f33669435E7Ef1BeAed\n\nURI: u\nVersion: 1\nChain ID: 1\nNonce: short\nIssued At: 2030-01-02T03:04:05Z")]
    [InlineData("example.com wants you to sign in with your Ethereum account:\n0x5aAeb6053F3E94C9b9A09f33669435E7Ef1BeAed\n\nURI: u\nVersion: 1\nChain ID: 1\nNonce: abcdefgh1\nIssued At: yesterday")]
    [InlineData("example.com wants you to sign in with your Ethereum account:\n0x5aAeb6053F3E94C9b9A09f33669435E7Ef1BeAed\n\nURI: u\nVersion: 1\nChain ID: 1\nNonce: abcdefgh1\nNonce: abcdefgh2\nIssued At: 2030-01-02T03:04:05Z")]
    public void Malformed_messages_are_refused_with_a_reason(string text)
    {
        Assert.False(SiweMessage.TryParse(text, out _, out var error));
        Assert.StartsWith("message", error, StringComparison.Ordinal);
    }
}
