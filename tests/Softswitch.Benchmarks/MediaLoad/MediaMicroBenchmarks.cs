using System.Globalization;
using System.Text;
using BenchmarkDotNet.Configs;
using BenchmarkDotNet.Diagnosers;
using BenchmarkDotNet.Jobs;
using BenchmarkDotNet.Loggers;
using BenchmarkDotNet.Running;
using BenchmarkDotNet.Toolchains.InProcess.Emit;

namespace Softswitch.Benchmarks.MediaLoad;

/// <summary>
/// The BenchmarkDotNet media benchmarks (codecs with raw libopus beside the wrapper, jitter buffer, RTP and RTCP packetization,
/// SRTP, DTMF, recording, a whole session's packet and tick), short job, in process, memory diagnoser on, as a compact table.
/// </summary>
internal static class MediaMicroBenchmarks
{
    /// <summary>Runs them and returns the table.</summary>
    public static string Run()
    {
        var config = ManualConfig.CreateEmpty()
            .AddColumnProvider(DefaultConfig.Instance.GetColumnProviders().ToArray())
            .AddLogger(NullLogger.Instance)
            .AddJob(Job.ShortRun.WithToolchain(InProcessEmitToolchain.Instance))
            .AddDiagnoser(MemoryDiagnoser.Default)
            .WithOptions(ConfigOptions.DisableLogFile);
        var summaries = BenchmarkSwitcher.FromAssembly(typeof(MediaMicroBenchmarks).Assembly)
            .Run(["--filter", "Softswitch.Benchmarks.Media.*"], config);
        var text = new StringBuilder("| benchmark | mean | allocated B/op |\n|---|---:|---:|\n");
        foreach (var report in summaries.SelectMany(s => s.Reports))
        {
            var descriptor = report.BenchmarkCase.Descriptor;
            var parameters = report.BenchmarkCase.HasParameters ? $" ({report.BenchmarkCase.Parameters.DisplayInfo})" : "";
            var mean = report.ResultStatistics?.Mean;
            var allocated = report.GcStats.GetBytesAllocatedPerOperation(report.BenchmarkCase);
            text.Append(CultureInfo.InvariantCulture, $"| {descriptor.Type.Name}.{descriptor.WorkloadMethod.Name}{parameters} | ");
            text.Append(mean is { } ns ? Format(ns) : "failed").Append(" | ");
            text.Append(allocated?.ToString(CultureInfo.InvariantCulture) ?? "-").Append(" |\n");
        }

        return text.ToString();
    }

    private static string Format(double nanoseconds) => nanoseconds switch
    {
        < 1_000 => string.Create(CultureInfo.InvariantCulture, $"{nanoseconds:F1} ns"),
        < 1_000_000 => string.Create(CultureInfo.InvariantCulture, $"{nanoseconds / 1_000:F2} µs"),
        _ => string.Create(CultureInfo.InvariantCulture, $"{nanoseconds / 1_000_000:F2} ms"),
    };
}
