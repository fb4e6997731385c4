using Actors.Client.Tests.Cluster;

namespace Actors.Client.Tests.Logins;

/// <summary><c>logins verify --file</c>: exit 0 valid, 1 invalid with each problem on its own line, 2 bad input on stderr.</summary>
public sealed class LoginsVerifyTests : IDisposable
{
    private readonly string _directory = Directory.CreateTempSubdirectory("logins-verify-").FullName;

    public void Dispose() => Directory.Delete(_directory, recursive: true);

    [Fact]
    public async Task A_valid_export_prints_its_counts_and_exits_0()
    {
        var result = await VerifyAsync(LoginExportSample.Json(LoginExportSample.Export()));

        Assert.Equal((0, "valid: 3 records, 3 included in batches, 0 HMACs checked, 2 batches" + Environment.NewLine, ""), result);
    }

    [Fact]
    public async Task Hmac_keys_check_the_records_under_them_and_are_never_printed()
    {
        var json = LoginExportSample.Json(LoginExportSample.Export());

        var both = await VerifyAsync(json, "--hmac-key", "1=" + LoginExportSample.Key1Hex, "--hmac-key", "2=" + LoginExportSample.Key2Hex);
        var one = await VerifyAsync(json, "--hmac-key", "2=" + LoginExportSample.Key2Hex);
        var wrong = await VerifyAsync(json, "--hmac-key", "1=" + LoginExportSample.Key2Hex);

        Assert.Equal((0, "valid: 3 records, 3 included in batches, 3 HMACs checked, 2 batches"), (both.Exit, both.Output.TrimEnd()));
        Assert.Equal((0, "valid: 3 records, 3 included in batches, 1 HMACs checked, 2 batches"), (one.Exit, one.Output.TrimEnd()));
        Assert.Equal(1, wrong.Exit);
        Assert.Equal(
            [
                "record 1: its HMAC does not verify under login key version 1",
                "record 2: its HMAC does not verify under login key version 1",
                "invalid: 2 problems",
            ],
            Lines(wrong.Output));
        foreach (var result in new[] { both, one, wrong })
        {
            Assert.DoesNotContain("0101010101", result.Output + result.Errors, StringComparison.Ordinal);
            Assert.DoesNotContain("0202020202", result.Output + result.Errors, StringComparison.Ordinal);
        }
    }

    [Fact]
    public async Task A_changed_record_prints_each_finding_then_the_count_and_exits_1()
    {
        var export = LoginExportSample.Export();
        var changed = export with { Records = [.. export.Records.Select(r => r.Sequence == 2 ? r with { Time = r.Time + 1 } : r)] };

        var result = await VerifyAsync(LoginExportSample.Json(changed));

        Assert.Equal(1, result.Exit);
        Assert.Equal(["record 2: its hash does not match its fields: a field was changed", "invalid: 1 problems"], Lines(result.Output));
        Assert.Empty(result.Errors);
    }

    [Fact]
    public async Task A_dropped_record_is_reported_with_its_sequence_and_exits_1()
    {
        var export = LoginExportSample.Export();
        var dropped = export with { Records = [.. export.Records.Where(r => r.Sequence != 2)] };

        var result = await VerifyAsync(LoginExportSample.Json(dropped));

        Assert.Equal(1, result.Exit);
        var lines = Lines(result.Output);
        Assert.Contains(lines, l => l.StartsWith("record 2: ", StringComparison.Ordinal));
        Assert.Contains(lines, l => l.StartsWith("record 3: ", StringComparison.Ordinal));
        Assert.Equal($"invalid: {lines.Length - 1} problems", lines[^1]);
    }

    [Fact]
    public async Task Property_names_are_read_in_any_case()
    {
        var json = LoginExportSample.Json(LoginExportSample.Export()).Replace("\"records\"", "\"Records\"", StringComparison.Ordinal);

        Assert.Equal(0, (await VerifyAsync(json)).Exit);
    }

    public static TheoryData<string, string> BadFiles => new()
    {
        { "{\"wallet\":", "is not a login export: " },
        { "not json", "is not a login export: " },
        { "null", "is not a login export: the JSON is null" },
        { "[]", "is not a login export: " },
        { "{\"wallet\":\"0xbb\",\"wallet\":\"0xcc\",\"records\":[],\"proofs\":[],\"batches\":[]}", "Duplicate property 'wallet'" },
        { "{\"wallet\":\"0xbb\",\"records\":[{\"sequence\":\"one\"}],\"proofs\":[],\"batches\":[]}", "$.records[0].sequence" },
    };

    [Theory]
    [MemberData(nameof(BadFiles))]
    public async Task A_file_that_is_not_a_login_export_exits_2_with_a_message(string json, string message)
    {
        var result = await VerifyAsync(json);

        Assert.Equal(2, result.Exit);
        Assert.Empty(result.Output);
        Assert.StartsWith("--file: '", result.Errors, StringComparison.Ordinal);
        Assert.Contains(message, result.Errors, StringComparison.Ordinal);
    }

    [Fact]
    public async Task A_missing_file_or_no_source_exits_2_with_a_message()
    {
        var missing = await Cli.RunAsync(Cli.Offline(), "logins", "verify", "--file", Path.Combine(_directory, "absent.json"));
        var none = await Cli.RunAsync(Cli.Offline(), "logins", "verify");

        Assert.Equal((2, ""), (missing.Exit, missing.Output));
        Assert.Contains("--file: cannot read", missing.Errors, StringComparison.Ordinal);
        Assert.Equal((2, ""), (none.Exit, none.Output));
        Assert.Contains("--file: is required", none.Errors, StringComparison.Ordinal);
    }

    [Theory]
    [InlineData("0x0101")]
    [InlineData("x=0x0101")]
    [InlineData("-1=0x0101")]
    [InlineData("1=0x010")]
    [InlineData("1=0xzz01")]
    [InlineData("1=")]
    public async Task A_malformed_hmac_key_exits_2_without_printing_it(string key)
    {
        var result = await VerifyAsync(LoginExportSample.Json(LoginExportSample.Export()), "--hmac-key", key);

        Assert.Equal((2, ""), (result.Exit, result.Output));
        Assert.StartsWith("--hmac-key: key 1: ", result.Errors, StringComparison.Ordinal);
        Assert.DoesNotContain("010", result.Errors, StringComparison.Ordinal);
        Assert.DoesNotContain("zz", result.Errors, StringComparison.Ordinal);
    }

    [Fact]
    public async Task A_key_version_given_twice_exits_2()
    {
        var result = await VerifyAsync(
            LoginExportSample.Json(LoginExportSample.Export()),
            "--hmac-key",
            "1=" + LoginExportSample.Key1Hex,
            "--hmac-key",
            "1=" + LoginExportSample.Key2Hex);

        Assert.Equal(2, result.Exit);
        Assert.Equal("--hmac-key: key 2: version 1 is given twice", result.Errors.TrimEnd());
    }

    [Fact]
    public async Task A_file_and_http_at_once_exit_2()
    {
        var path = Path.Combine(_directory, "export.json");
        await File.WriteAllTextAsync(path, LoginExportSample.Json(LoginExportSample.Export()));
        using var handler = new RecordingHandler();

        var result = await Cli.RunAsync(
            Cli.Over(handler), "logins", "verify", "--file", path, "--http", "http://silo.test/", "--wallet", LoginExportSample.Wallet);

        Assert.Equal(2, result.Exit);
        Assert.Contains("not both", result.Errors, StringComparison.Ordinal);
        Assert.Empty(handler.Requests);
    }

    private async Task<(int Exit, string Output, string Errors)> VerifyAsync(string json, params string[] options)
    {
        var path = Path.Combine(_directory, $"{Guid.NewGuid():N}.json");
        await File.WriteAllTextAsync(path, json);
        var result = await Cli.RunAsync(Cli.Offline(), ["logins", "verify", "--file", path, .. options]);
        return (result.Exit, result.Output, result.Errors);
    }

    private static string[] Lines(string text) => text.Split(Environment.NewLine, StringSplitOptions.RemoveEmptyEntries);
}
