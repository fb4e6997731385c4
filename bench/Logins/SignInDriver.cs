using System.Buffers.Binary;
using System.Diagnostics;
using System.Net.Http.Json;
using System.Numerics;
using System.Text;
using System.Text.Json.Nodes;
using Actors.Domain.Ethereum;

namespace Actors.Benchmarks.Logins;

/// <summary>
/// Closed-loop sign-ins against one silo: <c>clients</c> concurrent clients, each taking the next unused wallet and doing
/// POST /api/auth/nonce then POST /api/auth/verify with its signature. Wallet i's key is keccak256(seed || i) reduced into the
/// secp256k1 scalar range, as the load tester derives them; the keys are derived before the clock starts, so only signing
/// (which needs the silo's nonce) is on the client's side of the measured time.
/// </summary>
internal static class SignInDriver
{
    private static readonly BigInteger Order = BigInteger.Parse(
        "0FFFFFFFFFFFFFFFFFFFFFFFFFFFFFFFEBAAEDCE6AF48A03BBFD25E8CD0364141", System.Globalization.NumberStyles.HexNumber, null);

    public static async Task<(int SignedIn, int Refused, double Seconds)> RunAsync(
        Uri url, string seed, int from, int wallets, int clients, TimeSpan duration, CancellationToken cancellationToken)
    {
        var keys = new PrivateKey[wallets];
        Parallel.For(0, wallets, i => keys[i] = Key(seed, from + i));
        using var http = new HttpClient(new SocketsHttpHandler { MaxConnectionsPerServer = clients }) { BaseAddress = url };
        var next = -1;
        var signedIn = 0;
        var refused = 0;
        var clock = Stopwatch.StartNew();
        await Task.WhenAll(Enumerable.Range(0, clients).Select(_ => Task.Run(async () =>
        {
            int index;
            while (clock.Elapsed < duration && (index = Interlocked.Increment(ref next)) < wallets)
            {
                if (await SignInAsync(http, keys[index], cancellationToken))
                {
                    Interlocked.Increment(ref signedIn);
                }
                else
                {
                    Interlocked.Increment(ref refused);
                }
            }
        }, cancellationToken)));
        return (signedIn, refused, clock.Elapsed.TotalSeconds);
    }

    private static async Task<bool> SignInAsync(HttpClient http, PrivateKey key, CancellationToken cancellationToken)
    {
        using var nonce = await http.PostAsJsonAsync("api/auth/nonce", new { address = key.Address.ToString() }, cancellationToken);
        if (!nonce.IsSuccessStatusCode
            || (await nonce.Content.ReadFromJsonAsync<JsonObject>(cancellationToken))?["message"]?.GetValue<string>() is not { } message)
        {
            return false;
        }

        var signature = PersonalSign.Sign(key, message).ToString();
        using var verify = await http.PostAsJsonAsync("api/auth/verify", new { message, signature }, cancellationToken);
        return verify.IsSuccessStatusCode;
    }

    private static PrivateKey Key(string seed, int index)
    {
        var prefix = Encoding.UTF8.GetBytes(seed);
        var input = new byte[prefix.Length + 8];
        prefix.CopyTo(input, 0);
        BinaryPrimitives.WriteInt64BigEndian(input.AsSpan(prefix.Length), index);
        var scalar = (new BigInteger(Keccak256.Hash(input), isUnsigned: true, isBigEndian: true) % (Order - 1)) + 1;
        var bytes = new byte[PrivateKey.Size];
        scalar.TryWriteBytes(bytes.AsSpan(PrivateKey.Size - scalar.GetByteCount(isUnsigned: true)), out _, isUnsigned: true, isBigEndian: true);
        return PrivateKey.TryCreate(bytes, out var key, out var error) ? key : throw new InvalidOperationException(error);
    }
}
