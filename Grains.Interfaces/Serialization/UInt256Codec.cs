using Actors.Domain.Money;
using Orleans.Serialization.Cloning;

namespace Actors.Grains.Interfaces.Serialization;

/// <summary>How a <see cref="UInt256"/> crosses a grain boundary: its four limbs, most significant first.</summary>
[GenerateSerializer]
[Alias("actors.u256")]
public readonly struct UInt256Surrogate
{
    /// <summary>Bits 192-255.</summary>
    [Id(0)] public ulong U3 { get; init; }

    /// <summary>Bits 128-191.</summary>
    [Id(1)] public ulong U2 { get; init; }

    /// <summary>Bits 64-127.</summary>
    [Id(2)] public ulong U1 { get; init; }

    /// <summary>Bits 0-63.</summary>
    [Id(3)] public ulong U0 { get; init; }
}

/// <summary>Converts <see cref="UInt256"/> to and from its surrogate.</summary>
[RegisterConverter]
public sealed class UInt256Converter : IConverter<UInt256, UInt256Surrogate>
{
    /// <inheritdoc />
    public UInt256 ConvertFromSurrogate(in UInt256Surrogate surrogate) => new(surrogate.U3, surrogate.U2, surrogate.U1, surrogate.U0);

    /// <inheritdoc />
    public UInt256Surrogate ConvertToSurrogate(in UInt256 value)
    {
        var (u3, u2, u1, u0) = value;
        return new UInt256Surrogate { U3 = u3, U2 = u2, U1 = u1, U0 = u0 };
    }
}

/// <summary><see cref="UInt256"/> is an immutable value: a copy is the value itself.</summary>
[RegisterCopier]
public sealed class UInt256Copier : ShallowCopier<UInt256>;
