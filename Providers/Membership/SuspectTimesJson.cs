using System.Buffers;
using System.Text;
using System.Text.Json;
using Actors.Providers.Tables;

namespace Actors.Providers.Membership;

/// <summary>
/// Stores a row's suspicions as a JSON array of <c>{"silo":"10.0.0.1:11111@123","at":1700000000000}</c> objects (the silo in
/// Orleans's parsable form, the time in Unix milliseconds): readable in a SQL console, exact on the way back. A missing list is
/// NULL and an empty one <c>[]</c>, so that a read gives back what was written.
/// </summary>
internal static class SuspectTimesJson
{
    public static string? Write(List<Tuple<SiloAddress, DateTime>>? suspectTimes)
    {
        if (suspectTimes is null)
        {
            return null;
        }

        var buffer = new ArrayBufferWriter<byte>();
        using (var writer = new Utf8JsonWriter(buffer))
        {
            writer.WriteStartArray();
            foreach (var (silo, at) in suspectTimes)
            {
                writer.WriteStartObject();
                writer.WriteString("silo", silo.ToParsableString());
                writer.WriteNumber("at", UnixMilliseconds.From(at));
                writer.WriteEndObject();
            }

            writer.WriteEndArray();
        }

        return Encoding.UTF8.GetString(buffer.WrittenSpan);
    }

    /// <exception cref="FormatException">The text is not such an array.</exception>
    public static List<Tuple<SiloAddress, DateTime>>? Read(string? json)
    {
        if (json is null)
        {
            return null;
        }

        try
        {
            using var document = JsonDocument.Parse(json);
            var suspectTimes = new List<Tuple<SiloAddress, DateTime>>(document.RootElement.GetArrayLength());
            foreach (var element in document.RootElement.EnumerateArray())
            {
                var silo = element.GetProperty("silo").GetString() ?? throw new FormatException("A suspecter has no address.");
                var at = UnixMilliseconds.ToDateTime(element.GetProperty("at").GetInt64());
                suspectTimes.Add(Tuple.Create(SiloAddress.FromParsableString(silo), at));
            }

            return suspectTimes;
        }
        catch (Exception ex) when (ex is JsonException or InvalidOperationException or KeyNotFoundException or ArgumentException)
        {
            throw new FormatException($"Suspect times that cannot be read: {ex.Message}", ex);
        }
    }

    /// <summary>The latest suspicion time in Unix milliseconds, or <see cref="long.MinValue"/> when there is none.</summary>
    public static long Latest(List<Tuple<SiloAddress, DateTime>>? suspectTimes) =>
        suspectTimes is null or [] ? long.MinValue : suspectTimes.Max(s => UnixMilliseconds.From(s.Item2));
}
