using System.Globalization;
using System.Numerics;
using Actors.Domain.Ethereum;
using Actors.Domain.Money;
using Actors.Grains.Interfaces.Nfts;

namespace Actors.Grains.Tests.Nfts;

/// <summary>
/// Random mints, deposits, transfers (by owners, approved addresses and operators) and claims, against a reference that
/// gives each deposit's amount / supply, as an exact fraction, to each token's owner at that moment.
/// </summary>
[Collection(SharedGrainCluster.Collection)]
public sealed class NftDividendModelTests(SharedGrainCluster cluster)
{
    private const int Wallets = 4;
    private const int MaxTokens = 6;
    private readonly TestKeys _keys = TestKeys.Next();

    private string Id => _keys.Id("c");

    private IGrainFactory Grains => cluster.Grains;

    [Theory]
    [InlineData(1)]
    [InlineData(2)]
    [InlineData(3)]
    [InlineData(4)]
    [InlineData(5)]
    public async Task Every_owner_gets_its_exact_share_of_each_deposit_within_the_documented_rounding(int seed)
    {
        var random = new Random(seed);
        var collection = await NftDividendTests.CreateAsync(Grains, Id);
        var wallets = Enumerable.Range(1, Wallets).Select(_keys.Address).ToArray();
        var owners = new List<EthereumAddress>(); // the reference's owner of token i + 1
        var entitled = wallets.ToDictionary(w => w, _ => new Fraction(0, 1));
        var roundings = wallets.ToDictionary(w => w, _ => 0);
        var paid = wallets.ToDictionary(w => w, _ => UInt256.Zero);
        var deposited = UInt256.Zero;

        for (var step = 0; step < 80; step++)
        {
            var op = $"op-{step}";
            switch (random.Next(5))
            {
                case 0 when owners.Count < MaxTokens:
                    var owner = wallets[random.Next(Wallets)];
                    owners.Add(owner);
                    await NftDividendTests.MintAsync(Grains, Id, owners.Count.ToString(CultureInfo.InvariantCulture), owner);
                    break;
                case 1 when owners.Count > 0:
                    var amount = (ulong)random.NextInt64(1, 1_000_000_000_000_000_000);
                    await collection.Deposit(op, amount);
                    deposited += amount;
                    foreach (var holder in owners)
                    {
                        entitled[holder] += new Fraction(amount, owners.Count);
                        roundings[holder]++;
                    }

                    break;
                case 2 when owners.Count > 0:
                    var index = random.Next(owners.Count);
                    var to = wallets[random.Next(Wallets)];
                    if (to != owners[index])
                    {
                        var token = Token(index);
                        var caller = await CallerAsync(random, token, owners[index], op);
                        await token.Transfer(op, caller, to);
                        owners[index] = to;
                    }

                    break;
                case 3:
                    var claimer = wallets[random.Next(Wallets)];
                    paid[claimer] += (await NftDividendTests.Wallet(Grains, claimer).ClaimDividends(op, Id)).Paid;
                    break;
            }
        }

        var total = UInt256.Zero;
        foreach (var wallet in wallets)
        {
            var holdings = await NftDividendTests.Wallet(Grains, wallet).GetHoldings(Id);
            var received = paid[wallet] + holdings.Claimable;
            total += received;

            // The index rounds each deposit's share down to 10^-36 units per token, so an owner may lose at most
            // one such step per (deposit, token held) pair; whole units are paid and the fraction carried.
            var exact = entitled[wallet];
            var lowest = (exact - new Fraction(roundings[wallet], BigInteger.Pow(10, 36))).Floor();
            Assert.InRange(BigInteger.Parse(received.ToString(), CultureInfo.InvariantCulture), lowest, exact.Floor());
            Assert.Equal(owners.Count(o => o == wallet), holdings.Tokens.Count);
        }

        var info = await collection.GetInfo();
        Assert.Equal(deposited, info.Deposited);
        Assert.True(total <= deposited, "owners cannot receive more than was deposited");
        Assert.Equal(owners.Count, info.Supply);
    }

    private INftTokenGrain Token(int index) =>
        Grains.GetGrain<INftTokenGrain>(NftKeys.Token(Id, (index + 1).ToString(CultureInfo.InvariantCulture)));

    // The owner itself, an address it approves for the token, or an operator it grants for the collection.
    private async Task<EthereumAddress> CallerAsync(Random random, INftTokenGrain token, EthereumAddress owner, string op)
    {
        switch (random.Next(3))
        {
            case 0:
                var approved = _keys.Address(0x100 + random.Next(100));
                await token.Approve($"{op}-approve", owner, approved);
                return approved;
            case 1:
                var @operator = _keys.Address(0x200 + random.Next(100));
                await NftDividendTests.Wallet(Grains, owner).SetOperator($"{op}-operator", Id, @operator, true);
                return @operator;
            default:
                return owner;
        }
    }

    private readonly record struct Fraction(BigInteger Numerator, BigInteger Denominator)
    {
        public static Fraction operator +(Fraction a, Fraction b) =>
            Reduce(a.Numerator * b.Denominator + b.Numerator * a.Denominator, a.Denominator * b.Denominator);

        public static Fraction operator -(Fraction a, Fraction b) =>
            Reduce(a.Numerator * b.Denominator - b.Numerator * a.Denominator, a.Denominator * b.Denominator);

        public BigInteger Floor() => BigInteger.Divide(Numerator - (Numerator.Sign < 0 ? Denominator - 1 : 0), Denominator);

        private static Fraction Reduce(BigInteger numerator, BigInteger denominator)
        {
            var gcd = BigInteger.GreatestCommonDivisor(numerator, denominator);
            return gcd.IsZero ? new Fraction(0, 1) : new Fraction(numerator / gcd, denominator / gcd);
        }
    }
}
