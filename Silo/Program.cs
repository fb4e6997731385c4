using Actors.Silo;

var app = SiloApplication.Build(args);
await app.RunAsync();

/// <summary>The silo executable's entry point; public so that integration tests can host it.</summary>
public partial class Program;
