using System.CommandLine;
using Actors.Client.Cluster;

namespace Actors.Client.Keys;

/// <summary>
/// <c>key new</c> and <c>key address</c>: wallet keys, made and read locally; nothing is sent anywhere. Output: JSON alone on
/// stdout. Exit codes: 0 done, 1 the key file could not be written (it exists already, or the folder refuses), 2 bad input.
/// </summary>
internal static class KeyCommands
{
    public static Command Create(CommandServices services)
    {
        ArgumentNullException.ThrowIfNull(services);
        var output = new Option<string?>("--out")
        {
            Description = "Write the key to this new file (owner-only permissions, never overwritten) and print only the address.",
        };
        var create = new Command("new", "Make a fresh secp256k1 wallet key; print its address and the key, or write the key to --out.") { output };
        create.SetAction(result => New(result.GetValue(output), result.InvocationConfiguration.Output, result.InvocationConfiguration.Error));

        var key = KeyFiles.KeyOption($"The private key (default: ${TransportOptions.KeyVariable}).");
        var keyFile = KeyFiles.FileOption("A file holding the private key.");
        var address = new Command("address", "Print the address of a private key.") { key, keyFile };
        address.SetAction(result =>
        {
            var input = new CommandInput(result, overHttp: false, services.Variable);
            var read = input.KeyOrFile(key, keyFile, TransportOptions.KeyVariable);
            if (read is null && !input.Failed)
            {
                input.Error(keyFile, $"is required: a file holding the private key (or --key, or set {TransportOptions.KeyVariable})");
            }

            return input.Failed
                ? Fail(result.InvocationConfiguration.Error, input.Errors, 2)
                : Print(result.InvocationConfiguration.Output, new { address = read!.Address.ToString() });
        });

        return new Command("key", "Wallet keys: make one, or print a key's address.") { create, address };
    }

    /// <summary>Makes a key; prints <c>{address, privateKey}</c>, or writes the key to <paramref name="path"/> and prints <c>{address, keyFile}</c>.</summary>
    public static int New(string? path, TextWriter output, TextWriter errors)
    {
        ArgumentNullException.ThrowIfNull(output);
        ArgumentNullException.ThrowIfNull(errors);
        if (path is not null && string.IsNullOrWhiteSpace(path))
        {
            return Fail(errors, ["--out: must name a file"], 2);
        }

        var (key, text) = KeyFiles.Generate();
        if (path is null)
        {
            return Print(output, new { address = key.Address.ToString(), privateKey = text });
        }

        return KeyFiles.TryWrite(path, text, out var error)
            ? Print(output, new { address = key.Address.ToString(), keyFile = path })
            : Fail(errors, [$"--out: {error}"], 1);
    }

    private static int Print<T>(TextWriter output, T value)
    {
        output.WriteLine(CommandJson.Format(value));
        return 0;
    }

    private static int Fail(TextWriter errors, IEnumerable<string> messages, int exit)
    {
        foreach (var message in messages)
        {
            errors.WriteLine(message);
        }

        return exit;
    }
}
