using System;

namespace Actors.Runtime.Generator;

/// <summary>How a grain method returns.</summary>
internal enum ReturnKind
{
    Task,
    TaskOfT,
    ValueTask,
    ValueTaskOfT,
}

internal sealed record ParameterModel(string Name, string Type);

/// <summary>A grain method as declared by one interface (the declaring interface keeps its own request class).</summary>
internal sealed record MethodModel(
    string DeclaringInterface,
    string Name,
    uint MethodId,
    ReturnKind ReturnKind,
    string ResultType,
    string ReturnType,
    EquatableArray<ParameterModel> Parameters,
    int Flags,
    long TimeoutTicks)
{
    public string RequestClassName =>
        $"Request_{GeneratorText.Sanitize(DeclaringInterface)}_{Name}_{MethodId:X8}";
}

/// <summary>A grain interface with every method callable through it (inherited ones included).</summary>
internal sealed record InterfaceModel(string FullName, string GrainType, EquatableArray<MethodModel> Methods)
{
    public string ProxyClassName => $"Proxy_{GeneratorText.Sanitize(FullName)}";
}

/// <summary>How a grain constructor parameter is supplied.</summary>
internal enum ParameterSource
{
    Service,
    PersistentState,
    ActivationContext,
}

internal sealed record ConstructorParameterModel(ParameterSource Source, string Type, string? StateName);

internal sealed record ClassModel(string FullName, EquatableArray<string> Interfaces, EquatableArray<ConstructorParameterModel> Parameters);

/// <summary>A diagnostic to report, kept as plain data so that models stay comparable.</summary>
internal sealed record DiagnosticModel(string Id, string Message, string FilePath, int Start, int Length, int StartLine, int StartColumn, int EndLine, int EndColumn);

/// <summary>What one syntax node contributed: a model, or diagnostics, or both.</summary>
internal sealed record NodeResult(InterfaceModel? Interface, ClassModel? Class, EquatableArray<DiagnosticModel> Diagnostics)
{
    public static readonly NodeResult Empty = new(null, null, new EquatableArray<DiagnosticModel>(Array.Empty<DiagnosticModel>()));
}
