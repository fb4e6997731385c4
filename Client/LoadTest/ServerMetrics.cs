using System.Globalization;
using System.Net.Http.Headers;
using Actors.Client.Cluster;

namespace Actors.Client.LoadTest;

/// <summary>
/// The silo's CPU and memory during a run, read from its <c>GET /metrics</c> (Prometheus text) each second:
/// <c>process_cpu_time_seconds_total</c> and <c>process_memory_usage_bytes</c> (summed over their label sets). When the silo
/// serves no /metrics or not these two, <see cref="Available"/> is false and <see cref="Absence"/> says why, and no sample is kept.
/// </summary>
internal sealed class ServerMetrics(HttpClient? client, string? operatorKey)
{
    /// <summary>The counter of CPU seconds.</summary>
    public const string CpuMetric = "process_cpu_time_seconds_total";

    /// <summary>The gauge of memory in bytes.</summary>
    public const string MemoryMetric = "process_memory_usage_bytes";

    private readonly List<ServerSample> _samples = [];

    /// <summary>Whether the silo's /metrics had both figures (true until a read says otherwise).</summary>
    public bool Available => Absence is null;

    /// <summary>Why there are no server figures, or null.</summary>
    public string? Absence { get; private set; } = client is null ? "no --http given, so the silo's /metrics was not read" : null;

    /// <summary>The samples, in time order.</summary>
    public IReadOnlyList<ServerSample> Samples
    {
        get
        {
            lock (_samples)
            {
                return [.. _samples];
            }
        }
    }

    /// <summary>Reads /metrics once, at <paramref name="second"/> of the run.</summary>
    public async Task SampleAsync(double second)
    {
        if (!Available || client is null)
        {
            return;
        }

        using var request = new HttpRequestMessage(HttpMethod.Get, new Uri("metrics", UriKind.Relative));
        request.Headers.Accept.Add(new MediaTypeWithQualityHeaderValue("text/plain"));
        if (operatorKey is not null)
        {
            request.Headers.Add(HttpCall.OperatorKeyHeader, operatorKey);
        }

        try
        {
            using var response = await client.SendAsync(request);
            if (!response.IsSuccessStatusCode)
            {
                Absence = $"GET /metrics answered {(int)response.StatusCode}";
                return;
            }

            var (cpu, memory) = Parse(await response.Content.ReadAsStringAsync());
            if (cpu is null || memory is null)
            {
                Absence = $"GET /metrics has no {(cpu is null ? CpuMetric : MemoryMetric)}";
                return;
            }

            lock (_samples)
            {
                _samples.Add(new ServerSample(second, cpu.Value, memory.Value));
            }
        }
        catch (Exception error) when (error is HttpRequestException or TaskCanceledException)
        {
            // A missed sample is a gap in the chart, not a reason to stop sampling.
        }
    }

    /// <summary>The sums of the two metrics in Prometheus text, null for one that does not appear.</summary>
    public static (double? Cpu, double? Memory) Parse(string text)
    {
        ArgumentNullException.ThrowIfNull(text);
        double? cpu = null, memory = null;
        foreach (var raw in text.Split('\n'))
        {
            var line = raw.Trim();
            if (line.Length == 0 || line[0] == '#')
            {
                continue;
            }

            var nameEnd = line.IndexOfAny([' ', '{']);
            if (nameEnd <= 0)
            {
                continue;
            }

            var name = line[..nameEnd];
            var rest = line[nameEnd..];
            if (rest.StartsWith('{'))
            {
                var close = rest.IndexOf('}', StringComparison.Ordinal);
                rest = close < 0 ? string.Empty : rest[(close + 1)..];
            }

            var fields = rest.Split(' ', StringSplitOptions.RemoveEmptyEntries);
            if (fields.Length == 0 || !double.TryParse(fields[0], NumberStyles.Float, CultureInfo.InvariantCulture, out var value))
            {
                continue;
            }

            if (name == CpuMetric)
            {
                cpu = (cpu ?? 0) + value;
            }
            else if (name == MemoryMetric)
            {
                memory = (memory ?? 0) + value;
            }
        }

        return (cpu, memory);
    }
}

/// <summary>One reading of the silo's /metrics: the second of the run, CPU seconds used so far, memory in bytes.</summary>
internal readonly record struct ServerSample(double Second, double CpuSeconds, double MemoryBytes);
