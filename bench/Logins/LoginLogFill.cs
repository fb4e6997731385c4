using System.Security.Cryptography;
using Actors.Domain.Ethereum;
using Actors.Domain.Logins;
using Actors.Providers.Logins;

namespace Actors.Benchmarks.Logins;

/// <summary>
/// Fills a login log with sign-in records as the silo writes them: chains of wallet addresses, each record after the one
/// before it in its chain, with a SIWE session id, device and client hashes and a country, HMAC'd under one key.
/// </summary>
internal sealed class LoginLogFill(int chains, int chunk)
{
    private static readonly byte[] Key = SHA256.HashData("bench login key"u8);
    private readonly (string Chain, long Sequence, Hash32 Last)[] _chains = [.. Enumerable.Range(0, chains).Select(i =>
        (Address(i), 0L, LoginRecordHashing.Genesis))];

    private readonly List<Hash32> _hashes = [];
    private long _time = 1_780_000_000;
    private long _written;

    /// <summary>The hashes of the records appended so far, by position.</summary>
    public IReadOnlyList<Hash32> Hashes => _hashes;

    /// <summary>The chain sequence of the record at <paramref name="position"/>.</summary>
    public long SequenceAt(long position) => (position / _chains.Length) + 1;

    /// <summary>Appends <paramref name="count"/> more records, in chunks through <see cref="ILoginRecordStore.AppendAsync"/>.</summary>
    public async Task AppendAsync(ILoginRecordStore store, long count)
    {
        for (long done = 0; done < count;)
        {
            var take = (int)Math.Min(chunk, count - done);
            var records = new LoginRecord[take];
            for (var i = 0; i < take; i++)
            {
                records[i] = Next();
            }

            await store.AppendAsync(records);
            done += take;
        }
    }

    private LoginRecord Next()
    {
        var n = _written++;
        var at = (int)(n % _chains.Length);
        var (chain, sequence, last) = _chains[at];
        var payload = new LoginPayload(
            "signed_in", "siwe", Convert.ToHexStringLower(BitConverter.GetBytes(n * 7919 + 1)) + "0123456789abcdef",
            Hash32.FromBytes(SHA256.HashData(BitConverter.GetBytes(at))), Hash32.FromBytes(SHA256.HashData(BitConverter.GetBytes(n % 4096))),
            "DE");
        var record = LoginRecordHashing.Create(chain, sequence + 1, _time += n % 3, LoginKinds.SignIn, 1, last, payload, Key);
        _chains[at] = (chain, sequence + 1, record.Hash);
        _hashes.Add(record.Hash);
        return record;
    }

    private static string Address(int index) =>
        "0x" + Convert.ToHexStringLower(SHA256.HashData(BitConverter.GetBytes(index)).AsSpan(0, 20));
}
