using Actors.Client.Offline;

namespace Actors.Client.Tests.Offline;

/// <summary>The offline Ethereum commands: the result alone on stdout, exit 0/1/2, reasons on stderr.</summary>
public sealed class EthereumCommandsTests
{
    private const string Key = "0x4c0883a69102937d6231471b5dbb6204fe5129617082792ae468d01a3f362318";
    private const string Address = "0x2c7536E3605D9C16a7a3D7b1898e529396a65c23";

    // web3.js documentation: web3.eth.accounts.sign('Some data', Key).
    private const string SomeDataSignature =
        "0xb91467e570a6466aa9e9876cbcd013baba02900b8979d43fe208a4a4f339f5fd6007e74cd82e037b800186422fc2da167c747ef045e5d18a5f5d4300f8e1a0291c";

    private readonly StringWriter _output = new();
    private readonly StringWriter _errors = new();

    [Theory]
    [InlineData("", "0xc5d2460186f7233c927e7db2dcc703c0e500b653ca82273b7bfad8045d85a470")]
    [InlineData("abc", "0x4e03657aea45a94fc7d47ba826c8d667c0d1e6e33a64a036ec44f58fa12d6c45")]
    [InlineData("0x616263", "0x4e03657aea45a94fc7d47ba826c8d667c0d1e6e33a64a036ec44f58fa12d6c45")]
    [InlineData("0x", "0xc5d2460186f7233c927e7db2dcc703c0e500b653ca82273b7bfad8045d85a470")]
    public void Keccak_prints_the_digest_of_text_or_of_hex_bytes(string input, string expected)
    {
        Assert.Equal(0, EthereumCommands.Keccak(input, _output, _errors));
        Assert.Equal(expected + Environment.NewLine, _output.ToString());
        Assert.Empty(_errors.ToString());
    }

    [Theory]
    [InlineData("0x616", "odd number of hex digits")]
    [InlineData("0x61zz", "not a hex digit")]
    [InlineData(null, "keccak needs")]
    public void Keccak_exits_2_on_bad_hex(string? input, string reason) =>
        AssertBadInput(EthereumCommands.Keccak(input, _output, _errors), reason);

    [Theory]
    [InlineData("0x5aaeb6053f3e94c9b9a09f33669435e7ef1beaed")]
    [InlineData("0x5AAEB6053F3E94C9B9A09F33669435E7EF1BEAED")]
    [InlineData("0x5aAeb6053F3E94C9b9A09f33669435E7Ef1BeAed")]
    public void Checksum_prints_the_EIP_55_form(string input)
    {
        Assert.Equal(0, EthereumCommands.Checksum(input, _output, _errors));
        Assert.Equal("0x5aAeb6053F3E94C9b9A09f33669435E7Ef1BeAed" + Environment.NewLine, _output.ToString());
        Assert.Empty(_errors.ToString());
    }

    [Theory]
    [InlineData("0x5aAeb6053F3E94C9b9A09f33669435E7Ef1BeAeD", "EIP-55 checksum")]
    [InlineData("0x5aaeb6053f3e94c9b9a09f33669435e7ef1bea", "40 hex digits")]
    [InlineData("5aaeb6053f3e94c9b9a09f33669435e7ef1beaed", "must start with 0x")]
    [InlineData(null, "address is empty")]
    public void Checksum_exits_2_on_an_invalid_address(string? input, string reason) =>
        AssertBadInput(EthereumCommands.Checksum(input, _output, _errors), reason);

    [Fact]
    public void Sign_prints_the_EIP_191_signature()
    {
        Assert.Equal(0, EthereumCommands.Sign(Key, "Some data", _output, _errors));
        Assert.Equal(SomeDataSignature + Environment.NewLine, _output.ToString());
        Assert.Empty(_errors.ToString());
    }

    [Theory]
    [InlineData("0x0000000000000000000000000000000000000000000000000000000000000000", "Some data", "--key: private key must be between")]
    [InlineData("0x4c0883a6", "Some data", "--key: private key must be 0x followed by 64 hex digits")]
    [InlineData(null, "Some data", "--key: private key is empty")]
    [InlineData(Key, null, "--message is required")]
    public void Sign_exits_2_on_a_bad_key_or_a_missing_message(string? key, string? message, string reason) =>
        AssertBadInput(EthereumCommands.Sign(key, message, _output, _errors), reason);

    [Fact]
    public void Recover_prints_the_checksummed_signer()
    {
        Assert.Equal(0, EthereumCommands.Recover("Some data", SomeDataSignature, _output, _errors));
        Assert.Equal(Address + Environment.NewLine, _output.ToString());
        Assert.Empty(_errors.ToString());
    }

    [Fact]
    public void Recover_accepts_v_1_as_28()
    {
        Assert.Equal(0, EthereumCommands.Recover("Some data", SomeDataSignature[..^2] + "01", _output, _errors));
        Assert.Equal(Address + Environment.NewLine, _output.ToString());
    }

    [Fact]
    public void Recover_exits_1_when_a_well_formed_signature_recovers_no_key()
    {
        // r = 5 is not the x coordinate of a secp256k1 point (5³ + 7 is not a square modulo p).
        var signature = "0x" + new string('0', 63) + "5" + new string('0', 63) + "1" + "1b";

        Assert.Equal(1, EthereumCommands.Recover("Some data", signature, _output, _errors));
        Assert.Empty(_output.ToString());
        Assert.Contains("invalid signature", _errors.ToString(), StringComparison.Ordinal);
    }

    [Theory]
    [InlineData("Some data", SomeDataSignature + "00", "--signature: signature must be 0x followed by 130 hex digits")]
    [InlineData("Some data", "0xb91467e570a6466aa9e9876cbcd013baba02900b8979d43fe208a4a4f339f5fd9ff818b327d1fc847ffe79bdd03d25e83e3a5df66962ceb160751b8bd754a1181b", "low s")]
    [InlineData("Some data", "0xb91467e570a6466aa9e9876cbcd013baba02900b8979d43fe208a4a4f339f5fd6007e74cd82e037b800186422fc2da167c747ef045e5d18a5f5d4300f8e1a0291d", "v must be")]
    [InlineData("Some data", null, "--signature: signature is empty")]
    [InlineData(null, SomeDataSignature, "--message is required")]
    public void Recover_exits_2_on_a_malformed_signature_or_a_missing_message(string? message, string? signature, string reason) =>
        AssertBadInput(EthereumCommands.Recover(message, signature, _output, _errors), reason);

    private void AssertBadInput(int exit, string reason)
    {
        Assert.Equal(2, exit);
        Assert.Empty(_output.ToString());
        Assert.Contains(reason, _errors.ToString(), StringComparison.Ordinal);
    }
}
