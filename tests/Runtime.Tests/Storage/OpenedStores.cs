namespace Actors.Runtime.Tests.Storage;

/// <summary>The stores a test opened, disposed together when it ends.</summary>
internal sealed class OpenedStores : IAsyncDisposable
{
    private readonly List<object> _opened = [];

    public T Add<T>(T store)
        where T : notnull
    {
        _opened.Add(store);
        return store;
    }

    public async ValueTask DisposeAsync()
    {
        foreach (var opened in _opened)
        {
            if (opened is IAsyncDisposable disposable)
            {
                await disposable.DisposeAsync();
            }
            else if (opened is IDisposable syncDisposable)
            {
                syncDisposable.Dispose();
            }
        }
    }
}
