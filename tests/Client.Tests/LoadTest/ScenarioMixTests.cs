using Actors.Client.LoadTest;

namespace Actors.Client.Tests.LoadTest;

public sealed class ScenarioMixTests
{
    [Fact]
    public void Parse_WeightsInOrder_ZeroDropped()
    {
        var mix = ScenarioMix.Parse("stake=50, claim=20,read=0,NFT=30", out var error);

        Assert.Null(error);
        Assert.NotNull(mix);
        Assert.Equal([(Scenario.Stake, 50), (Scenario.Claim, 20), (Scenario.Nft, 30)], mix.Weights);
        Assert.Equal("stake=50,claim=20,nft=30", mix.ToString());
        Assert.True(mix.Writes);
    }

    [Fact]
    public void Parse_Default_Reads()
    {
        Assert.NotNull(ScenarioMix.Parse(ScenarioMix.Default, out _));
    }

    [Theory]
    [InlineData("stake", "'stake' is not name=weight")]
    [InlineData("stake=1=2", "'stake=1=2' is not name=weight")]
    [InlineData("=5", "'=5' is not name=weight")]
    [InlineData("", "'' is not name=weight")]
    [InlineData("stake=1,,claim=1", "'' is not name=weight")]
    [InlineData("mine=5", "'mine' is not a scenario")]
    [InlineData("health=5", "'health' is not a scenario")]
    [InlineData("1=5", "'1' is not a scenario")]
    [InlineData("stake=abc", "the weight of 'stake' must be a whole number from 0 to 1000000, not 'abc'")]
    [InlineData("stake=-1", "the weight of 'stake' must be a whole number")]
    [InlineData("stake=1000001", "the weight of 'stake' must be a whole number")]
    [InlineData("stake=1,Stake=2", "'Stake' is named twice")]
    [InlineData("stake=0,claim=0", "at least one scenario needs a weight above 0")]
    public void Parse_BadInput_RefusedWithAMessage(string text, string message)
    {
        var mix = ScenarioMix.Parse(text, out var error);

        Assert.Null(mix);
        Assert.NotNull(error);
        Assert.StartsWith(message, error, StringComparison.Ordinal);
    }

    [Fact]
    public void Pick_ProportionalToWeights()
    {
        var mix = ScenarioMix.Parse("stake=3,read=1", out _)!;

        Assert.Equal(Scenario.Stake, mix.Pick(0));
        Assert.Equal(Scenario.Stake, mix.Pick(0.74));
        Assert.Equal(Scenario.Read, mix.Pick(0.75));
        Assert.Equal(Scenario.Read, mix.Pick(0.9999));
    }

    [Fact]
    public void Writes_ReadsOnly_False()
    {
        Assert.False(ScenarioMix.Parse("read=1", out _)!.Writes);
        Assert.False(ScenarioMix.Only(Scenario.Health).Writes);
    }
}
