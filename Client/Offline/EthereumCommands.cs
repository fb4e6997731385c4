using System.CommandLine;
using System.Text;
using Actors.Domain.Ethereum;

namespace Actors.Client.Offline;

/// <summary>
/// <c>keccak</c>, <c>checksum</c>, <c>sign</c> and <c>recover</c>: Ethereum hashing, address checksums and EIP-191 signatures,
/// computed locally so that anyone can check what the cluster claims without trusting it. Each prints its result alone on
/// stdout. Exit codes: 0 done (or the signature recovers), 1 the signature is well formed but recovers no address, 2 bad input
/// (the reason on stderr).
/// </summary>
internal static class EthereumCommands
{
    public static IEnumerable<Command> Create()
    {
        // Inputs are optional to the parser and checked by the commands, so that a missing one exits 2 like any bad input.
        var text = new Argument<string?>("input") { Description = "Text to hash (its UTF-8 bytes), or 0x and hex digits for raw bytes.", Arity = ArgumentArity.ZeroOrOne };
        var keccak = new Command("keccak", "Print the Keccak-256 (not SHA3-256) of text or of 0x-prefixed hex bytes.") { text };
        keccak.SetAction(result => Keccak(result.GetValue(text), Console.Out, Console.Error));

        var address = new Argument<string?>("address") { Description = "0x and 40 hex digits.", Arity = ArgumentArity.ZeroOrOne };
        var checksum = new Command("checksum", "Check an address and print its EIP-55 checksummed form.") { address };
        checksum.SetAction(result => Checksum(result.GetValue(address), Console.Out, Console.Error));

        var key = new Option<string?>("--key") { Description = "Private key: 0x and 64 hex digits." };
        var signMessage = new Option<string?>("--message") { Description = "The message; its UTF-8 bytes are signed." };
        var sign = new Command("sign", "Sign a message as EIP-191 personal_sign does and print the 65-byte signature (v 27 or 28).") { key, signMessage };
        sign.SetAction(result => Sign(result.GetValue(key), result.GetValue(signMessage), Console.Out, Console.Error));

        var recoverMessage = new Option<string?>("--message") { Description = "The message that was signed." };
        var signature = new Option<string?>("--signature") { Description = "The signature: 0x and 130 hex digits." };
        var recover = new Command("recover", "Print the checksummed address that signed a message (EIP-191 personal_sign).") { recoverMessage, signature };
        recover.SetAction(result => Recover(result.GetValue(recoverMessage), result.GetValue(signature), Console.Out, Console.Error));

        return [keccak, checksum, sign, recover];
    }

    /// <summary>Prints 0x and the 64 lowercase hex digits of the Keccak-256 of <paramref name="input"/>.</summary>
    public static int Keccak(string? input, TextWriter output, TextWriter errors)
    {
        ArgumentNullException.ThrowIfNull(output);
        ArgumentNullException.ThrowIfNull(errors);
        if (input is null)
        {
            return Fail(errors, "keccak needs the text, or 0x and hex digits, to hash");
        }

        byte[]? bytes;
        if (!input.StartsWith("0x", StringComparison.Ordinal))
        {
            bytes = Encoding.UTF8.GetBytes(input);
        }
        else if (!Hex.TryDecode(input, "hex input", out bytes, out var error))
        {
            return Fail(errors, error);
        }

        output.WriteLine(Hex.Encode(Keccak256.Hash(bytes)));
        return 0;
    }

    /// <summary>Prints the EIP-55 form of <paramref name="address"/>; a mixed-case address must already carry a valid checksum.</summary>
    public static int Checksum(string? address, TextWriter output, TextWriter errors)
    {
        ArgumentNullException.ThrowIfNull(output);
        ArgumentNullException.ThrowIfNull(errors);
        if (!EthereumAddress.TryParse(address, out var parsed, out var error))
        {
            return Fail(errors, error);
        }

        output.WriteLine(parsed.ToString());
        return 0;
    }

    /// <summary>Prints the EIP-191 signature of <paramref name="message"/> under <paramref name="key"/>.</summary>
    public static int Sign(string? key, string? message, TextWriter output, TextWriter errors)
    {
        ArgumentNullException.ThrowIfNull(output);
        ArgumentNullException.ThrowIfNull(errors);
        if (!PrivateKey.TryParse(key, out var privateKey, out var error))
        {
            return Fail(errors, "--key: " + error);
        }

        if (message is null)
        {
            return Fail(errors, "--message is required");
        }

        output.WriteLine(PersonalSign.Sign(privateKey, message).ToString());
        return 0;
    }

    /// <summary>Prints the checksummed address that signed <paramref name="message"/>; 1 when the signature recovers none.</summary>
    public static int Recover(string? message, string? signature, TextWriter output, TextWriter errors)
    {
        ArgumentNullException.ThrowIfNull(output);
        ArgumentNullException.ThrowIfNull(errors);
        if (message is null)
        {
            return Fail(errors, "--message is required");
        }

        if (!EthereumSignature.TryParse(signature, out var parsed, out var error))
        {
            return Fail(errors, "--signature: " + error);
        }

        if (!PersonalSign.TryRecover(message, parsed, out var signer))
        {
            errors.WriteLine("invalid signature: it recovers no public key for this message");
            return 1;
        }

        output.WriteLine(signer.ToString());
        return 0;
    }

    private static int Fail(TextWriter errors, string message)
    {
        errors.WriteLine(message);
        return 2;
    }
}
