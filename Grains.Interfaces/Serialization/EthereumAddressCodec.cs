using Actors.Domain.Ethereum;
using Orleans.Serialization.Cloning;

namespace Actors.Grains.Interfaces.Serialization;

/// <summary>How an <see cref="EthereumAddress"/> crosses a grain boundary: its 20 bytes.</summary>
[GenerateSerializer]
[Alias("actors.address")]
public readonly struct EthereumAddressSurrogate
{
    /// <summary>The 20 bytes.</summary>
    [Id(0)] public byte[] Bytes { get; init; }
}

/// <summary>Converts <see cref="EthereumAddress"/> to and from its surrogate; bytes of the wrong length are refused when read.</summary>
[RegisterConverter]
public sealed class EthereumAddressConverter : IConverter<EthereumAddress, EthereumAddressSurrogate>
{
    /// <inheritdoc />
    public EthereumAddress ConvertFromSurrogate(in EthereumAddressSurrogate surrogate) => EthereumAddress.FromBytes(surrogate.Bytes);

    /// <inheritdoc />
    public EthereumAddressSurrogate ConvertToSurrogate(in EthereumAddress value) => new() { Bytes = value.ToArray() };
}

/// <summary><see cref="EthereumAddress"/> is immutable: a copy is the same instance.</summary>
[RegisterCopier]
public sealed class EthereumAddressCopier : ShallowCopier<EthereumAddress>;
