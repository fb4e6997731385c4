using Actors.Domain.Ethereum;
using Actors.Domain.Logins;
using Actors.Domain.Merkle;

namespace Actors.Domain.Tests.Logins;

/// <summary>
/// A wallet's valid login export made as the cluster makes one: eight chained records under login key version 1, a key
/// rotation, then version 2; their hashes interleaved with other chains' records in one log, published in three batches, each
/// record with its inclusion proof against its batch and each batch with its consistency proof from the one before.
/// </summary>
internal static class LoginExportFixture
{
    public const string Wallet = "0x00000000000000000000000000000000000000aa";

    public static readonly byte[] Key1 = [.. Enumerable.Repeat((byte)0x11, 32)];
    public static readonly byte[] Key2 = [.. Enumerable.Repeat((byte)0x22, 32)];

    /// <summary>Both login keys by version.</summary>
    public static Dictionary<int, byte[]> Keys => new() { [1] = Key1, [2] = Key2 };

    /// <summary>The sequence of the record that sets every payload field.</summary>
    public const long Full = 3;

    /// <summary>How many other chains' leaves come before each of the wallet's records in the log.</summary>
    private static readonly int[] OthersBefore = [1, 0, 2, 1, 0, 3, 1, 2];

    /// <summary>The last record of each batch.</summary>
    private static readonly long[] BatchEnds = [3, 6, 8];

    /// <summary>The wallet's eight records, hashed and authenticated.</summary>
    public static IReadOnlyList<LoginRecord> Records()
    {
        var records = new List<LoginRecord>();
        var previous = LoginRecordHashing.Genesis;
        void Add(string kind, int version, LoginPayload payload)
        {
            var (sequence, time, key) = (records.Count + 1, 1_900_000_000 + (records.Count * 60), version == 1 ? Key1 : Key2);
            var record = LoginRecordHashing.Create(Wallet, sequence, time, kind, version, previous, payload, key);
            records.Add(record);
            previous = record.Hash;
        }

        Add(LoginKinds.SignIn, 1, new LoginPayload("signed_in", "siwe", "5e55101", Hash(1), Hash(2), "DE"));
        Add(LoginKinds.SessionEnd, 1, new LoginPayload("expired", SessionId: "5e55101"));
        Add(LoginKinds.SignIn, 1, new LoginPayload("signed_in", "signature", "5e55102", Hash(3), Hash(4), "FR", "new device"));
        Add(LoginKinds.KeyRotation, 1, new LoginPayload("rotated", Detail: "1->2"));
        Add(LoginKinds.Anomaly, 2, new LoginPayload("step_up_asked", null, "5e55102", null, Hash(5), "BR", "impossible_travel"));
        Add(LoginKinds.StepUp, 2, new LoginPayload("stepped_up", "siwe", "5e55102"));
        Add(LoginKinds.SignIn, 2, new LoginPayload("bad_signature", "siwe", null, Hash(6), Hash(7), "DE"));
        Add(LoginKinds.SessionEnd, 2, new LoginPayload("logout", SessionId: "5e55102"));
        return records;
    }

    /// <summary>The export of <see cref="Records"/>.</summary>
    public static LoginExportJson Export() => ExportOf(Records());

    /// <summary>The log's leaf data in order: the wallet's record hashes with other chains' between them.</summary>
    public static List<byte[]> LogLeaves(IReadOnlyList<LoginRecord> records, out long[] leafIndexes)
    {
        var leaves = new List<byte[]>();
        leafIndexes = new long[records.Count];
        for (var i = 0; i < records.Count; i++)
        {
            for (var j = 0; j < OthersBefore[i]; j++)
            {
                leaves.Add(Hash(1000 + leaves.Count).ToArray());
            }

            leafIndexes[i] = leaves.Count;
            leaves.Add(records[i].Hash.ToArray());
        }

        return leaves;
    }

    /// <summary>The export of records, with the log, proofs and batches made from their hashes.</summary>
    public static LoginExportJson ExportOf(IReadOnlyList<LoginRecord> records)
    {
        var leaves = LogLeaves(records, out var leafIndexes);
        var tree = MerkleTree.FromLeafData(leaves);
        var batches = new List<LoginBatchJson>();
        var proofs = new List<LoginProofJson>();
        long previousEnd = 0;
        for (var b = 0; b < BatchEnds.Length; b++)
        {
            var size = (int)leafIndexes[BatchEnds[b] - 1] + 1;
            var id = 100 + b;
            var first = b == 0 ? (int?)null : (int)batches[b - 1].Size;
            batches.Add(new LoginBatchJson(
                id, tree.RootAt(size).ToString(), size, BatchEnds[b] - previousEnd, 1_900_001_000 + b, null,
                first is null ? null : id - 1, first is { } m ? Texts(tree.ConsistencyProof(m, size)) : null));
            for (var s = previousEnd + 1; s <= BatchEnds[b]; s++)
            {
                var index = (int)leafIndexes[s - 1];
                var path = Texts(tree.InclusionProof(index, size));
                proofs.Add(new LoginProofJson(s, id, tree.RootAt(size).ToString(), size, index, path, records[(int)s - 1].Hash.ToString()));
            }

            previousEnd = BatchEnds[b];
        }

        return new LoginExportJson(Wallet, [.. records.Select(LoginRecordJson.Of)], proofs, batches);
    }

    /// <summary>The export with record <paramref name="sequence"/>'s JSON changed.</summary>
    public static LoginExportJson WithRecord(this LoginExportJson export, long sequence, Func<LoginRecordJson, LoginRecordJson> change) =>
        export with { Records = [.. export.Records.Select(r => r.Sequence == sequence ? change(r) : r)] };

    /// <summary>A distinct 32-byte value.</summary>
    public static Hash32 Hash(int n)
    {
        var bytes = new byte[Hash32.Size];
        BitConverter.TryWriteBytes(bytes, n);
        bytes[31] = 0x5a;
        return Hash32.FromBytes(bytes);
    }

    /// <summary>Another hash than <paramref name="text"/>: its last hex digit changed.</summary>
    public static string Flip(string text) => text[..^1] + (text[^1] == '0' ? '1' : '0');

    private static string[] Texts(IEnumerable<MerkleHash> hashes) => [.. hashes.Select(h => h.ToString())];
}
