namespace Actors.Providers.Tests.Zones;

/// <summary>A test grain that says which zone its activation lives in.</summary>
public interface IZoneReportingGrain : IGrainWithStringKey
{
    Task<string> Zone();
}
