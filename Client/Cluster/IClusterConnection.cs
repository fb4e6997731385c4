namespace Actors.Client.Cluster;

/// <summary>A started cluster client: grains to call until it is disposed, which closes its gateway connections.</summary>
internal interface IClusterConnection : IAsyncDisposable
{
    /// <summary>The client's grain factory.</summary>
    IGrainFactory Grains { get; }
}
