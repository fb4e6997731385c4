using System.Text;
using Actors.Domain.Ethereum;

namespace Actors.Domain.Tests.Ethereum;

public sealed class PersonalSignTests
{
    private const string Key = "0x4c0883a69102937d6231471b5dbb6204fe5129617082792ae468d01a3f362318";
    private const string Address = "0x2c7536E3605D9C16a7a3D7b1898e529396a65c23";

    // web3.js documentation: web3.eth.accounts.sign('Some data', Key).
    private const string SomeDataSignature =
        "0xb91467e570a6466aa9e9876cbcd013baba02900b8979d43fe208a4a4f339f5fd6007e74cd82e037b800186422fc2da167c747ef045e5d18a5f5d4300f8e1a0291c";

    [Fact]
    public void HashMessage_prefixes_the_message_with_its_byte_length_as_EIP_191_says()
    {
        // web3.js documentation: web3.eth.accounts.hashMessage('Hello World').
        Assert.Equal("0xa1de988600a42c4b4ab089b619297c17d53cffae5d5120d82d8a92d0bb3b78f2", PersonalSign.HashMessage("Hello World").ToString());
        Assert.Equal(PersonalSign.HashMessage(Encoding.UTF8.GetBytes("Hello World")), PersonalSign.HashMessage("Hello World"));
    }

    [Fact]
    public void HashMessage_counts_bytes_not_characters()
    {
        // "é" is one character and two UTF-8 bytes: the prefix says 2.
        var expected = Keccak256.Hash([0x19, .. "Ethereum Signed Message:\n2"u8, 0xc3, 0xa9]);

        Assert.Equal(expected, PersonalSign.HashMessage("é").ToArray());
    }

    [Fact]
    public void Sign_reproduces_the_web3_documentation_signature()
    {
        var signature = PersonalSign.Sign(PrivateKey.Parse(Key), "Some data");

        Assert.Equal(SomeDataSignature, signature.ToString());
        Assert.Equal(28, signature.V);
    }

    [Fact]
    public void Signatures_of_many_keys_are_low_s_with_both_recovery_ids_and_recover_their_signer()
    {
        var seen = new HashSet<byte>();
        for (var i = 0; i < 200; i++)
        {
            var key = PrivateKey.Parse(Hex.Encode(System.Security.Cryptography.SHA256.HashData(BitConverter.GetBytes(i))));
            var message = $"message {i}";

            var signature = PersonalSign.Sign(key, message);

            // The strict parser refuses a high s; recovery is an independent path from signing.
            var parsed = EthereumSignature.Parse(signature.ToString());
            Assert.True(PersonalSign.TryRecover(message, parsed, out var signer));
            Assert.Equal(key.Address, signer);
            seen.Add(signature.V);
        }

        Assert.Equal(new byte[] { 27, 28 }, seen.Order().ToArray());
    }

    [Fact]
    public void TryRecover_returns_the_signer_of_the_web3_documentation_signature()
    {
        Assert.True(PersonalSign.TryRecover("Some data", EthereumSignature.Parse(SomeDataSignature), out var signer));
        Assert.Equal(Address, signer.ToString());
    }

    [Fact]
    public void TryRecover_gives_another_address_for_another_message()
    {
        Assert.True(PersonalSign.TryRecover("Some datA", EthereumSignature.Parse(SomeDataSignature), out var signer));
        Assert.NotEqual(Address, signer.ToString());
    }

    [Fact]
    public void TryRecover_fails_when_r_is_not_the_x_coordinate_of_a_curve_point()
    {
        // x = 5: 5³ + 7 = 132 is not a square modulo the secp256k1 field prime.
        var signature = EthereumSignature.Parse("0x" + new string('0', 63) + "5" + new string('0', 63) + "1" + "1b");

        Assert.False(PersonalSign.TryRecover("Some data", signature, out var signer));
        Assert.Null(signer);
    }
}
