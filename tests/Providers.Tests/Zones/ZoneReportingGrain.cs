using Actors.Providers.Zones;
using Microsoft.Extensions.Options;
using Orleans.Runtime.MembershipService.SiloMetadata;

namespace Actors.Providers.Tests.Zones;

public sealed class ZoneReportingGrain(IOptions<SiloMetadata> metadata) : Grain, IZoneReportingGrain
{
    public Task<string> Zone() => Task.FromResult(metadata.Value.Metadata[ZoneMetadata.Key]);
}
