using Actors.Domain.Ethereum;
using Orleans.Serialization.Cloning;

namespace Actors.Grains.Interfaces.Serialization;

/// <summary>How a <see cref="Hash32"/> crosses a grain boundary: its 32 bytes.</summary>
[GenerateSerializer]
[Alias("actors.hash32")]
public readonly struct Hash32Surrogate
{
    /// <summary>The 32 bytes.</summary>
    [Id(0)] public byte[] Bytes { get; init; }
}

/// <summary>Converts <see cref="Hash32"/> to and from its surrogate; bytes of the wrong length are refused when read.</summary>
[RegisterConverter]
public sealed class Hash32Converter : IConverter<Hash32, Hash32Surrogate>
{
    /// <inheritdoc />
    public Hash32 ConvertFromSurrogate(in Hash32Surrogate surrogate) => Hash32.FromBytes(surrogate.Bytes);

    /// <inheritdoc />
    public Hash32Surrogate ConvertToSurrogate(in Hash32 value) => new() { Bytes = value.ToArray() };
}

/// <summary><see cref="Hash32"/> is immutable: a copy is the same instance.</summary>
[RegisterCopier]
public sealed class Hash32Copier : ShallowCopier<Hash32>;
