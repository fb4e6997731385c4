using System.Globalization;
using Actors.Domain.Ethereum;
using FsCheck;
using FsCheck.Fluent;
using Org.BouncyCastle.Asn1.Sec;
using Org.BouncyCastle.Crypto.Parameters;
using Org.BouncyCastle.Crypto.Signers;
using Numerics = System.Numerics;

namespace Actors.Domain.Tests.Ethereum;

/// <summary>Signing, recovery and signature validation over random keys and messages.</summary>
public sealed class EthereumSignatureTests
{
    // The secp256k1 group order, from SEC 2.
    private static readonly Numerics.BigInteger N = Numerics.BigInteger.Parse(
        "0fffffffffffffffffffffffffffffffebaaedce6af48a03bbfd25e8cd0364141", NumberStyles.HexNumber, CultureInfo.InvariantCulture);

    private static readonly Gen<byte[]> Bytes32 = Gen.ArrayOf(Gen.Choose(0, 255).Select(b => (byte)b), 32);

    private static readonly Gen<PrivateKey> Keys =
        Bytes32.Select(b => PrivateKey.TryCreate(b, out var key, out _) ? key : null).Where(k => k is not null).Select(k => k!);

    private static readonly Gen<byte[]> Messages = Gen.ArrayOf(Gen.Choose(0, 255).Select(b => (byte)b));

    private static readonly Arbitrary<(PrivateKey Key, byte[] Message)> Signings = Gen.Zip(Keys, Messages).ToArbitrary();

    [Fact]
    public void Sign_then_recover_gives_back_the_signer_and_the_signature_verifies_as_plain_ECDSA()
    {
        Prop.ForAll(Signings, t =>
        {
            var signature = PersonalSign.Sign(t.Key, t.Message);
            var recovered = PersonalSign.TryRecover(t.Message, signature, out var signer) && signer == t.Key.Address;
            return recovered && VerifiesWithBouncyCastle(t.Key, t.Message, signature) && EthereumSignature.Parse(signature.ToString()) == signature;
        }).QuickCheckThrowOnFailure();
    }

    [Fact]
    public void Signatures_are_low_s_with_v_27_or_28()
    {
        Prop.ForAll(Signings, t =>
        {
            var bytes = PersonalSign.Sign(t.Key, t.Message).ToArray();
            return ToInteger(bytes.AsSpan(32, 32)) <= N / 2 && bytes[64] is 27 or 28;
        }).QuickCheckThrowOnFailure();
    }

    [Fact]
    public void Changing_any_byte_of_the_message_changes_the_recovered_address()
    {
        var cases = Gen.Zip(Keys, Gen.NonEmptyListOf(Gen.Choose(0, 255).Select(b => (byte)b)).Select(l => l.ToArray()))
            .SelectMany(t => Gen.Zip(Gen.Choose(0, t.Item2.Length - 1), Gen.Choose(1, 255)), (t, c) => (Key: t.Item1, Message: t.Item2, Index: c.Item1, Xor: c.Item2))
            .ToArbitrary();
        Prop.ForAll(cases, t =>
        {
            var signature = PersonalSign.Sign(t.Key, t.Message);
            var altered = (byte[])t.Message.Clone();
            altered[t.Index] ^= (byte)t.Xor;
            return !PersonalSign.TryRecover(altered, signature, out var signer) || signer != t.Key.Address;
        }).QuickCheckThrowOnFailure();
    }

    [Fact]
    public void The_high_s_twin_of_a_signature_is_rejected()
    {
        Prop.ForAll(Signings, t =>
        {
            var bytes = PersonalSign.Sign(t.Key, t.Message).ToArray();
            var highS = N - ToInteger(bytes.AsSpan(32, 32));
            byte[] twin = [.. bytes[..32], .. ToBytes32(highS), (byte)(bytes[64] == 27 ? 28 : 27)];
            return !EthereumSignature.TryParse(Hex(twin), out _, out var error) && error.Contains("low s", StringComparison.Ordinal);
        }).QuickCheckThrowOnFailure();
    }

    [Fact]
    public void V_0_and_1_are_read_as_27_and_28()
    {
        Prop.ForAll(Signings, t =>
        {
            var signature = PersonalSign.Sign(t.Key, t.Message);
            var bytes = signature.ToArray();
            bytes[64] -= 27;
            return EthereumSignature.TryParse(Hex(bytes), out var zeroBased, out _)
                && zeroBased == signature
                && zeroBased.V == signature.V
                && PersonalSign.TryRecover(t.Message, zeroBased, out var signer) && signer == t.Key.Address;
        }).QuickCheckThrowOnFailure();
    }

    [Fact]
    public void A_v_other_than_0_1_27_or_28_is_rejected()
    {
        var cases = Gen.Zip(Bytes32, Gen.Choose(0, 255).Where(v => v is not (0 or 1 or 27 or 28))).ToArbitrary();
        Prop.ForAll(cases, t =>
        {
            var text = Hex([.. ValidR, .. ValidS, (byte)t.Item2]);
            return !EthereumSignature.TryParse(text, out _, out var error) && error.Contains("signature v must be", StringComparison.Ordinal);
        }).QuickCheckThrowOnFailure();
    }

    [Fact]
    public void An_s_at_or_above_the_group_order_is_rejected()
    {
        var atOrAbove = Gen.Choose(0, int.MaxValue).Select(d => N + d).Where(s => s < Numerics.BigInteger.One << 256).ToArbitrary();
        Prop.ForAll(atOrAbove, s =>
        {
            var text = Hex([.. ValidR, .. ToBytes32(s), 27]);
            return !EthereumSignature.TryParse(text, out _, out var error) && error.Contains("signature s must be between", StringComparison.Ordinal);
        }).QuickCheckThrowOnFailure();
    }

    [Fact]
    public void An_r_at_or_above_the_group_order_is_rejected()
    {
        var text = Hex([.. ToBytes32(N), .. ValidS, 27]);

        Assert.False(EthereumSignature.TryParse(text, out _, out var error));
        Assert.Contains("signature r must be between", error, StringComparison.Ordinal);
    }

    [Theory]
    [InlineData(true, "signature r must be between")]
    [InlineData(false, "signature s must be between")]
    public void A_zero_r_or_s_is_rejected(bool zeroR, string reason)
    {
        var zero = new byte[32];
        var text = Hex(zeroR ? [.. zero, .. ValidS, 27] : [.. ValidR, .. zero, 27]);

        Assert.False(EthereumSignature.TryParse(text, out _, out var error));
        Assert.Contains(reason, error, StringComparison.Ordinal);
    }

    [Fact]
    public void Text_of_any_length_but_130_hex_digits_is_rejected()
    {
        var lengths = Gen.Choose(0, 200).Where(n => n != 130).ToArbitrary();
        Prop.ForAll(lengths, n =>
        {
            var text = "0x" + new string('1', n);
            return !EthereumSignature.TryParse(text, out _, out var error)
                && error.Contains("130 hex digits, not " + n.ToString(CultureInfo.InvariantCulture), StringComparison.Ordinal);
        }).QuickCheckThrowOnFailure();
    }

    [Fact]
    public void A_non_hex_character_anywhere_is_rejected()
    {
        var valid = Hex([.. ValidR, .. ValidS, 27]);
        var cases = Gen.Zip(Gen.Choose(2, 131), Gen.Elements('g', 'x', 'G', ' ', '-', 'é', '\0')).ToArbitrary();
        Prop.ForAll(cases, t =>
        {
            var chars = valid.ToCharArray();
            chars[t.Item1] = t.Item2;
            return !EthereumSignature.TryParse(new string(chars), out _, out var error)
                && error.Contains("not a hex digit at position " + t.Item1.ToString(CultureInfo.InvariantCulture), StringComparison.Ordinal);
        }).QuickCheckThrowOnFailure();
        Assert.True(EthereumSignature.TryParse(valid, out _, out var validError), validError);
    }

    [Theory]
    [InlineData(null, "signature is empty")]
    [InlineData("", "signature is empty")]
    [InlineData("b91467e570a6466aa9e9876cbcd013baba02900b8979d43fe208a4a4f339f5fd6007e74cd82e037b800186422fc2da167c747ef045e5d18a5f5d4300f8e1a0291c", "must start with 0x")]
    public void Missing_text_or_prefix_is_rejected(string? text, string reason)
    {
        Assert.False(EthereumSignature.TryParse(text, out var signature, out var error));
        Assert.Null(signature);
        Assert.Contains(reason, error, StringComparison.Ordinal);
    }

    private static readonly byte[] ValidR = ToBytes32(12345);
    private static readonly byte[] ValidS = ToBytes32(67890);

    private static bool VerifiesWithBouncyCastle(PrivateKey key, byte[] message, EthereumSignature signature)
    {
        var curve = SecNamedCurves.GetByName("secp256k1");
        var domain = new ECDomainParameters(curve.Curve, curve.G, curve.N, curve.H);
        var point = curve.Curve.DecodePoint([0x04, .. PublicKeyOf(key, curve)]);
        var verifier = new ECDsaSigner();
        verifier.Init(false, new ECPublicKeyParameters(point, domain));
        var bytes = signature.ToArray();
        return verifier.VerifySignature(
            PersonalSign.HashMessage(message).ToArray(),
            new Org.BouncyCastle.Math.BigInteger(1, bytes[..32]),
            new Org.BouncyCastle.Math.BigInteger(1, bytes[32..64]));
    }

    private static byte[] PublicKeyOf(PrivateKey key, Org.BouncyCastle.Asn1.X9.X9ECParameters curve) =>
        curve.G.Multiply(key.Value).Normalize().GetEncoded(false)[1..];

    private static Numerics.BigInteger ToInteger(ReadOnlySpan<byte> bigEndian) => new(bigEndian, isUnsigned: true, isBigEndian: true);

    private static byte[] ToBytes32(Numerics.BigInteger value)
    {
        var bytes = value.ToByteArray(isUnsigned: true, isBigEndian: true);
        return [.. new byte[32 - bytes.Length], .. bytes];
    }

    private static string Hex(byte[] bytes) => "0x" + Convert.ToHexStringLower(bytes);
}
