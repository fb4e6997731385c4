namespace Actors.Runtime;

/// <summary>Marker for grain interfaces. Grain interfaces declare only methods returning Task, Task&lt;T&gt;, ValueTask or ValueTask&lt;T&gt;.</summary>
#pragma warning disable CA1040 // A marker interface is the point: the generator and the factory key on it.
public interface IGrain
{
}

/// <summary>A grain addressed by a string key. Every grain interface in this runtime derives from it.</summary>
public interface IGrainWithStringKey : IGrain
{
}
#pragma warning restore CA1040
