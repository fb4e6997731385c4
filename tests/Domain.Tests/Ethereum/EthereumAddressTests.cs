using Actors.Domain.Ethereum;

namespace Actors.Domain.Tests.Ethereum;

public sealed class EthereumAddressTests
{
    // The examples of EIP-55: all caps, all lower, and normal mixed case.
    public static readonly TheoryData<string> Eip55Examples =
    [
        "0x52908400098527886E0F7030069857D2E4169EE7",
        "0x8617E340B3D01FA5F11F306F4090FD50E238070D",
        "0xde709f2102306220921060314715629080e2fb77",
        "0x27b1fdb04752bbc536007a920d24acb045561c26",
        "0x5aAeb6053F3E94C9b9A09f33669435E7Ef1BeAed",
        "0xfB6916095ca1df60bB79Ce92cE3Ea74c37c5d359",
        "0xdbF03B407c01E7cD3CBea99509d93f8DDDC8C6FB",
        "0xD1220A0cf47c7B9Be7A2E6BA89F429762e7b9aDb",
    ];

    [Theory]
    [MemberData(nameof(Eip55Examples))]
    public void A_checksummed_address_parses_and_formats_back_to_itself(string text)
    {
        Assert.True(EthereumAddress.TryParse(text, out var address, out var error), error);
        Assert.Equal(text, address.ToString());
    }

    [Theory]
    [MemberData(nameof(Eip55Examples))]
    public void An_all_lowercase_or_all_uppercase_address_is_accepted_and_formatted_with_its_checksum(string text)
    {
        var lower = "0x" + text[2..].ToLowerInvariant();
        var upper = "0x" + text[2..].ToUpperInvariant();

        Assert.Equal(text, EthereumAddress.Parse(lower).ToString());
        Assert.Equal(text, EthereumAddress.Parse(upper).ToString());
        Assert.Equal(EthereumAddress.Parse(lower), EthereumAddress.Parse(upper));
    }

    [Theory]
    [MemberData(nameof(Eip55Examples))]
    public void Flipping_the_case_of_any_one_letter_of_a_checksummed_address_is_rejected(string text)
    {
        var flips = 0;
        for (var i = 2; i < text.Length; i++)
        {
            if (!char.IsAsciiLetter(text[i]))
            {
                continue;
            }

            var chars = text.ToCharArray();
            chars[i] = char.IsAsciiLetterUpper(chars[i]) ? char.ToLowerInvariant(chars[i]) : char.ToUpperInvariant(chars[i]);
            var flipped = new string(chars);

            Assert.False(EthereumAddress.TryParse(flipped, out _, out var error), flipped);
            Assert.Contains("EIP-55 checksum", error, StringComparison.Ordinal);
            flips++;
        }

        Assert.True(flips > 0);
    }

    [Theory]
    [InlineData(null, "address is empty")]
    [InlineData("", "address is empty")]
    [InlineData("5aAeb6053F3E94C9b9A09f33669435E7Ef1BeAed", "must start with 0x")]
    [InlineData("0X5aAeb6053F3E94C9b9A09f33669435E7Ef1BeAed", "must start with 0x")]
    [InlineData("0x5aAeb6053F3E94C9b9A09f33669435E7Ef1BeAe", "40 hex digits, not 39")]
    [InlineData("0x5aAeb6053F3E94C9b9A09f33669435E7Ef1BeAed00", "40 hex digits, not 42")]
    [InlineData("0x", "40 hex digits, not 0")]
    [InlineData("0x5aAeb6053F3E94C9b9A09f33669435E7Ef1BeAeg", "not a hex digit at position 41")]
    [InlineData("0x 5aAeb6053F3E94C9b9A09f33669435E7Ef1BeAe", "not a hex digit at position 2")]
    public void A_malformed_address_is_rejected_with_the_reason(string? text, string reason)
    {
        Assert.False(EthereumAddress.TryParse(text, out var address, out var error));
        Assert.Null(address);
        Assert.Contains(reason, error, StringComparison.Ordinal);
    }

    [Fact]
    public void Parse_throws_a_format_exception_that_says_why()
    {
        var error = Assert.Throws<FormatException>(() => EthereumAddress.Parse("0x1234"));
        Assert.Contains("40 hex digits", error.Message, StringComparison.Ordinal);
    }

    [Fact]
    public void FromBytes_keeps_the_bytes_and_rejects_other_lengths()
    {
        var bytes = Convert.FromHexString("5aaeb6053f3e94c9b9a09f33669435e7ef1beaed");

        Assert.Equal("0x5aAeb6053F3E94C9b9A09f33669435E7Ef1BeAed", EthereumAddress.FromBytes(bytes).ToString());
        Assert.Equal(bytes, EthereumAddress.FromBytes(bytes).ToArray());
        Assert.Throws<ArgumentException>(() => EthereumAddress.FromBytes(bytes.AsSpan(1)));
    }
}
