using System.Buffers;
using System.Text;
using System.Text.Json;

namespace Actors.Runtime.Membership.Sql;

/// <summary>
/// Stores a row's suspicions as a JSON array of <c>{"host":..,"port":..,"epoch":..,"at":..}</c> objects: readable in a SQL
/// console, and any host name survives the round trip.
/// </summary>
internal static class SuspicionsJson
{
    public static string Write(IReadOnlyList<Suspicion> suspicions)
    {
        var buffer = new ArrayBufferWriter<byte>();
        using (var writer = new Utf8JsonWriter(buffer))
        {
            writer.WriteStartArray();
            foreach (var suspicion in suspicions)
            {
                writer.WriteStartObject();
                writer.WriteString("host", suspicion.Suspecter.Host);
                writer.WriteNumber("port", suspicion.Suspecter.Port);
                writer.WriteNumber("epoch", suspicion.Suspecter.Epoch);
                writer.WriteNumber("at", suspicion.At);
                writer.WriteEndObject();
            }

            writer.WriteEndArray();
        }

        return Encoding.UTF8.GetString(buffer.WrittenSpan);
    }

    /// <exception cref="StorageException">The text is not such an array.</exception>
    public static IReadOnlyList<Suspicion> Read(string json)
    {
        try
        {
            using var document = JsonDocument.Parse(json);
            var suspicions = new List<Suspicion>(document.RootElement.GetArrayLength());
            foreach (var element in document.RootElement.EnumerateArray())
            {
                var host = element.GetProperty("host").GetString() ?? throw new JsonException("A suspecter has no host.");
                var suspecter = new SiloAddress(host, element.GetProperty("port").GetInt32(), element.GetProperty("epoch").GetInt64());
                suspicions.Add(new Suspicion(suspecter, element.GetProperty("at").GetInt64()));
            }

            return suspicions;
        }
        catch (Exception ex) when (ex is JsonException or InvalidOperationException or KeyNotFoundException or FormatException)
        {
            throw new StorageException($"The membership table holds suspicions that cannot be read: {ex.Message}", ex);
        }
    }
}
