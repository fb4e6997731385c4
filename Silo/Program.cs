using System.Reflection;
using Actors.Silo;

try
{
    var app = SiloApplication.Build(args);
    await app.RunAsync();
    return 0;
}
catch (Exception error) when (Assembly.GetEntryAssembly() == typeof(Program).Assembly && ConfigurationErrors.Describe(error) is { } line)
{
    // A bad setting is the operator's to fix: one line naming it, no stack trace. Where another program hosts this entry point
    // (integration tests), the exception stays the host's to see.
    await Console.Error.WriteLineAsync(line);
    return ConfigurationErrors.ExitCode;
}

/// <summary>The silo executable's entry point; public so that integration tests can host it.</summary>
public partial class Program;
