using System.Runtime.CompilerServices;

[assembly: InternalsVisibleTo("Actors.Domain.Tests")]
