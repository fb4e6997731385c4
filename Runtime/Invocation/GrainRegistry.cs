using System.Collections.Concurrent;
using System.Runtime.CompilerServices;

namespace Actors.Runtime.Invocation;

/// <summary>
/// The process-wide list of generated grain interfaces and classes. Generated module initializers fill it when their assembly
/// loads; the grain factory and the silo read it.
/// </summary>
public static class GrainRegistry
{
    private static readonly Lock Gate = new();
    private static readonly ConcurrentDictionary<Type, GrainInterfaceInfo> InterfacesByType = new();
    private static readonly Dictionary<string, GrainInterfaceInfo> InterfacesByGrainType = new(StringComparer.Ordinal);
    private static readonly List<GrainClassInfo> Classes = [];
    private static readonly ConcurrentDictionary<string, GrainClassInfo> ClassesByGrainType = new(StringComparer.Ordinal);

    /// <summary>Registers a grain interface. Called by generated code.</summary>
    public static void AddInterface(GrainInterfaceInfo info)
    {
        ArgumentNullException.ThrowIfNull(info);
        lock (Gate)
        {
            if (InterfacesByGrainType.TryGetValue(info.GrainType, out var existing) && existing.InterfaceType != info.InterfaceType)
            {
                throw new InvalidOperationException(
                    $"Grain type '{info.GrainType}' is named by both {existing.InterfaceType.FullName} and {info.InterfaceType.FullName}; give one of them [GrainType(\"...\")].");
            }

            InterfacesByType[info.InterfaceType] = info;
            InterfacesByGrainType[info.GrainType] = info;
        }
    }

    /// <summary>Registers a grain class. Called by generated code.</summary>
    public static void AddClass(GrainClassInfo info)
    {
        ArgumentNullException.ThrowIfNull(info);
        lock (Gate)
        {
            if (!Classes.Exists(c => c.ClassType == info.ClassType))
            {
                Classes.Add(info);
                ClassesByGrainType.Clear();
            }
        }
    }

    /// <summary>Makes sure the generated registrations of an assembly have run.</summary>
    public static void EnsureLoaded(System.Reflection.Assembly assembly)
    {
        ArgumentNullException.ThrowIfNull(assembly);
        RuntimeHelpers.RunModuleConstructor(assembly.ManifestModule.ModuleHandle);
    }

    /// <summary>Finds a grain interface; throws <see cref="UnknownGrainTypeException"/> when it has no generated code.</summary>
    public static GrainInterfaceInfo GetInterface(Type interfaceType)
    {
        ArgumentNullException.ThrowIfNull(interfaceType);

        // Read without the lock: GetGrain calls this on every reference it makes.
        if (InterfacesByType.TryGetValue(interfaceType, out var info))
        {
            return info;
        }

        EnsureLoaded(interfaceType.Assembly);
        return InterfacesByType.TryGetValue(interfaceType, out info)
                ? info
                : throw new UnknownGrainTypeException(
                    $"{interfaceType.FullName} is not a known grain interface: it must derive from IGrainWithStringKey in a project that runs the grain source generator.");
    }

    /// <summary>Finds the interface that names a grain type; throws <see cref="UnknownGrainTypeException"/> naming it.</summary>
    public static GrainInterfaceInfo GetInterface(string grainType)
    {
        lock (Gate)
        {
            return InterfacesByGrainType.TryGetValue(grainType, out var info)
                ? info
                : throw new UnknownGrainTypeException($"No grain interface is registered for grain type '{grainType}'.");
        }
    }

    /// <summary>Finds the class that implements a grain type; throws <see cref="UnknownGrainTypeException"/> naming it.</summary>
    public static GrainClassInfo GetClass(string grainType)
    {
        if (ClassesByGrainType.TryGetValue(grainType, out var cached))
        {
            return cached;
        }

        var interfaceType = GetInterface(grainType).InterfaceType;
        lock (Gate)
        {
            var candidates = Classes.Where(c => c.Interfaces.Contains(interfaceType)).ToList();
            if (candidates.Count == 0)
            {
                throw new UnknownGrainTypeException(
                    $"No grain class implementing {interfaceType.FullName} (grain type '{grainType}') is registered in this silo.");
            }

            if (candidates.Count > 1)
            {
                throw new UnknownGrainTypeException(
                    $"Grain type '{grainType}' is implemented by several classes ({string.Join(", ", candidates.Select(c => c.ClassType.FullName))}); keep one.");
            }

            ClassesByGrainType[grainType] = candidates[0];
            return candidates[0];
        }
    }

    /// <summary>Every registered grain class.</summary>
    public static IReadOnlyList<GrainClassInfo> GetClasses()
    {
        lock (Gate)
        {
            return [.. Classes];
        }
    }
}
