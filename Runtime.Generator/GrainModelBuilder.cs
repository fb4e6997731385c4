using System;
using System.Collections.Generic;
using System.Globalization;
using System.Linq;
using System.Threading;
using Microsoft.CodeAnalysis;

namespace Actors.Runtime.Generator;

/// <summary>Reads grain interfaces and grain classes from the semantic model into comparable models.</summary>
internal static class GrainModelBuilder
{
    private const string RuntimeNamespace = "Actors.Runtime";

    public static readonly SymbolDisplayFormat TypeFormat = SymbolDisplayFormat.FullyQualifiedFormat
        .AddMiscellaneousOptions(SymbolDisplayMiscellaneousOptions.IncludeNullableReferenceTypeModifier);

    public static NodeResult Build(INamedTypeSymbol? type, CancellationToken cancellationToken)
    {
        if (type is null)
        {
            return NodeResult.Empty;
        }

        cancellationToken.ThrowIfCancellationRequested();
        var diagnostics = new List<DiagnosticModel>();
        if (type.TypeKind == TypeKind.Interface && IsGrainInterface(type) && !IsMarker(type))
        {
            var model = BuildInterface(type, diagnostics);
            return new NodeResult(model, null, new EquatableArray<DiagnosticModel>(diagnostics));
        }

        if (type.TypeKind == TypeKind.Class && !type.IsAbstract && DerivesFromGrain(type))
        {
            var model = BuildClass(type, diagnostics);
            return new NodeResult(null, model, new EquatableArray<DiagnosticModel>(diagnostics));
        }

        return NodeResult.Empty;
    }

    private static InterfaceModel? BuildInterface(INamedTypeSymbol type, List<DiagnosticModel> diagnostics)
    {
        var name = type.ToDisplayString(TypeFormat);
        var grainType = GetAttributeString(type, "GrainTypeAttribute") ?? GeneratorText.GrainTypeFromInterfaceName(type.Name);
        if (!GeneratorText.IsValidGrainType(grainType))
        {
            diagnostics.Add(Diagnose(Descriptors.BadGrainType, type, grainType, type.Name));
        }

        var declaring = new[] { type }.Concat(type.AllInterfaces.Where(i => IsGrainInterface(i) && !IsMarker(i)));
        var methods = new List<MethodModel>();
        foreach (var iface in declaring)
        {
            if (iface.IsGenericType)
            {
                diagnostics.Add(Diagnose(Descriptors.GenericMember, iface, iface.Name));
                continue;
            }

            foreach (var member in iface.GetMembers())
            {
                if (member is IMethodSymbol { MethodKind: MethodKind.Ordinary } method)
                {
                    if (BuildMethod(iface, method, diagnostics) is { } model)
                    {
                        methods.Add(model);
                    }
                }
                else if (member is IPropertySymbol or IEventSymbol && SymbolEqualityComparer.Default.Equals(iface, type))
                {
                    diagnostics.Add(Diagnose(Descriptors.NonMethodMember, member, member.Name));
                }
            }
        }

        foreach (var clash in methods.GroupBy(m => m.MethodId).Where(g => g.Count() > 1))
        {
            var pair = clash.Take(2).ToArray();
            diagnostics.Add(Diagnose(Descriptors.MethodIdCollision, type, pair[0].Name, pair[1].Name, type.Name));
        }

        return diagnostics.Count > 0 ? null : new InterfaceModel(name, grainType, new EquatableArray<MethodModel>(methods));
    }

    private static MethodModel? BuildMethod(INamedTypeSymbol iface, IMethodSymbol method, List<DiagnosticModel> diagnostics)
    {
        var ok = true;
        if (method.IsGenericMethod)
        {
            diagnostics.Add(Diagnose(Descriptors.GenericMember, method, method.Name));
            ok = false;
        }

        foreach (var parameter in method.Parameters.Where(p => p.RefKind != RefKind.None))
        {
            diagnostics.Add(Diagnose(Descriptors.UnsupportedParameter, parameter, parameter.Name, method.Name, parameter.RefKind.ToString().ToLowerInvariant()));
            ok = false;
        }

        var returnType = (INamedTypeSymbol)method.ReturnType;
        var kind = ClassifyReturn(returnType);
        if (kind is null)
        {
            diagnostics.Add(Diagnose(Descriptors.UnsupportedReturnType, method, method.Name, method.ReturnType.ToDisplayString()));
            return null;
        }

        long timeoutTicks = 0;
        if (GetAttributeString(method, "ResponseTimeoutAttribute") is { } timeoutText)
        {
            if (TimeSpan.TryParseExact(timeoutText, "c", CultureInfo.InvariantCulture, out var timeout) && timeout > TimeSpan.Zero)
            {
                timeoutTicks = timeout.Ticks;
            }
            else
            {
                diagnostics.Add(Diagnose(Descriptors.BadTimeout, method, timeoutText, method.Name));
                ok = false;
            }
        }

        if (!ok)
        {
            return null;
        }

        var declaring = iface.ToDisplayString(TypeFormat);
        var parameters = method.Parameters.Select(p => new ParameterModel(p.Name, p.Type.ToDisplayString(TypeFormat))).ToArray();
        var signature = $"{declaring}.{method.Name}({string.Join(",", parameters.Select(p => p.Type))})";
        var flags = (HasAttribute(method, "ReadOnlyAttribute") ? 1 : 0) | (HasAttribute(method, "AlwaysInterleaveAttribute") ? 2 : 0);
        var resultType = kind is ReturnKind.TaskOfT or ReturnKind.ValueTaskOfT
            ? returnType.TypeArguments[0].ToDisplayString(TypeFormat)
            : "global::Actors.Runtime.Invocation.VoidResult";
        return new MethodModel(declaring, method.Name, StableHash.Fnv1a32(signature), kind.Value, resultType,
            returnType.ToDisplayString(TypeFormat), new EquatableArray<ParameterModel>(parameters), flags, timeoutTicks);
    }

    private static ClassModel? BuildClass(INamedTypeSymbol type, List<DiagnosticModel> diagnostics)
    {
        for (var t = type; t is not null; t = t.ContainingType)
        {
            if (t.DeclaredAccessibility is Accessibility.Private or Accessibility.Protected or Accessibility.ProtectedAndInternal)
            {
                diagnostics.Add(Diagnose(Descriptors.InaccessibleClass, type, type.Name));
                return null;
            }
        }

        var interfaces = type.AllInterfaces.Where(i => IsGrainInterface(i) && !IsMarker(i)).Select(i => i.ToDisplayString(TypeFormat)).ToArray();
        var constructors = type.InstanceConstructors
            .Where(c => c.DeclaredAccessibility is Accessibility.Public or Accessibility.Internal or Accessibility.ProtectedOrInternal)
            .ToArray();
        if (constructors.Length != 1)
        {
            diagnostics.Add(Diagnose(Descriptors.ConstructorCount, type, type.Name, constructors.Length));
            return null;
        }

        var parameters = new List<ConstructorParameterModel>();
        foreach (var parameter in constructors[0].Parameters)
        {
            var parameterType = parameter.Type.ToDisplayString(TypeFormat);
            var stateName = GetAttributeString(parameter, "PersistentStateAttribute");
            var isState = parameter.Type is INamedTypeSymbol { Name: "IPersistentState", IsGenericType: true } named
                && named.ContainingNamespace.ToDisplayString() == RuntimeNamespace;
            if (isState && stateName is null)
            {
                diagnostics.Add(Diagnose(Descriptors.StateWithoutAttribute, parameter, parameter.Name, type.Name));
                return null;
            }

            parameters.Add(isState
                ? new ConstructorParameterModel(ParameterSource.PersistentState, ((INamedTypeSymbol)parameter.Type).TypeArguments[0].ToDisplayString(TypeFormat), stateName)
                : parameter.Type.ToDisplayString() == RuntimeNamespace + ".IGrainActivationContext"
                    ? new ConstructorParameterModel(ParameterSource.ActivationContext, parameterType, null)
                    : new ConstructorParameterModel(ParameterSource.Service, parameterType, null));
        }

        return new ClassModel(type.ToDisplayString(TypeFormat), new EquatableArray<string>(interfaces), new EquatableArray<ConstructorParameterModel>(parameters));
    }

    private static ReturnKind? ClassifyReturn(INamedTypeSymbol type)
    {
        if (type.ContainingNamespace?.ToDisplayString() != "System.Threading.Tasks")
        {
            return null;
        }

        return (type.Name, type.TypeArguments.Length) switch
        {
            ("Task", 0) => ReturnKind.Task,
            ("Task", 1) => ReturnKind.TaskOfT,
            ("ValueTask", 0) => ReturnKind.ValueTask,
            ("ValueTask", 1) => ReturnKind.ValueTaskOfT,
            _ => null,
        };
    }

    private static bool IsGrainInterface(INamedTypeSymbol type) =>
        IsRuntimeType(type, "IGrain") || type.AllInterfaces.Any(i => IsRuntimeType(i, "IGrain"));

    private static bool IsMarker(INamedTypeSymbol type) => IsRuntimeType(type, "IGrain") || IsRuntimeType(type, "IGrainWithStringKey");

    private static bool DerivesFromGrain(INamedTypeSymbol type)
    {
        for (var t = type.BaseType; t is not null; t = t.BaseType)
        {
            if (IsRuntimeType(t, "Grain"))
            {
                return true;
            }
        }

        return false;
    }

    private static bool IsRuntimeType(INamedTypeSymbol type, string name) =>
        type.Name == name && type.ContainingNamespace?.ToDisplayString() == RuntimeNamespace;

    private static bool HasAttribute(ISymbol symbol, string name) =>
        symbol.GetAttributes().Any(a => a.AttributeClass?.Name == name && a.AttributeClass.ContainingNamespace?.ToDisplayString() == RuntimeNamespace);

    private static string? GetAttributeString(ISymbol symbol, string name) =>
        symbol.GetAttributes()
            .FirstOrDefault(a => a.AttributeClass?.Name == name && a.AttributeClass.ContainingNamespace?.ToDisplayString() == RuntimeNamespace)
            ?.ConstructorArguments.FirstOrDefault().Value as string;

    private static DiagnosticModel Diagnose(DiagnosticDescriptor descriptor, ISymbol symbol, params object[] args)
    {
        var location = symbol.Locations.FirstOrDefault(l => l.IsInSource);
        var message = string.Format(CultureInfo.InvariantCulture, descriptor.MessageFormat.ToString(CultureInfo.InvariantCulture), args);
        if (location is null)
        {
            return new DiagnosticModel(descriptor.Id, message, string.Empty, 0, 0, 0, 0, 0, 0);
        }

        var span = location.GetLineSpan();
        return new DiagnosticModel(descriptor.Id, message, span.Path, location.SourceSpan.Start, location.SourceSpan.Length,
            span.StartLinePosition.Line, span.StartLinePosition.Character, span.EndLinePosition.Line, span.EndLinePosition.Character);
    }
}
