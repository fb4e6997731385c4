using Actors.Domain.Ethereum;

namespace Actors.Domain.Tests.Ethereum;

public sealed class Hash32Tests
{
    [Fact]
    public void A_hash_parses_in_either_case_and_formats_as_lowercase()
    {
        const string Upper = "0xC5D2460186F7233C927E7DB2DCC703C0E500B653CA82273B7BFAD8045D85A470";

        var hash = Hash32.Parse(Upper);

        Assert.Equal("0xc5d2460186f7233c927e7db2dcc703c0e500b653ca82273b7bfad8045d85a470", hash.ToString());
        Assert.Equal(Convert.FromHexString(Upper[2..]), hash.ToArray());
        Assert.Equal(hash, Hash32.Parse(Upper.ToLowerInvariant()));
        Assert.NotEqual(hash, Hash32.Parse("0x" + new string('0', 64)));
    }

    [Theory]
    [InlineData(null, "hash is empty")]
    [InlineData("c5d2460186f7233c927e7db2dcc703c0e500b653ca82273b7bfad8045d85a470", "must start with 0x")]
    [InlineData("0xc5d2460186f7233c927e7db2dcc703c0e500b653ca82273b7bfad8045d85a4", "64 hex digits, not 62")]
    [InlineData("0xc5d2460186f7233c927e7db2dcc703c0e500b653ca82273b7bfad8045d85a47z", "not a hex digit at position 65")]
    public void A_malformed_hash_is_rejected_with_the_reason(string? text, string reason)
    {
        Assert.False(Hash32.TryParse(text, out var hash, out var error));
        Assert.Null(hash);
        Assert.Contains(reason, error, StringComparison.Ordinal);
    }

    [Fact]
    public void FromBytes_rejects_other_lengths()
    {
        Assert.Throws<ArgumentException>(() => Hash32.FromBytes(new byte[31]));
        Assert.Equal("0x" + new string('0', 62) + "01", Hash32.FromBytes([.. new byte[31], 1]).ToString());
    }
}
