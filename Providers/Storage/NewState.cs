using Orleans.Serialization.Serializers;

namespace Actors.Providers.Storage;

/// <summary>The state a grain starts from when nothing is stored: what Orleans would create, or <c>new T()</c> outside a silo.</summary>
internal static class NewState
{
    public static T Create<T>(IActivatorProvider? activators) =>
        activators is null ? Fallback<T>.Create() : activators.GetActivator<T>().Create();

    private static class Fallback<T>
    {
        private static readonly bool CanConstruct = typeof(T).IsValueType || typeof(T).GetConstructor(Type.EmptyTypes) is not null;

        public static T Create() => CanConstruct ? Activator.CreateInstance<T>() : default!;
    }
}
