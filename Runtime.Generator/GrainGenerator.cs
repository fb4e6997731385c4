using System.Collections.Immutable;
using System.Linq;
using Microsoft.CodeAnalysis;
using Microsoft.CodeAnalysis.CSharp.Syntax;
using Microsoft.CodeAnalysis.Text;

namespace Actors.Runtime.Generator;

/// <summary>
/// Generates, for every grain interface in the compilation, a proxy class and one request class per method; for every grain
/// class, a constructor call; and a module initializer that registers them with the runtime's grain registry.
/// </summary>
[Generator(LanguageNames.CSharp)]
public sealed class GrainGenerator : IIncrementalGenerator
{
    /// <inheritdoc />
    public void Initialize(IncrementalGeneratorInitializationContext context)
    {
        var nodes = context.SyntaxProvider.CreateSyntaxProvider(
            static (node, _) => node is TypeDeclarationSyntax { BaseList: not null } and (InterfaceDeclarationSyntax or ClassDeclarationSyntax),
            static (ctx, ct) => GrainModelBuilder.Build(ctx.SemanticModel.GetDeclaredSymbol(ctx.Node, ct) as INamedTypeSymbol, ct));

        var assemblyName = context.CompilationProvider.Select(static (c, _) => c.AssemblyName ?? "Assembly");
        var all = nodes.Where(static r => r != NodeResult.Empty).Collect().Combine(assemblyName);
        context.RegisterSourceOutput(all, static (spc, input) => Emit(spc, input.Left, input.Right));
    }

    private static void Emit(SourceProductionContext context, ImmutableArray<NodeResult> results, string assemblyName)
    {
        foreach (var diagnostic in results.SelectMany(r => r.Diagnostics).Distinct())
        {
            context.ReportDiagnostic(ToDiagnostic(diagnostic));
        }

        // A partial type contributes one result per declaration: keep one of each.
        var interfaces = results.Where(r => r.Interface is not null).Select(r => r.Interface!).GroupBy(i => i.FullName).Select(g => g.First()).ToList();
        var classes = results.Where(r => r.Class is not null).Select(r => r.Class!).GroupBy(c => c.FullName).Select(g => g.First()).ToList();
        if (interfaces.Count == 0 && classes.Count == 0)
        {
            return;
        }

        context.AddSource("Actors.Grains.g.cs", GrainSourceEmitter.Emit(interfaces, classes, assemblyName));
    }

    private static Diagnostic ToDiagnostic(DiagnosticModel model)
    {
        var descriptor = typeof(Descriptors).GetFields()
            .Select(f => f.GetValue(null))
            .OfType<DiagnosticDescriptor>()
            .First(d => d.Id == model.Id);
        var location = model.FilePath.Length == 0
            ? Location.None
            : Location.Create(model.FilePath, new TextSpan(model.Start, model.Length),
                new LinePositionSpan(new LinePosition(model.StartLine, model.StartColumn), new LinePosition(model.EndLine, model.EndColumn)));
        return Diagnostic.Create(new DiagnosticDescriptor(descriptor.Id, descriptor.Title, "{0}", descriptor.Category, descriptor.DefaultSeverity, true), location, model.Message);
    }
}
