using Org.BouncyCastle.Asn1.Sec;
using Org.BouncyCastle.Crypto.Digests;
using Org.BouncyCastle.Crypto.Parameters;
using Org.BouncyCastle.Crypto.Signers;
using Org.BouncyCastle.Math;
using Org.BouncyCastle.Math.EC;

namespace Actors.Domain.Ethereum;

/// <summary>ECDSA on secp256k1 as Ethereum uses it: deterministic nonces, low s, and public-key recovery from (r, s, parity).</summary>
internal static class Secp256k1
{
    private static readonly Org.BouncyCastle.Asn1.X9.X9ECParameters Curve = SecNamedCurves.GetByName("secp256k1");

    public static readonly ECDomainParameters Domain = new(Curve.Curve, Curve.G, Curve.N, Curve.H);

    /// <summary>The group order n.</summary>
    public static BigInteger N => Domain.N;

    /// <summary>n / 2: EIP-2 accepts only signatures whose s is at most this.</summary>
    public static readonly BigInteger HalfN = Curve.N.ShiftRight(1);

    public static ECPoint PublicKey(BigInteger privateKey) => Domain.G.Multiply(privateKey).Normalize();

    /// <summary>
    /// Signs a 32-byte hash with an RFC 6979 nonce (HMAC-SHA256), s made low, and the recovery id of R's y parity: one
    /// multiplication of the generator, R = kG, gives r and the parity together.
    /// </summary>
    public static (BigInteger R, BigInteger S, int RecoveryId) Sign(BigInteger privateKey, ReadOnlySpan<byte> hash)
    {
        var digest = hash.ToArray();
        var e = new BigInteger(1, digest).Mod(N);
        var nonces = new HMacDsaKCalculator(new Sha256Digest());
        nonces.Init(N, privateKey, digest);
        while (true)
        {
            var k = nonces.NextK();
            var point = Domain.G.Multiply(k).Normalize();
            var x = point.AffineXCoord.ToBigInteger();
            var r = x.Mod(N);
            var s = k.ModInverse(N).Multiply(e.Add(privateKey.Multiply(r))).Mod(N);
            if (r.SignValue == 0 || s.SignValue == 0)
            {
                continue; // as ECDSA does: the next nonce of the sequence
            }

            // x >= n happens with probability about 2^-128; Ethereum's recovery ids 0 and 1 cannot express it.
            if (x.CompareTo(N) >= 0)
            {
                continue;
            }

            var recoveryId = point.AffineYCoord.TestBitZero() ? 1 : 0;
            if (s.CompareTo(HalfN) > 0)
            {
                // -s signs for -R, whose y has the other parity.
                s = N.Subtract(s);
                recoveryId ^= 1;
            }

            return (r, s, recoveryId);
        }
    }

    /// <summary>
    /// Recovers the public key Q = r⁻¹(sR − eG), R being the point with x = r and the y parity of <paramref name="recoveryId"/>;
    /// null when no such point exists or Q is the point at infinity. r and s must be in 1..n−1.
    /// </summary>
    public static ECPoint? TryRecover(ReadOnlySpan<byte> hash, BigInteger r, BigInteger s, int recoveryId)
    {
        var curve = Domain.Curve;
        var x = curve.FromBigInteger(r);
        var y = x.Square().Multiply(x).Add(curve.B).Sqrt();
        if (y is null)
        {
            return null; // r is not the x coordinate of a curve point
        }

        if (y.TestBitZero() != (recoveryId == 1))
        {
            y = y.Negate();
        }

        var point = curve.CreatePoint(x.ToBigInteger(), y.ToBigInteger());
        var e = new BigInteger(1, hash.ToArray()).Mod(N);
        var rInverse = r.ModInverse(N);
        var q = ECAlgorithms.SumOfTwoMultiplies(
            Domain.G, N.Subtract(e).Multiply(rInverse).Mod(N), point, s.Multiply(rInverse).Mod(N)).Normalize();
        return q.IsInfinity ? null : q;
    }
}
