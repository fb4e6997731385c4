namespace Actors.Runtime.Serialization;

/// <summary>Turns grain state into stored bytes and back. The format must tolerate added and removed fields.</summary>
public interface IGrainStateSerializer
{
    /// <summary>Serializes a state value.</summary>
    byte[] Serialize<T>(T value);

    /// <summary>Deserializes a state value; throws on bytes that are not a valid <typeparamref name="T"/>.</summary>
    T Deserialize<T>(ReadOnlySpan<byte> data);
}
