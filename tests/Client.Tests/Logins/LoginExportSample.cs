using System.Text.Json;
using Actors.Domain.Ethereum;
using Actors.Domain.Logins;
using Actors.Domain.Merkle;

namespace Actors.Client.Tests.Logins;

/// <summary>
/// A small valid login export: three records of one wallet (the third under login key version 2, after a rotation) in a log
/// of five leaves with two other chains' records, published in two batches.
/// </summary>
internal static class LoginExportSample
{
    public const string Wallet = "0x00000000000000000000000000000000000000bb";

    public const string Key1Hex = "0x0101010101010101010101010101010101010101010101010101010101010101";
    public const string Key2Hex = "0x0202020202020202020202020202020202020202020202020202020202020202";

    public static LoginExportJson Export()
    {
        byte[] key1 = Convert.FromHexString(Key1Hex[2..]), key2 = Convert.FromHexString(Key2Hex[2..]);
        var first = LoginRecordHashing.Create(Wallet, 1, 1_900_000_000, LoginKinds.SignIn, 1, LoginRecordHashing.Genesis,
            new LoginPayload("signed_in", "siwe", "5e55", ClientHash: Hash32.FromBytes(new byte[32]), Country: "DE"), key1);
        var second = LoginRecordHashing.Create(
            Wallet, 2, 1_900_000_060, LoginKinds.KeyRotation, 1, first.Hash, new LoginPayload("rotated", Detail: "1->2"), key1);
        var third = LoginRecordHashing.Create(
            Wallet, 3, 1_900_000_120, LoginKinds.SessionEnd, 2, second.Hash, new LoginPayload("logout", SessionId: "5e55"), key2);
        LoginRecord[] records = [first, second, third];

        // Leaves: other, record 1, record 2 | other, record 3; batch 1 is the first three.
        long[] indexes = [1, 2, 4];
        var other = Enumerable.Repeat((byte)7, 32).ToArray();
        var tree = MerkleTree.FromLeafData([new byte[32], first.Hash.ToArray(), second.Hash.ToArray(), other, third.Hash.ToArray()]);
        var batches = new[]
        {
            new LoginBatchJson(1, tree.RootAt(3).ToString(), 3, 2, 1_900_000_100, null, null, null),
            new LoginBatchJson(2, tree.RootAt(5).ToString(), 5, 1, 1_900_000_200, null, 1, Texts(tree.ConsistencyProof(3, 5))),
        };
        var proofs = records.Select((r, i) =>
        {
            var size = i < 2 ? 3 : 5;
            var path = Texts(tree.InclusionProof((int)indexes[i], size));
            return new LoginProofJson(r.Sequence, i < 2 ? 1 : 2, tree.RootAt(size).ToString(), size, indexes[i], path, r.Hash.ToString());
        });
        return new LoginExportJson(Wallet, [.. records.Select(LoginRecordJson.Of)], [.. proofs], batches);
    }

    /// <summary>The export as the REST API writes it: ASP.NET Core's web defaults (camelCase).</summary>
    public static string Json(LoginExportJson export) => JsonSerializer.Serialize(export, JsonSerializerOptions.Web);

    private static string[] Texts(IEnumerable<MerkleHash> hashes) => [.. hashes.Select(h => h.ToString())];
}
