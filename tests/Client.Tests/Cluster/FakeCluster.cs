using System.Reflection;
using Actors.Client.Cluster;
using Actors.Grains.Interfaces.Security;
using Orleans.Runtime;

namespace Actors.Client.Tests.Cluster;

/// <summary>
/// A stand-in for the cluster behind the cluster client: every connection and every grain call is recorded and answered by
/// <see cref="Answer"/> (or fails by <see cref="Connect"/>), so that tests can make a call fail as a dying silo makes it fail.
/// </summary>
internal sealed class FakeCluster : IGrainFactory
{
    private readonly Lock _lock = new();

    /// <summary>Every grain call made, in order.</summary>
    public List<GrainCall> Calls { get; } = [];

    /// <summary>How many clients were started (attempts included) and how many were disposed.</summary>
    public (int Started, int Disposed) Connections { get; private set; }

    /// <summary>Answers the n-th connection attempt (from 1): null to connect, or the exception that attempt fails with.</summary>
    public Func<int, Exception?> Connect { get; set; } = _ => null;

    /// <summary>Answers a call, given it and how many calls came before it: the result, or an exception to fail it with.</summary>
    public Func<GrainCall, int, object?> Answer { get; set; } =
        (call, _) => throw new InvalidOperationException($"no answer for {call.Method}");

    /// <summary>Services whose cluster client is this fake (no environment, no HTTP).</summary>
    public CommandServices Services =>
        new(_ => null, _ => throw new InvalidOperationException("This test makes no HTTP calls."), TimeProvider.System, ConnectAsync);

    public TGrainInterface GetGrain<TGrainInterface>(string primaryKey, string? grainClassNamePrefix = null)
        where TGrainInterface : IGrainWithStringKey => ScriptedGrain.Create<TGrainInterface>(this, primaryKey);

    public TGrainInterface GetGrain<TGrainInterface>(Guid primaryKey, string? grainClassNamePrefix = null)
        where TGrainInterface : IGrainWithGuidKey => throw new NotSupportedException();

    public TGrainInterface GetGrain<TGrainInterface>(long primaryKey, string? grainClassNamePrefix = null)
        where TGrainInterface : IGrainWithIntegerKey => throw new NotSupportedException();

    public TGrainInterface GetGrain<TGrainInterface>(Guid primaryKey, string keyExtension, string? grainClassNamePrefix = null)
        where TGrainInterface : IGrainWithGuidCompoundKey => throw new NotSupportedException();

    public TGrainInterface GetGrain<TGrainInterface>(long primaryKey, string keyExtension, string? grainClassNamePrefix = null)
        where TGrainInterface : IGrainWithIntegerCompoundKey => throw new NotSupportedException();

    public TGrainObserverInterface CreateObjectReference<TGrainObserverInterface>(IGrainObserver obj)
        where TGrainObserverInterface : IGrainObserver => throw new NotSupportedException();

    public void DeleteObjectReference<TGrainObserverInterface>(IGrainObserver obj) where TGrainObserverInterface : IGrainObserver =>
        throw new NotSupportedException();

    public IGrain GetGrain(Type grainInterfaceType, Guid grainPrimaryKey) => throw new NotSupportedException();

    public IGrain GetGrain(Type grainInterfaceType, long grainPrimaryKey) => throw new NotSupportedException();

    public IGrain GetGrain(Type grainInterfaceType, string grainPrimaryKey) => throw new NotSupportedException();

    public IGrain GetGrain(Type grainInterfaceType, Guid grainPrimaryKey, string keyExtension) => throw new NotSupportedException();

    public IGrain GetGrain(Type grainInterfaceType, long grainPrimaryKey, string keyExtension) => throw new NotSupportedException();

    public TGrainInterface GetGrain<TGrainInterface>(GrainId grainId) where TGrainInterface : IAddressable =>
        throw new NotSupportedException();

    public IAddressable GetGrain(GrainId grainId) => throw new NotSupportedException();

    public IAddressable GetGrain(GrainId grainId, GrainInterfaceType interfaceType) => throw new NotSupportedException();

    public IAddressable GetGrain(Type interfaceType, IdSpan grainKey, string grainClassNamePrefix) => throw new NotSupportedException();

    public IAddressable GetGrain(Type interfaceType, IdSpan grainKey) => throw new NotSupportedException();

    /// <summary>Records a call and answers it as a task of the method's result type.</summary>
    internal object Invoke(Type grainInterface, string key, MethodInfo method, object?[] args)
    {
        GrainCall call;
        int before;
        lock (_lock)
        {
            before = Calls.Count;
            call = new GrainCall(grainInterface, key, method.Name, args);
            Calls.Add(call);
        }

        var resultType = method.ReturnType.IsGenericType ? method.ReturnType.GetGenericArguments()[0] : typeof(object);
        try
        {
            return FromResult.MakeGenericMethod(resultType).Invoke(null, [Answer(call, before)])!;
        }
        catch (Exception error)
        {
            return FromException.MakeGenericMethod(resultType).Invoke(null, [error])!;
        }
    }

    private static readonly MethodInfo FromResult = typeof(Task).GetMethod(nameof(Task.FromResult))!;

    private static readonly MethodInfo FromException =
        typeof(Task).GetMethods().Single(m => m.Name == nameof(Task.FromException) && m.IsGenericMethod);

    private Task<IClusterConnection> ConnectAsync(
        ClusterClientOptions options, ClusterCertificate? certificate, CancellationToken cancellationToken)
    {
        int attempt;
        lock (_lock)
        {
            Connections = (attempt = Connections.Started + 1, Connections.Disposed);
        }

        return Connect(attempt) is { } failure
            ? Task.FromException<IClusterConnection>(failure)
            : Task.FromResult<IClusterConnection>(new Connection(this));
    }

    private sealed class Connection(FakeCluster cluster) : IClusterConnection
    {
        public IGrainFactory Grains => cluster;

        public ValueTask DisposeAsync()
        {
            lock (cluster._lock)
            {
                cluster.Connections = (cluster.Connections.Started, cluster.Connections.Disposed + 1);
            }

            return ValueTask.CompletedTask;
        }
    }
}

/// <summary>One grain call as the fake cluster received it.</summary>
internal sealed record GrainCall(Type Grain, string Key, string Method, object?[] Arguments);

/// <summary>A grain reference of the fake cluster: each method call goes to <see cref="FakeCluster.Invoke"/>.</summary>
public class ScriptedGrain : DispatchProxy
{
    private FakeCluster? _cluster;
    private Type? _grain;
    private string _key = "";

    internal static TGrain Create<TGrain>(FakeCluster cluster, string key)
    {
        var proxy = DispatchProxy.Create<TGrain, ScriptedGrain>();
        var grain = (ScriptedGrain)(object)proxy!;
        (grain._cluster, grain._grain, grain._key) = (cluster, typeof(TGrain), key);
        return proxy;
    }

    protected override object? Invoke(MethodInfo? targetMethod, object?[]? args) =>
        _cluster!.Invoke(_grain!, _key, targetMethod!, args ?? []);
}
