using System.Globalization;
using System.Text;
using System.Text.Json;
using Actors.Domain.Money;
using static Actors.Domain.Tests.Money.Reference;

namespace Actors.Domain.Tests.Money;

public sealed class UInt256TextTests
{
    private const string MaxText = "115792089237316195423570985008687907853269984665640564039457584007913129639935";

    [Fact]
    public void ToString_matches_BigInteger_and_Parse_reads_it_back() =>
        Check(Singles, value =>
        {
            var expected = ToBig(value).ToString(CultureInfo.InvariantCulture);
            Assert.Equal(expected, value.ToString());
            Assert.Equal(expected, value.ToString("D", CultureInfo.InvariantCulture));
            Assert.Equal(value, UInt256.Parse(expected));
            Assert.True(UInt256.TryParse(expected, out var parsed, out var error));
            Assert.Null(error);
            Assert.Equal(value, parsed);
        });

    [Fact]
    public void Span_and_UTF_8_formatting_write_the_same_digits_and_refuse_a_short_buffer() =>
        Check(Singles, value =>
        {
            var expected = ToBig(value).ToString(CultureInfo.InvariantCulture);
            Span<char> chars = stackalloc char[UInt256.MaxDigits];
            Span<byte> bytes = stackalloc byte[UInt256.MaxDigits];

            Assert.True(value.TryFormat(chars, out var charsWritten, default, null));
            Assert.Equal(expected, chars[..charsWritten].ToString());
            Assert.True(value.TryFormat(bytes, out var bytesWritten, default, null));
            Assert.Equal(expected, Encoding.UTF8.GetString(bytes[..bytesWritten]));
            Assert.False(value.TryFormat(chars[..(expected.Length - 1)], out _, default, null));
            Assert.False(value.TryFormat(bytes[..(expected.Length - 1)], out _, default, null));
        });

    [Theory]
    [InlineData("0", "0")]
    [InlineData("1", "1")]
    [InlineData("18446744073709551615", "18446744073709551615")]
    [InlineData("18446744073709551616", "18446744073709551616")]
    [InlineData("10000000000000000000", "10000000000000000000")]
    [InlineData(MaxText, MaxText)]
    public void Edge_values_round_trip(string text, string expected)
    {
        Assert.Equal(expected, UInt256.Parse(text).ToString());
        Assert.Equal(System.Numerics.BigInteger.Parse(text, CultureInfo.InvariantCulture), ToBig(UInt256.Parse(text)));
    }

    [Theory]
    [InlineData("", "must not be empty")]
    [InlineData("-1", "must not be negative")]
    [InlineData("+1", "must not carry a sign")]
    [InlineData(" 1", "must not contain spaces")]
    [InlineData("1 ", "must not contain spaces")]
    [InlineData("1e3", "no exponent")]
    [InlineData("1E3", "no exponent")]
    [InlineData("1.0", "no decimal point")]
    [InlineData("1,000", "no decimal point or separator")]
    [InlineData("0x10", "only the digits 0-9")]
    [InlineData("\uFF11", "only the digits 0-9")]
    [InlineData("007", "leading zeros")]
    [InlineData("00", "leading zeros")]
    [InlineData("1000000000000000000000000000000000000000000000000000000000000000000000000000000", "at most 78 digits")]
    [InlineData("115792089237316195423570985008687907853269984665640564039457584007913129639936", "must not exceed 2^256-1")]
    [InlineData("999999999999999999999999999999999999999999999999999999999999999999999999999999", "must not exceed 2^256-1")]
    public void Malformed_amounts_are_rejected_with_a_reason(string text, string reason)
    {
        Assert.False(UInt256.TryParse(text, out var value, out var error));
        Assert.Equal(UInt256.Zero, value);
        Assert.Contains(reason, error, StringComparison.Ordinal);
        Assert.False(UInt256.TryParse(text, CultureInfo.InvariantCulture, out _));
        var exception = Assert.Throws<FormatException>(() => UInt256.Parse(text, CultureInfo.InvariantCulture));
        Assert.Equal(error, exception.Message);
    }

    [Fact]
    public void A_missing_amount_is_rejected_with_a_reason()
    {
        Assert.False(UInt256.TryParse(null, out _, out var error));
        Assert.Equal("An amount is required.", error);
        Assert.Throws<ArgumentNullException>(() => UInt256.Parse(null!));
    }

    [Fact]
    public void Formats_other_than_decimal_are_refused() =>
        Assert.Throws<FormatException>(() => UInt256.One.ToString("X", CultureInfo.InvariantCulture));

    [Fact]
    public void JSON_carries_amounts_as_strings_both_ways() =>
        Check(Singles, value =>
        {
            var json = JsonSerializer.Serialize(new Payment(value));
            Assert.Equal($$"""{"Amount":"{{ToBig(value).ToString(CultureInfo.InvariantCulture)}}"}""", json);
            Assert.Equal(value, JsonSerializer.Deserialize<Payment>(json)!.Amount);
        });

    [Fact]
    public void JSON_numbers_and_malformed_strings_are_rejected_with_a_clear_message()
    {
        var number = Assert.Throws<JsonException>(() => JsonSerializer.Deserialize<Payment>("""{"Amount":1000}"""));
        Assert.Contains("must be a JSON string of decimal digits", number.Message, StringComparison.Ordinal);
        Assert.Contains("not a JSON number", number.Message, StringComparison.Ordinal);

        var negative = Assert.Throws<JsonException>(() => JsonSerializer.Deserialize<Payment>("""{"Amount":"-5"}"""));
        Assert.Contains("must not be negative", negative.Message, StringComparison.Ordinal);

        Assert.Throws<JsonException>(() => JsonSerializer.Deserialize<Payment>("""{"Amount":null}"""));
        Assert.Throws<JsonException>(() => JsonSerializer.Deserialize<Payment>("""{"Amount":true}"""));
    }

    [Fact]
    public void JSON_escapes_in_a_string_amount_are_read_as_the_characters_they_stand_for() =>
        Assert.Equal((UInt256)12u, JsonSerializer.Deserialize<Payment>("""{"Amount":"\u0031\u0032"}""")!.Amount);

    private sealed record Payment(UInt256 Amount);
}
