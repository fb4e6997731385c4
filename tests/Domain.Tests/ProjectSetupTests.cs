namespace Actors.Domain.Tests;

public sealed class ProjectSetupTests
{
    [Fact]
    public void The_domain_library_carries_BouncyCastle_for_secp256k1_and_Keccak()
    {
        var curve = Org.BouncyCastle.Asn1.Sec.SecNamedCurves.GetByName("secp256k1");

        Assert.NotNull(curve);
        Assert.Equal(256, curve.N.BitLength);
    }
}
