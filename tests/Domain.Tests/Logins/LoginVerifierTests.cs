using Actors.Domain.Logins;
using Actors.Domain.Merkle;
using Actors.Domain.Tests.Merkle;
using static Actors.Domain.Tests.Logins.LoginExportFixture;

namespace Actors.Domain.Tests.Logins;

/// <summary>
/// <see cref="LoginVerifier"/> on a valid export, then on each way of tampering with it: every finding must name the record
/// (or the batch) that was changed.
/// </summary>
public sealed class LoginVerifierTests
{
    private static readonly LoginExportJson Valid = Export();

    [Fact]
    public void A_valid_export_verifies_with_every_record_included_and_every_HMAC_checked_under_both_keys()
    {
        var verification = LoginVerifier.Verify(Valid, Keys);

        Assert.Empty(verification.Findings);
        Assert.True(verification.Valid);
        Assert.Equal((8, 8, 8, 3), (verification.Records, verification.Included, verification.HmacsChecked, verification.Batches));
    }

    [Fact]
    public void Without_keys_no_HMAC_is_checked_and_with_one_key_only_the_records_under_it()
    {
        Assert.Equal(0, LoginVerifier.Verify(Valid).HmacsChecked);
        Assert.Equal(4, LoginVerifier.Verify(Valid, new Dictionary<int, byte[]> { [1] = Key1 }).HmacsChecked);
        Assert.Equal(4, LoginVerifier.Verify(Valid, new Dictionary<int, byte[]> { [2] = Key2 }).HmacsChecked);
    }

    [Fact]
    public void The_fixture_batches_carry_the_reference_roots_of_the_log()
    {
        var leaves = LogLeaves(Records(), out _);
        foreach (var batch in Valid.Batches)
        {
            Assert.Equal("0x" + Convert.ToHexStringLower(ReferenceMerkle.Mth(leaves[..(int)batch.Size])), batch.Root);
        }

        Assert.Equal([3L, 3L, 2L], Valid.Batches.Select(b => b.Records));
    }

    public static TheoryData<string, long> FieldChanges => new()
    {
        { "time", 2 }, { "kind", 5 }, { "outcome", 1 }, { "method", Full }, { "sessionId", Full }, { "deviceHash", Full },
        { "clientHash", Full }, { "country", Full }, { "detail", Full }, { "keyVersion", 4 }, { "keyVersion", 6 }, { "previousHash", 7 },
        { "payloadDigest", Full }, { "hash", Full }, { "hash", 8 }, { "time", 1 }, { "outcome", 8 }, { "method", 2 },
    };

    [Theory]
    [MemberData(nameof(FieldChanges))]
    public void Changing_a_stored_field_is_reported_for_that_record(string field, long sequence)
    {
        var changed = Valid.WithRecord(sequence, r => Change(r, field));

        var verification = LoginVerifier.Verify(changed, Keys);

        Assert.False(verification.Valid);
        Assert.Contains(verification.Findings, f => f.Sequence == sequence);

        // Only a changed hash touches its successor, which names the original as its previous hash.
        var touched = field == "hash" ? new[] { sequence, sequence + 1 } : [sequence];
        Assert.All(verification.Findings, f => Assert.Contains(f.Sequence ?? -1, touched));
    }

    [Fact]
    public void A_changed_HMAC_is_found_only_with_the_keys()
    {
        var changed = Valid.WithRecord(Full, r => r with { Hmac = Flip(r.Hmac) });

        Assert.True(LoginVerifier.Verify(changed).Valid);
        var finding = Assert.Single(LoginVerifier.Verify(changed, Keys).Findings);
        Assert.Equal(Full, finding.Sequence);
        Assert.Contains("HMAC", finding.Problem, StringComparison.Ordinal);
    }

    [Fact]
    public void An_HMAC_made_under_another_key_version_than_the_record_names_fails()
    {
        var records = Records().ToList();
        var r = records[1];
        records[1] = r with { Hmac = LoginRecordHashing.HmacOf(Key2, r.Hash) };

        var finding = Assert.Single(LoginVerifier.Verify(ExportOf(records), Keys).Findings);

        Assert.Equal(2, finding.Sequence);
        Assert.Contains("version 1", finding.Problem, StringComparison.Ordinal);
    }

    [Fact]
    public void Keys_given_under_the_wrong_versions_fail_every_HMAC()
    {
        var swapped = new Dictionary<int, byte[]> { [1] = Key2, [2] = Key1 };

        var verification = LoginVerifier.Verify(Valid, swapped);

        Assert.Equal(Enumerable.Range(1, 8).Select(s => (long?)s), verification.Findings.Select(f => f.Sequence));
    }

    [Theory]
    [InlineData(1)]
    [InlineData(4)]
    [InlineData(8)]
    public void Dropping_a_record_is_reported_for_it_and_for_the_one_after_it(long sequence)
    {
        var dropped = Valid with { Records = [.. Valid.Records.Where(r => r.Sequence != sequence)] };

        var verification = LoginVerifier.Verify(dropped);

        var sequences = Sequences(verification);
        Assert.Contains(sequence, sequences);
        if (sequence < 8)
        {
            Assert.Contains(sequence + 1, sequences);
        }

        Assert.All(sequences, s => Assert.InRange(s, sequence, sequence + 1));
    }

    [Theory]
    [InlineData(2)]
    [InlineData(5)]
    public void Reordering_two_records_is_reported_for_both_and_for_the_one_after_them(int sequence)
    {
        var records = Valid.Records.ToList();
        (records[sequence - 1], records[sequence]) = (records[sequence], records[sequence - 1]);

        var sequences = Sequences(LoginVerifier.Verify(Valid with { Records = records }));

        // The record after the pair names the first of them, which no longer comes right before it.
        Assert.Equal([sequence, sequence + 1, sequence + 2], sequences);
    }

    [Fact]
    public void Inserting_a_record_that_links_to_its_predecessor_is_reported_at_its_sequence()
    {
        var records = Records();
        var forged = LoginRecordHashing.Create(
            Wallet, 5, records[3].Time + 1, LoginKinds.SignIn, 2, records[3].Hash, new LoginPayload("signed_in", "siwe"), Key2);
        var inserted = Valid with { Records = [.. Valid.Records.Take(4), LoginRecordJson.Of(forged), .. Valid.Records.Skip(4)] };

        var verification = LoginVerifier.Verify(inserted);

        Assert.False(verification.Valid);
        Assert.Contains(5, Sequences(verification));
        Assert.All(Sequences(verification), s => Assert.InRange(s, 5, 8));
    }

    [Theory]
    [InlineData(1)]
    [InlineData(5)]
    [InlineData(8)]
    public void Rewriting_the_chain_from_a_record_on_with_recomputed_hashes_is_caught_by_the_batch_proofs(int from)
    {
        var rewritten = Rewrite(from);

        var verification = LoginVerifier.Verify(Valid with { Records = [.. rewritten.Select(LoginRecordJson.Of)] });

        Assert.Equal(Enumerable.Range(from, 9 - from).Select(s => (long)s), Sequences(verification));
        Assert.All(verification.Findings, f => Assert.Contains("another hash", f.Problem, StringComparison.Ordinal));
        Assert.Equal(from - 1, verification.Included);
    }

    [Fact]
    public void Rewriting_the_chain_and_the_proofs_leaves_is_caught_by_the_paths()
    {
        var rewritten = Rewrite(4);
        var proofs = Valid.Proofs.Select(p => p with { Leaf = rewritten[(int)p.Sequence - 1].Hash.ToString() }).ToList();

        var verification = LoginVerifier.Verify(Valid with { Records = [.. rewritten.Select(LoginRecordJson.Of)], Proofs = proofs });

        Assert.Equal([4L, 5, 6, 7, 8], Sequences(verification));
        Assert.All(verification.Findings, f => Assert.Contains("does not lead", f.Problem, StringComparison.Ordinal));
    }

    [Fact]
    public void Replacing_a_batch_root_fails_its_consistency_and_the_next_and_its_records_inclusion()
    {
        var batch = Valid.Batches[1];
        var root = Flip(batch.Root);
        var replaced = Valid with
        {
            Batches = [.. Valid.Batches.Select(b => b.BatchId == batch.BatchId ? b with { Root = root } : b)],
            Proofs = [.. Valid.Proofs.Select(p => p.BatchId == batch.BatchId ? p with { BatchRoot = root } : p)],
        };

        var verification = LoginVerifier.Verify(replaced);

        var batchFindings = verification.Findings.Where(f => f.Sequence is null).Select(f => f.BatchId!.Value);
        Assert.Equal([batch.BatchId, batch.BatchId + 1], batchFindings);
        Assert.Equal([4L, 5, 6], Sequences(verification));
        Assert.Equal(5, verification.Included);
    }

    [Fact]
    public void Replacing_a_batch_root_without_its_proofs_is_reported_for_the_records_proven_against_the_old_one()
    {
        var replaced = Valid with { Batches = [.. Valid.Batches.Select(b => b.BatchId == 100 ? b with { Root = Flip(b.Root) } : b)] };

        var verification = LoginVerifier.Verify(replaced);

        Assert.Equal([1L, 2, 3], Sequences(verification));
        Assert.Contains(verification.Findings, f => f is { Sequence: null, BatchId: 101 });
    }

    [Theory]
    [InlineData(Full)]
    [InlineData(1)]
    [InlineData(8)]
    public void A_tombstoned_record_still_verifies_with_its_HMAC(long sequence)
    {
        var records = Records().Select(r => r.Sequence == sequence ? r.Erased() : r).ToList();
        var export = ExportOf(records);
        var erased = export.Records[(int)sequence - 1];

        var verification = LoginVerifier.Verify(export, Keys);

        Assert.True(erased.Tombstone);
        string?[] payload = [erased.Outcome, erased.Method, erased.SessionId, erased.DeviceHash, erased.ClientHash, erased.Country, erased.Detail];
        Assert.All(payload, Assert.Null);
        Assert.Empty(verification.Findings);
        Assert.Equal((8, 8, 8), (verification.Records, verification.Included, verification.HmacsChecked));
    }

    [Fact]
    public void Every_record_tombstoned_still_verifies_but_a_changed_tombstone_does_not()
    {
        var export = ExportOf([.. Records().Select(r => r.Erased())]);
        Assert.True(LoginVerifier.Verify(export, Keys).Valid);

        var changed = export.WithRecord(6, r => r with { PayloadDigest = Flip(r.PayloadDigest) });
        Assert.Equal([6L], Sequences(LoginVerifier.Verify(changed, Keys)));
    }

    [Fact]
    public void A_record_not_well_formed_is_reported_with_its_sequence()
    {
        var broken = Valid.WithRecord(3, r => r with { DeviceHash = "0x12" });

        var verification = LoginVerifier.Verify(broken);

        Assert.Contains(verification.Findings, f => f.Sequence == 3 && f.Problem.Contains("deviceHash", StringComparison.Ordinal));
    }

    [Fact]
    public void A_finding_prints_the_record_or_the_batch_it_is_about()
    {
        Assert.Equal("record 4: x", new LoginFinding(4, 101, "x").ToString());
        Assert.Equal("batch 101: y", new LoginFinding(null, 101, "y").ToString());
    }

    // The wallet's records with record `from` changed and every hash from it on recomputed, as an attacker without the
    // published batches could; the HMACs are left as they were.
    private static List<LoginRecord> Rewrite(int from)
    {
        var records = Records().ToList();
        var previous = from == 1 ? LoginRecordHashing.Genesis : records[from - 2].Hash;
        for (var i = from - 1; i < records.Count; i++)
        {
            var r = records[i];
            var time = i == from - 1 ? r.Time + 3600 : r.Time;
            var hash = LoginRecordHashing.HashOf(r.Chain, r.Sequence, time, r.Kind, r.KeyVersion, previous, r.PayloadDigest);
            records[i] = r with { Time = time, PreviousHash = previous, Hash = hash };
            previous = hash;
        }

        return records;
    }

    private static List<long> Sequences(LoginVerification verification) =>
        [.. verification.Findings.Where(f => f.Sequence is not null).Select(f => f.Sequence!.Value).Distinct().Order()];

    private static LoginRecordJson Change(LoginRecordJson r, string field) => field switch
    {
        "time" => r with { Time = r.Time + 1 },
        "kind" => r with { Kind = r.Kind == LoginKinds.SignIn ? LoginKinds.Anomaly : LoginKinds.SignIn },
        "outcome" => r with { Outcome = r.Outcome + "x" },
        "method" => r with { Method = r.Method == "siwe" ? "signature" : "siwe" },
        "sessionId" => r with { SessionId = r.SessionId + "0" },
        "deviceHash" => r with { DeviceHash = Flip(r.DeviceHash!) },
        "clientHash" => r with { ClientHash = Flip(r.ClientHash!) },
        "country" => r with { Country = "US" },
        "detail" => r with { Detail = null },
        "keyVersion" => r with { KeyVersion = 3 - r.KeyVersion },
        "previousHash" => r with { PreviousHash = Flip(r.PreviousHash) },
        "payloadDigest" => r with { PayloadDigest = Flip(r.PayloadDigest) },
        "hash" => r with { Hash = Flip(r.Hash) },
        _ => throw new ArgumentOutOfRangeException(nameof(field), field, null),
    };
}
