using System.Globalization;

namespace Softswitch.Benchmarks.MediaLoad;

/// <summary>What <c>softswitch bench media</c> was asked for on the command line.</summary>
internal sealed record MediaLoadOptions
{
    /// <summary>Concurrent G.711 calls per step (echo flow: PCMU decoded, jitter-buffered and encoded back). Defaults to 100, 200, 400.</summary>
    public IReadOnlyList<int> G711Calls { get; init; } = [100, 200, 400];

    /// <summary>Concurrent transcoded calls per step (bridge flow: a PCMU leg joined to an Opus leg). Defaults to 50, 100, 150.</summary>
    public IReadOnlyList<int> TranscodedCalls { get; init; } = [50, 100, 150];

    /// <summary>Seconds measured per step, after the warm-up. Defaults to 10.</summary>
    public int Seconds { get; init; } = 10;

    /// <summary>Seconds of streaming before a step is measured. Defaults to 3.</summary>
    public int WarmupSeconds { get; init; } = 3;

    /// <summary>Opus encoder complexity for the gateway and the reference. Defaults to 5, the gateway's default.</summary>
    public int OpusComplexity { get; init; } = 5;

    /// <summary>Whether to run the BenchmarkDotNet media benchmarks after the load. Defaults to true.</summary>
    public bool Micro { get; init; } = true;

    /// <summary>Folder of the reports, relative to the repository root. Defaults to <c>artifacts/bench</c>.</summary>
    public string OutputDirectory { get; init; } = Path.Combine("artifacts", "bench");

    /// <summary>Whether <c>--help</c> was given.</summary>
    public bool ShowHelp { get; init; }

    /// <summary>The text <c>--help</c> prints.</summary>
    public const string Usage = """
        Usage: softswitch bench media [options]

        Starts the gateway (Release host) on 127.0.0.1 and places concurrent calls on it with real RTP, 50 packets a
        second each way per leg, from the benchmark's own load generator. G.711 calls use the echo flow (every packet
        decoded, jitter-buffered, encoded and sent back); transcoded calls are pairs bridged by the bridge flow (a PCMU
        leg and an Opus leg: one decode and one encode per direction). Reports the gateway's CPU per call, packets
        missing, late and lost, beside raw libopus encode/decode cost measured in the same run, then runs the
        BenchmarkDotNet media benchmarks (time and bytes allocated).

        Options:
          --g711 LIST           concurrent G.711 calls per step, comma-separated (default: 100,200,400; 0 skips)
          --transcoded LIST     concurrent transcoded calls per step (default: 50,100,150; 0 skips)
          --seconds N           seconds measured per step (default: 10)
          --warmup N            seconds of streaming before measuring (default: 3)
          --opus-complexity N   Media:OpusComplexity of the gateway and the raw libopus reference, 0-10 (default: 5)
          --no-micro            skip the BenchmarkDotNet media benchmarks
          --out DIR             report folder, relative to the repository root (default: artifacts/bench)
          -h, --help            show this text
        """;

    /// <summary>Parses the arguments that follow <c>media</c>.</summary>
    /// <param name="args">The arguments.</param>
    /// <param name="options">The options, when the arguments are valid.</param>
    /// <param name="error">Why they are not, otherwise.</param>
    /// <returns>Whether the arguments are valid.</returns>
    public static bool TryParse(IReadOnlyList<string> args, out MediaLoadOptions options, out string error)
    {
        options = new MediaLoadOptions();
        error = "";
        for (var i = 0; i < args.Count; i++)
        {
            var name = args[i];
            switch (name)
            {
                case "-h" or "--help":
                    options = options with { ShowHelp = true };
                    continue;
                case "--no-micro":
                    options = options with { Micro = false };
                    continue;
            }

            if (i + 1 >= args.Count)
            {
                error = $"unknown option or missing value: {name}";
                return false;
            }

            var value = args[++i];
            switch (name)
            {
                case "--g711" when TryParseList(value, out var list):
                    options = options with { G711Calls = list };
                    break;
                case "--transcoded" when TryParseList(value, out var list):
                    options = options with { TranscodedCalls = list };
                    break;
                case "--seconds" when TryParseCount(value, 1, 600, out var seconds):
                    options = options with { Seconds = seconds };
                    break;
                case "--warmup" when TryParseCount(value, 0, 60, out var warmup):
                    options = options with { WarmupSeconds = warmup };
                    break;
                case "--opus-complexity" when TryParseCount(value, 0, 10, out var complexity):
                    options = options with { OpusComplexity = complexity };
                    break;
                case "--opus-complexity":
                    error = $"{name}: expected 0 to 10, got '{value}'";
                    return false;
                case "--out":
                    options = options with { OutputDirectory = value };
                    break;
                case "--g711" or "--transcoded":
                    error = $"{name}: expected comma-separated call counts from 0 to 2000, got '{value}'";
                    return false;
                case "--seconds" or "--warmup":
                    error = $"{name}: expected a whole number of seconds, got '{value}'";
                    return false;
                default:
                    error = $"unknown option: {name}";
                    return false;
            }
        }

        return true;
    }

    private static bool TryParseList(string value, out IReadOnlyList<int> list)
    {
        var items = new List<int>();
        list = items;
        foreach (var part in value.Split(',', StringSplitOptions.RemoveEmptyEntries | StringSplitOptions.TrimEntries))
        {
            if (!TryParseCount(part, 0, 2000, out var count))
            {
                return false;
            }

            if (count > 0)
            {
                items.Add(count);
            }
        }

        return value.Length > 0;
    }

    private static bool TryParseCount(string value, int min, int max, out int count) =>
        int.TryParse(value, NumberStyles.None, CultureInfo.InvariantCulture, out count) && count >= min && count <= max;
}
