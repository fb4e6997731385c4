namespace Actors.Runtime.Tests.TestGrains;

public sealed record OrderLine(string Sku, int Quantity, long UnitPrice);

public sealed record OrderTotal(int Lines, long Amount);

public interface IOrderGrain : IGrainWithStringKey
{
    Task<OrderTotal> Total(IReadOnlyList<OrderLine> lines, long discount);
}

public sealed class OrderGrain : Grain, IOrderGrain
{
    public Task<OrderTotal> Total(IReadOnlyList<OrderLine> lines, long discount) =>
        Task.FromResult(new OrderTotal(lines.Count, lines.Sum(l => l.Quantity * l.UnitPrice) - discount));
}
