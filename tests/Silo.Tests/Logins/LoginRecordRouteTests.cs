using System.Net;
using System.Security.Cryptography;
using System.Text;
using System.Text.Json;
using Actors.Domain.Ethereum;
using Actors.Domain.Logins;
using Actors.Domain.Merkle;
using Actors.Providers.Logins;
using Microsoft.Extensions.DependencyInjection;

namespace Actors.Silo.Tests.Logins;

/// <summary>
/// Login records through the real host: every sign-in attempt (refused ones too) and session event on the wallet's chain, the
/// chain and its HMACs verifying across a key rotation, proofs in several batches against the published roots, and erasure.
/// </summary>
public sealed class LoginRecordRouteTests : RouteTestBase
{
    private const string KeyOne = "login-key-version-one-0123456789";
    private const string KeyTwo = "login-key-version-two-0123456789";
    private static readonly PrivateKey Alice = Api.Alice;
    private static readonly PrivateKey Mallory = Api.Key(0xbad);

    protected override void Configure(Dictionary<string, string> settings)
    {
        settings["Logins:HmacKeys:1"] = KeyOne;
        settings["Logins:HmacKeys:2"] = KeyTwo;
        settings["Logins:Retention"] = "1.00:00:00"; // a day, the shortest: the fake clock then moves days, not a year
    }

    private static Dictionary<int, byte[]> Keys => new()
    {
        [1] = SHA256.HashData(Encoding.UTF8.GetBytes(KeyOne)),
        [2] = SHA256.HashData(Encoding.UTF8.GetBytes(KeyTwo)),
    };

    [Fact]
    public async Task A_refused_and_an_accepted_sign_in_are_both_recorded_on_a_chain_that_verifies_with_its_hmacs()
    {
        var refused = await Api.TrySignInAsync(Alice.Address, Mallory);
        var token = await Api.SignInAsync(Alice, new { deviceFingerprint = "laptop-1", geo = "DE" });

        var page = await Api.GetAsync($"/api/wallets/{Alice.Address}/logins", token);
        var records = page.Body.GetProperty("records").EnumerateArray().ToList();
        var export = await ExportAsync(token);
        var verified = LoginVerifier.Verify(export, Keys);

        Assert.Equal(HttpStatusCode.Unauthorized, refused.Status);
        Assert.Equal(HttpStatusCode.OK, page.Status);
        Assert.Equal(2, records.Count);
        Assert.Equal("bad_signature", records[0].GetProperty("outcome").GetString());
        Assert.Equal("signed_in", records[1].GetProperty("outcome").GetString());
        Assert.Equal("DE", records[1].GetProperty("country").GetString());
        Assert.Equal(records[0].GetProperty("hash").GetString(), records[1].GetProperty("previousHash").GetString());
        Assert.Equal(2, page.Body.GetProperty("head").GetProperty("sequence").GetInt64());
        Assert.DoesNotContain("laptop-1", page.Body.GetRawText(), StringComparison.Ordinal); // only its peppered hash
        Assert.True(verified.Valid, string.Join("; ", verified.Findings));
        Assert.Equal(2, verified.HmacsChecked);
    }

    [Fact]
    public async Task After_a_key_rotation_new_records_use_the_new_version_and_old_ones_still_verify_under_theirs()
    {
        await Api.SignInAsync(Alice);
        var rotated = await Api.PostAsync("/api/logins/keys/rotate", new { }, asOperator: true);
        var token = await Api.SignInAsync(Alice);

        var export = await ExportAsync(token);
        var verified = LoginVerifier.Verify(export, Keys);
        var wrongKeys = LoginVerifier.Verify(export, new Dictionary<int, byte[]> { [1] = Keys[1], [2] = Keys[1] });

        Assert.Equal(HttpStatusCode.OK, rotated.Status);
        Assert.Equal(2, rotated.Body.GetProperty("version").GetInt32());
        Assert.Equal([1, 2, 2], export.Records.Select(r => r.KeyVersion));
        Assert.Equal([LoginKinds.SignIn, LoginKinds.KeyRotation, LoginKinds.SignIn], export.Records.Select(r => r.Kind));
        Assert.True(verified.Valid, string.Join("; ", verified.Findings));
        Assert.Equal(3, verified.HmacsChecked);
        Assert.Equal([2L, 3L], wrongKeys.Findings.Select(f => f.Sequence!.Value));
    }

    [Fact]
    public async Task Records_in_several_batches_have_proofs_against_roots_an_independent_tree_computes()
    {
        var first = await Api.SignInAsync(Alice);
        await Api.SignInAsync(Api.Bob);
        var batch1 = await Api.PostAsync("/api/logins/batches", new { }, asOperator: true);
        var token = await Api.SignInAsync(Alice);
        await Api.SignInAsync(Api.Carol);
        var batch2 = await Api.PostAsync("/api/logins/batches", new { }, asOperator: true);

        var proof1 = await Api.GetAsync($"/api/wallets/{Alice.Address}/logins/1/proof", token);
        var proof2 = await Api.GetAsync($"/api/wallets/{Alice.Address}/logins/2/proof", token);
        var batches = (await Api.GetAsync("/api/logins/batches")).Body.GetProperty("batches").EnumerateArray().ToList();
        var hashes = await Factory.Services.GetRequiredService<ILoginRecordStore>().ReadHashesAsync(0, 100);
        var leaves = hashes.Select(h => Sha256([0x00, .. h.AsSpan()])).ToList();
        var export = LoginVerifier.Verify(await ExportAsync(token));

        Assert.Equal("1", batch1["batchId"]);
        Assert.Equal("2", batch2["batchId"]);
        Assert.Equal(2, batches.Count);
        Assert.Equal(4, hashes.Count);
        Assert.Equal(ReferenceRoot(leaves[..2]), batches[1].GetProperty("root").GetString());
        Assert.Equal(ReferenceRoot(leaves), batches[0].GetProperty("root").GetString());
        Assert.Equal(1, batches[0].GetProperty("consistencyFrom").GetInt64());
        Assert.True(MerkleVerifier.VerifyConsistency(2, 4, MerkleHash.Parse(ReferenceRoot(leaves[..2])), MerkleHash.Parse(ReferenceRoot(leaves)),
            [.. batches[0].GetProperty("consistency").EnumerateArray().Select(h => MerkleHash.Parse(h.GetString()!))]));
        AssertProves(proof1, leaves, 0, 2);
        AssertProves(proof2, leaves, 2, 4);
        Assert.True(export.Valid, string.Join("; ", export.Findings));
        Assert.Equal(2, export.Included);
        Assert.NotEqual(first, token);
    }

    [Fact]
    public async Task A_record_not_in_a_batch_yet_has_no_proof()
    {
        var token = await Api.SignInAsync(Alice);

        var proof = await Api.GetAsync($"/api/wallets/{Alice.Address}/logins/1/proof", token);

        Assert.Equal(HttpStatusCode.NotFound, proof.Status);
        Assert.Equal("not_batched", proof.Code);
    }

    [Fact]
    public async Task A_changed_field_in_an_export_is_reported_with_its_sequence()
    {
        await Api.SignInAsync(Alice, new { geo = "FR" });
        var token = await Api.SignInAsync(Alice, new { geo = "FR" });
        await Api.PostAsync("/api/logins/batches", new { }, asOperator: true);
        var export = await ExportAsync(token);

        var tampered = export with { Records = [export.Records[0] with { Country = "US" }, export.Records[1]] };
        var result = LoginVerifier.Verify(tampered);

        Assert.True(LoginVerifier.Verify(export).Valid);
        Assert.False(result.Valid);
        Assert.All(result.Findings, f => Assert.Equal(1, f.Sequence));
    }

    [Fact]
    public async Task Erasure_replaces_payloads_by_tombstones_the_chain_still_verifies_and_the_erasure_is_a_record()
    {
        await Api.SignInAsync(Alice, new { deviceFingerprint = "phone-7", geo = "NL" });
        var token = await Api.SignInAsync(Alice, new { deviceFingerprint = "phone-7", geo = "NL" });
        await Api.PostAsync("/api/logins/batches", new { }, asOperator: true);

        var erased = await Api.PostAsync($"/api/wallets/{Alice.Address}/logins/erasure", new { }, token);
        var export = await ExportAsync(token);
        var stored = await Factory.Services.GetRequiredService<ILoginRecordStore>().ReadChainAsync(Alice.Address.ToLowerHex(), 1, 10);
        var wallet = await Api.GetAsync($"/api/wallets/{Alice.Address}", token);
        var verified = LoginVerifier.Verify(export, Keys);

        Assert.Equal(HttpStatusCode.OK, erased.Status);
        Assert.Equal(2, erased.Body.GetProperty("erased").GetInt32());
        Assert.Equal(3, erased.Body.GetProperty("sequence").GetInt64());
        Assert.All(stored.Take(2), r => Assert.Null(r.Record.Payload));
        Assert.All(export.Records.Take(2), r => Assert.True(r.Tombstone && r.Country is null && r.DeviceHash is null && r.ClientHash is null));
        Assert.Equal(LoginKinds.Erasure, export.Records[2].Kind);
        Assert.True(verified.Valid, string.Join("; ", verified.Findings));
        Assert.Equal(2, verified.Included); // the batched records' proofs still hold
        Assert.Empty(wallet.Body.GetProperty("signIns").EnumerateArray()); // the wallet's sign-in history went with them
    }

    [Fact]
    public async Task Only_the_wallets_own_session_or_an_operator_reads_its_records()
    {
        var alice = await Api.SignInAsync(Alice);
        var bob = await Api.SignInAsync(Api.Bob);

        var others = await Api.GetAsync($"/api/wallets/{Alice.Address}/logins", bob);
        var anonymous = await Api.GetAsync($"/api/wallets/{Alice.Address}/logins");
        var asOperator = await Api.GetAsync($"/api/wallets/{Alice.Address}/logins/export", asOperator: true);
        var badLimit = await Api.GetAsync($"/api/wallets/{Alice.Address}/logins?limit=0", alice);

        Assert.Equal(HttpStatusCode.Forbidden, others.Status);
        Assert.Equal(HttpStatusCode.Unauthorized, anonymous.Status);
        Assert.Equal(HttpStatusCode.OK, asOperator.Status);
        Assert.Equal(HttpStatusCode.BadRequest, badLimit.Status);
        Assert.True(badLimit.Names("limit"));
    }

    [Fact]
    public async Task Retention_tombstones_records_older_than_it_in_the_log_and_the_recent_tier_and_records_that_it_did()
    {
        await Api.SignInAsync(Alice, new { geo = "IT" });
        Time.Advance(TimeSpan.FromDays(2));
        var token = await Api.SignInAsync(Alice, new { geo = "IT" });
        var grains = Factory.Services.GetRequiredService<IGrainFactory>();

        // The batcher's reminder, on the fake clock, may have run retention when the clock moved (before the second sign-in's
        // records, among them the first session's end at its expiry); this run takes whatever is older still.
        await grains.GetGrain<Actors.Grains.Interfaces.Logins.ILoginBatcherGrain>(0).ApplyRetention();
        var export = await ExportAsync(token);
        var page = await Api.GetAsync($"/api/wallets/{Alice.Address}/logins", token);
        var cluster = await Factory.Services.GetRequiredService<ILoginRecordStore>().LastOfChainAsync(LoginRecordHashing.ClusterChain);

        Assert.Equal([(LoginKinds.SignIn, true), (LoginKinds.SessionEnd, true), (LoginKinds.SignIn, false)], export.Records.Select(r => (r.Kind, r.Tombstone)));
        Assert.True(page.Body.GetProperty("records")[0].GetProperty("tombstone").GetBoolean());
        Assert.True(LoginVerifier.Verify(export, Keys).Valid);
        Assert.Equal((LoginKinds.Erasure, "retention"), (cluster!.Record.Kind, cluster.Record.Payload!.Outcome));
    }

    private async Task<LoginExportJson> ExportAsync(string token)
    {
        var reply = await Api.GetAsync($"/api/wallets/{Alice.Address}/logins/export", token);
        Assert.Equal(HttpStatusCode.OK, reply.Status);
        return JsonSerializer.Deserialize<LoginExportJson>(reply.Body.GetRawText(), JsonSerializerOptions.Web)!;
    }

    private static void AssertProves(Reply proof, List<byte[]> leaves, int index, int size)
    {
        Assert.Equal(HttpStatusCode.OK, proof.Status);
        Assert.Equal(index, proof.Body.GetProperty("leafIndex").GetInt64());
        Assert.Equal(size, proof.Body.GetProperty("batchSize").GetInt64());
        Assert.Equal(ReferenceRoot(leaves[..size]), proof.Body.GetProperty("batchRoot").GetString());
        var path = proof.Body.GetProperty("path").EnumerateArray().Select(h => MerkleHash.Parse(h.GetString()!)).ToList();
        var leaf = Hash32.Parse(proof.Body.GetProperty("leaf").GetString()!);
        Assert.True(MerkleVerifier.VerifyInclusion(MerkleHash.OfLeaf(leaf.AsSpan()), index, size, path, MerkleHash.Parse(ReferenceRoot(leaves[..size]))));
        Assert.Equal(Convert.ToHexStringLower(leaves[index]), Convert.ToHexStringLower(Sha256([0x00, .. leaf.AsSpan()])));
    }

    // RFC 9162 MTH written out plainly, apart from the code under test: split at the largest power of two below n.
    private static string ReferenceRoot(List<byte[]> leaves) => "0x" + Convert.ToHexStringLower(Mth(leaves));

    private static byte[] Mth(List<byte[]> leaves)
    {
        if (leaves.Count == 1)
        {
            return leaves[0];
        }

        var k = 1;
        while (k * 2 < leaves.Count)
        {
            k *= 2;
        }

        return Sha256([0x01, .. Mth(leaves[..k]), .. Mth(leaves[k..])]);
    }

    private static byte[] Sha256(byte[] data) => SHA256.HashData(data);
}
