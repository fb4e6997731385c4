using System.Collections.Immutable;
using Actors.Runtime.Generator;
using Microsoft.CodeAnalysis;
using Microsoft.CodeAnalysis.CSharp;

namespace Actors.Runtime.Generator.Tests;

/// <summary>Compiles a snippet against the runtime with the grain generator, the way a grain project builds.</summary>
internal static class GeneratorHarness
{
    // The whole shared framework, as a real build sees it, plus the runtime.
    private static readonly ImmutableArray<MetadataReference> References =
    [
        .. ((string)AppContext.GetData("TRUSTED_PLATFORM_ASSEMBLIES")!).Split(Path.PathSeparator)
            .Append(typeof(Grain).Assembly.Location)
            .Distinct()
            .Select(path => MetadataReference.CreateFromFile(path)),
    ];

    public static (ImmutableArray<Diagnostic> GeneratorDiagnostics, ImmutableArray<Diagnostic> CompileErrors, string Source) Run(string code)
    {
        var compilation = CSharpCompilation.Create(
            "Snippet",
            [CSharpSyntaxTree.ParseText(code, new CSharpParseOptions(LanguageVersion.Latest))],
            References,
            new CSharpCompilationOptions(OutputKind.DynamicallyLinkedLibrary, nullableContextOptions: NullableContextOptions.Enable));
        GeneratorDriver driver = CSharpGeneratorDriver.Create(new GrainGenerator());
        driver = driver.RunGeneratorsAndUpdateCompilation(compilation, out var output, out var diagnostics);
        var errors = output.GetDiagnostics().Where(d => d.Severity == DiagnosticSeverity.Error).ToImmutableArray();
        var source = driver.GetRunResult().GeneratedTrees.FirstOrDefault()?.ToString() ?? string.Empty;
        return (diagnostics, errors, source);
    }
}
