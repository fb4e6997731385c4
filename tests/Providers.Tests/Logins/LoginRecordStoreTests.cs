using System.Globalization;
using System.Security.Cryptography;
using System.Text;
using Actors.Domain.Ethereum;
using Actors.Domain.Logins;
using Actors.Providers.Logins;

namespace Actors.Providers.Tests.Logins;

/// <summary>
/// The contract of <see cref="ILoginRecordStore"/> (gapless appends, no forks, tombstones that keep hashes, write-once batches
/// and subtrees), run against every store by a subclass per store. Each test has a log of its own.
/// </summary>
public abstract partial class LoginRecordStoreTests : IAsyncLifetime
{
    private protected const long T0 = 1_780_000_000;
    private static readonly byte[] s_key = SHA256.HashData("login key of the store tests"u8);

    /// <summary>This test's empty log.</summary>
    private protected ILoginRecordStore Store { get; private set; } = null!;

    public async Task InitializeAsync() => Store = await OpenStoreAsync();

    public virtual Task DisposeAsync() => Task.CompletedTask;

    /// <summary>A store on a new, empty log.</summary>
    private protected abstract Task<ILoginRecordStore> OpenStoreAsync();

    /// <summary>
    /// Fails unless the database itself holds no payload for <paramref name="erased"/> and holds one for <paramref name="kept"/>;
    /// a store without a database of its own has nothing beyond what it answers.
    /// </summary>
    private protected virtual Task AssertStoredPayloadsAsync(IEnumerable<LoginRecord> erased, IEnumerable<LoginRecord> kept) =>
        Task.CompletedTask;

    /// <summary>A wallet's chain name: lowercase 0x hex of 20 bytes.</summary>
    private protected static string Wallet(int n) => "0x" + n.ToString("x40", CultureInfo.InvariantCulture);

    /// <summary>
    /// A chain of <paramref name="count"/> linked records from sequence 1, the first at <paramref name="time"/> and each
    /// <paramref name="step"/> seconds after the one before, every payload field set and distinct.
    /// </summary>
    private protected static IReadOnlyList<LoginRecord> ChainOf(string chain, int count, long time = T0, long step = 60)
    {
        var records = new List<LoginRecord>(count);
        var previous = LoginRecordHashing.Genesis;
        for (var sequence = 1L; sequence <= count; sequence++)
        {
            var kind = sequence % 3 == 0 ? LoginKinds.SessionEnd : LoginKinds.SignIn;
            var record = LoginRecordHashing.Create(
                chain, sequence, time + ((sequence - 1) * step), kind, keyVersion: 1, previous, PayloadOf(chain, sequence), s_key);
            records.Add(record);
            previous = record.Hash;
        }

        return records;
    }

    /// <summary>Another record in the place of <paramref name="record"/>: same chain and sequence, another hash.</summary>
    private protected static LoginRecord Fork(LoginRecord record) => LoginRecordHashing.Create(
        record.Chain, record.Sequence, record.Time + 1, record.Kind, record.KeyVersion, record.PreviousHash,
        new LoginPayload("forked", Detail: "a record of another activation"), s_key);

    /// <summary>The peppered device hash of a record's payload, as its hex appears in a stored row.</summary>
    private protected static string DeviceHex(LoginRecord record) => Convert.ToHexStringLower(record.Payload!.DeviceHash!.AsSpan());

    private static LoginPayload PayloadOf(string chain, long sequence) => new(
        Outcome: sequence % 2 == 0 ? "signed_in" : "bad_signature",
        Method: "siwe",
        SessionId: Convert.ToHexStringLower(SHA256.HashData(Encoding.UTF8.GetBytes($"session {chain} {sequence}")))[..32],
        DeviceHash: Hash32.FromBytes(SHA256.HashData(Encoding.UTF8.GetBytes($"device fingerprint {chain} {sequence}"))),
        ClientHash: Hash32.FromBytes(SHA256.HashData(Encoding.UTF8.GetBytes($"client address {chain} {sequence}"))),
        Country: "DE",
        Detail: $"detail of {chain} record {sequence}");

    private protected async Task<long> AppendOneAsync(LoginRecord record) => Assert.Single(await Store.AppendAsync([record]));

    private protected async Task<IReadOnlyList<long>> AppendAllAsync(IEnumerable<LoginRecord> records)
    {
        var positions = new List<long>();
        foreach (var record in records)
        {
            positions.Add(await AppendOneAsync(record));
        }

        return positions;
    }

    private protected async Task<IReadOnlyList<LoginRecord>> ReadChainAsync(string chain) =>
        [.. (await Store.ReadChainAsync(chain, 1, 1_000)).Select(r => r.Record)];
}
