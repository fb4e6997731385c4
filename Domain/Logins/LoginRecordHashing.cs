using System.Buffers.Binary;
using System.Security.Cryptography;
using System.Text;
using Actors.Domain.Ethereum;
using Actors.Domain.Merkle;

namespace Actors.Domain.Logins;

/// <summary>
/// How a login record is hashed, chained and authenticated. SHA-256 throughout, over length-prefixed fields so that no two
/// different records encode alike:
/// <list type="bullet">
/// <item>payload digest = SHA-256("actors.login.payload.v1" 0x00, outcome, method, session id, device hash, client hash,
/// country, detail), each text field as a 4-byte big-endian length and its UTF-8 bytes, an absent one as length 0xFFFFFFFF,
/// each hash as its 32 bytes after a 0x01 byte or a lone 0x00 when absent;</item>
/// <item>record hash = SHA-256("actors.login.record.v1" 0x00, chain, sequence (8 bytes), time (8 bytes), kind, key version
/// (4 bytes), previous hash, payload digest), big-endian, text fields as above;</item>
/// <item>HMAC = HMAC-SHA256(login key of the version, record hash);</item>
/// <item>Merkle leaf data = the record hash's 32 bytes (leaf hash SHA-256(0x00 || record hash), RFC 9162).</item>
/// </list>
/// </summary>
public static class LoginRecordHashing
{
    /// <summary>The chain of the cluster's own records (key rotations), beside the wallets' chains.</summary>
    public const string ClusterChain = "cluster";

    /// <summary>The previous hash of a chain's first record.</summary>
    public static Hash32 Genesis { get; } = Hash32.FromBytes(new byte[Hash32.Size]);

    private static readonly byte[] PayloadDomain = Encoding.ASCII.GetBytes("actors.login.payload.v1\0");
    private static readonly byte[] RecordDomain = Encoding.ASCII.GetBytes("actors.login.record.v1\0");

    /// <summary>The digest of a payload.</summary>
    public static Hash32 DigestOf(LoginPayload payload)
    {
        ArgumentNullException.ThrowIfNull(payload);
        using var sha = IncrementalHash.CreateHash(HashAlgorithmName.SHA256);
        sha.AppendData(PayloadDomain);
        AppendText(sha, payload.Outcome);
        AppendText(sha, payload.Method);
        AppendText(sha, payload.SessionId);
        AppendHash(sha, payload.DeviceHash);
        AppendHash(sha, payload.ClientHash);
        AppendText(sha, payload.Country);
        AppendText(sha, payload.Detail);
        return Hash32.FromBytes(sha.GetHashAndReset());
    }

    /// <summary>The hash of a record from its fields and its payload's digest.</summary>
    public static Hash32 HashOf(string chain, long sequence, long time, string kind, int keyVersion, Hash32 previousHash, Hash32 payloadDigest)
    {
        ArgumentNullException.ThrowIfNull(chain);
        ArgumentNullException.ThrowIfNull(kind);
        ArgumentNullException.ThrowIfNull(previousHash);
        ArgumentNullException.ThrowIfNull(payloadDigest);
        using var sha = IncrementalHash.CreateHash(HashAlgorithmName.SHA256);
        Span<byte> number = stackalloc byte[8];
        sha.AppendData(RecordDomain);
        AppendText(sha, chain);
        BinaryPrimitives.WriteInt64BigEndian(number, sequence);
        sha.AppendData(number);
        BinaryPrimitives.WriteInt64BigEndian(number, time);
        sha.AppendData(number);
        AppendText(sha, kind);
        BinaryPrimitives.WriteInt32BigEndian(number[..4], keyVersion);
        sha.AppendData(number[..4]);
        sha.AppendData(previousHash.AsSpan());
        sha.AppendData(payloadDigest.AsSpan());
        return Hash32.FromBytes(sha.GetHashAndReset());
    }

    /// <summary>The HMAC of a record hash under a login key.</summary>
    public static Hash32 HmacOf(ReadOnlySpan<byte> key, Hash32 hash)
    {
        ArgumentNullException.ThrowIfNull(hash);
        return Hash32.FromBytes(HMACSHA256.HashData(key, hash.AsSpan()));
    }

    /// <summary>A new record after <paramref name="previousHash"/>, hashed and authenticated under <paramref name="key"/>.</summary>
    public static LoginRecord Create(
        string chain, long sequence, long time, string kind, int keyVersion, Hash32 previousHash, LoginPayload payload, ReadOnlySpan<byte> key)
    {
        var digest = DigestOf(payload);
        var hash = HashOf(chain, sequence, time, kind, keyVersion, previousHash, digest);
        return new LoginRecord(chain, sequence, time, kind, keyVersion, previousHash, payload, digest, hash, HmacOf(key, hash));
    }

    /// <summary>The record's Merkle leaf hash: SHA-256(0x00 || record hash).</summary>
    public static MerkleHash LeafHashOf(Hash32 recordHash)
    {
        ArgumentNullException.ThrowIfNull(recordHash);
        return MerkleHash.OfLeaf(recordHash.AsSpan());
    }

    private static void AppendText(IncrementalHash sha, string? text)
    {
        Span<byte> length = stackalloc byte[4];
        if (text is null)
        {
            BinaryPrimitives.WriteUInt32BigEndian(length, uint.MaxValue);
            sha.AppendData(length);
            return;
        }

        var bytes = Encoding.UTF8.GetBytes(text);
        BinaryPrimitives.WriteUInt32BigEndian(length, (uint)bytes.Length);
        sha.AppendData(length);
        sha.AppendData(bytes);
    }

    private static void AppendHash(IncrementalHash sha, Hash32? hash)
    {
        if (hash is null)
        {
            sha.AppendData([0x00]);
            return;
        }

        sha.AppendData([0x01]);
        sha.AppendData(hash.AsSpan());
    }
}
