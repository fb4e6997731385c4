using Actors.Domain.Ethereum;

namespace Actors.Domain.Tests.Ethereum;

public sealed class PrivateKeyTests
{
    private const string GroupOrder = "fffffffffffffffffffffffffffffffebaaedce6af48a03bbfd25e8cd0364141";

    [Fact]
    public void The_web3_documentation_key_has_its_documented_address()
    {
        var key = PrivateKey.Parse("0x4c0883a69102937d6231471b5dbb6204fe5129617082792ae468d01a3f362318");

        Assert.Equal("0x2c7536E3605D9C16a7a3D7b1898e529396a65c23", key.Address.ToString());
    }

    [Fact]
    public void The_smallest_and_largest_keys_are_valid()
    {
        // Key 1's public key is the generator; its address is well known.
        Assert.Equal("0x7E5F4552091A69125d5DfCb7b8C2659029395Bdf", PrivateKey.Parse("0x" + new string('0', 63) + "1").Address.ToString());
        Assert.True(PrivateKey.TryParse("0x" + GroupOrder[..^1] + "0", out _, out var error), error);
    }

    [Theory]
    [InlineData("0x0000000000000000000000000000000000000000000000000000000000000000", "between 1 and")]
    [InlineData("0x" + GroupOrder, "between 1 and")]
    [InlineData("0xffffffffffffffffffffffffffffffffffffffffffffffffffffffffffffffff", "between 1 and")]
    [InlineData("0x4c0883a69102937d6231471b5dbb6204fe5129617082792ae468d01a3f3623", "64 hex digits, not 62")]
    [InlineData("4c0883a69102937d6231471b5dbb6204fe5129617082792ae468d01a3f362318", "must start with 0x")]
    [InlineData(null, "private key is empty")]
    public void An_invalid_key_is_rejected_with_the_reason(string? text, string reason)
    {
        Assert.False(PrivateKey.TryParse(text, out var key, out var error));
        Assert.Null(key);
        Assert.Contains(reason, error, StringComparison.Ordinal);
    }

    [Fact]
    public void TryCreate_rejects_a_key_that_is_not_32_bytes()
    {
        Assert.False(PrivateKey.TryCreate(new byte[31], out _, out var error));
        Assert.Contains("32 bytes, not 31", error, StringComparison.Ordinal);
    }

    [Fact]
    public void ToString_names_the_address_and_not_the_key()
    {
        const string Secret = "4c0883a69102937d6231471b5dbb6204fe5129617082792ae468d01a3f362318";
        var text = PrivateKey.Parse("0x" + Secret).ToString();

        Assert.Contains("0x2c7536E3605D9C16a7a3D7b1898e529396a65c23", text, StringComparison.Ordinal);
        Assert.DoesNotContain(Secret, text, StringComparison.OrdinalIgnoreCase);
    }
}
