namespace Actors.Runtime;

/// <summary>Creates references to grains. A reference is cheap; the grain activates when the first call reaches it.</summary>
public interface IGrainFactory
{
    /// <summary>Returns a reference to the grain of interface <typeparamref name="TGrainInterface"/> with the given key.</summary>
    /// <exception cref="ArgumentException">The key is empty, too long or holds control characters.</exception>
    /// <exception cref="UnknownGrainTypeException">The interface has no generated code.</exception>
    TGrainInterface GetGrain<TGrainInterface>(string key) where TGrainInterface : IGrainWithStringKey;
}
