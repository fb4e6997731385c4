using Microsoft.CodeAnalysis;

namespace Actors.Runtime.Generator;

internal static class Descriptors
{
    private const string Category = "Actors.Grains";

    public static readonly DiagnosticDescriptor UnsupportedReturnType = Error("ACT001", "Grain method must return Task, Task<T>, ValueTask or ValueTask<T>",
        "Grain method '{0}' returns '{1}'; grain methods must return Task, Task<T>, ValueTask or ValueTask<T>");

    public static readonly DiagnosticDescriptor UnsupportedParameter = Error("ACT002", "Grain method parameter is not supported",
        "Parameter '{0}' of grain method '{1}' is {2}; grain method parameters are passed by value");

    public static readonly DiagnosticDescriptor GenericMember = Error("ACT003", "Generic grain interfaces and methods are not supported",
        "'{0}' is generic; grain interfaces and their methods may not be generic");

    public static readonly DiagnosticDescriptor NonMethodMember = Error("ACT004", "Grain interfaces declare only methods",
        "'{0}' is a property or event; grain interfaces may declare only methods");

    public static readonly DiagnosticDescriptor BadGrainType = Error("ACT005", "Invalid grain type name",
        "Grain type name '{0}' of '{1}' must start with a-z and hold only a-z, 0-9, '.', '_' and '-' (at most 128 characters)");

    public static readonly DiagnosticDescriptor MethodIdCollision = Error("ACT006", "Grain method ids collide",
        "Methods '{0}' and '{1}' of '{2}' hash to the same method id; rename one of them");

    public static readonly DiagnosticDescriptor BadTimeout = Error("ACT007", "Invalid response timeout",
        "ResponseTimeout '{0}' on '{1}' is not a positive TimeSpan such as \"00:00:05\"");

    public static readonly DiagnosticDescriptor ConstructorCount = Error("ACT008", "Grain class needs exactly one constructor",
        "Grain class '{0}' has {1} accessible constructors; give it exactly one");

    public static readonly DiagnosticDescriptor StateWithoutAttribute = Error("ACT009", "Persistent state parameter needs [PersistentState]",
        "Parameter '{0}' of '{1}' is an IPersistentState<T>; mark it [PersistentState(\"name\")] to name the stored record");

    public static readonly DiagnosticDescriptor InaccessibleClass = Error("ACT010", "Grain class is not accessible",
        "Grain class '{0}' is private or nested in a private type; the generated registration cannot construct it");

    private static DiagnosticDescriptor Error(string id, string title, string format) =>
        new(id, title, format, Category, DiagnosticSeverity.Error, isEnabledByDefault: true);
}
