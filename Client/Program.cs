using Actors.Client;
using Actors.Client.Cluster;

return await ClientCommandLine.RunAsync(args, CommandServices.Default);
