using System.Globalization;

namespace Actors.Client.LoadTest;

/// <summary>
/// The weights of the scenarios in a run, from <c>--mix</c> text such as <c>stake=50,claim=20,read=30</c>: each scenario named
/// at most once, weights whole numbers from 0 to 1,000,000, at least one above 0. A step picks a scenario with probability
/// proportional to its weight.
/// </summary>
internal sealed class ScenarioMix
{
    /// <summary>The mix when none is given.</summary>
    public const string Default = "deposit=10,stake=30,claim=15,unstake=10,nft=10,read=25";

    private readonly (Scenario Scenario, int Weight)[] _weights;
    private readonly int _total;

    private ScenarioMix((Scenario, int)[] weights)
    {
        _weights = weights;
        _total = weights.Sum(w => w.Item2);
    }

    /// <summary>The scenarios with a weight above 0, and their weights, in the order given.</summary>
    public IReadOnlyList<(Scenario Scenario, int Weight)> Weights => _weights;

    /// <summary>Whether a scenario of the mix changes state (and so needs the operator key for its deposits and mints).</summary>
    public bool Writes => _weights.Any(w => w.Scenario is not (Scenario.Read or Scenario.Health));

    /// <summary>The mix of one scenario alone.</summary>
    public static ScenarioMix Only(Scenario scenario) => new([(scenario, 1)]);

    /// <summary>Reads a mix; null with a message naming what is wrong for anything but the form above.</summary>
    public static ScenarioMix? Parse(string text, out string? error)
    {
        ArgumentNullException.ThrowIfNull(text);
        var weights = new List<(Scenario, int)>();
        var seen = new HashSet<Scenario>();
        foreach (var part in text.Split(','))
        {
            var pair = part.Split('=');
            if (pair.Length != 2 || pair[0].Trim().Length == 0)
            {
                error = $"'{part}' is not name=weight (names: {Names})";
                return null;
            }

            var name = pair[0].Trim();
            if (!Enum.TryParse<Scenario>(name, ignoreCase: true, out var scenario) || scenario == Scenario.Health || name.Any(char.IsDigit))
            {
                error = $"'{name}' is not a scenario (names: {Names})";
                return null;
            }

            if (!int.TryParse(pair[1].Trim(), NumberStyles.None, CultureInfo.InvariantCulture, out var weight) || weight > 1_000_000)
            {
                error = $"the weight of '{name}' must be a whole number from 0 to 1000000, not '{pair[1]}'";
                return null;
            }

            if (!seen.Add(scenario))
            {
                error = $"'{name}' is named twice";
                return null;
            }

            if (weight > 0)
            {
                weights.Add((scenario, weight));
            }
        }

        if (weights.Count == 0)
        {
            error = "at least one scenario needs a weight above 0";
            return null;
        }

        error = null;
        return new ScenarioMix([.. weights]);
    }

    /// <summary>The scenario a uniform draw <paramref name="draw"/> in [0, 1) picks.</summary>
    public Scenario Pick(double draw)
    {
        var target = draw * _total;
        foreach (var (scenario, weight) in _weights)
        {
            if (target < weight)
            {
                return scenario;
            }

            target -= weight;
        }

        return _weights[^1].Scenario;
    }

    /// <summary>The mix as text, in the form <see cref="Parse"/> reads.</summary>
    public override string ToString() =>
        string.Join(',', _weights.Select(w => string.Create(CultureInfo.InvariantCulture, $"{w.Scenario.ToString().ToLowerInvariant()}={w.Weight}")));

    private static string Names => "deposit, stake, claim, unstake, nft, read";
}
