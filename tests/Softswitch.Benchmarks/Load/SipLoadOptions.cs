using System.Globalization;

namespace Softswitch.Benchmarks.Load;

/// <summary>What <c>softswitch bench sip</c> was asked for on the command line.</summary>
internal sealed record SipLoadOptions
{
    /// <summary>Every target, in the order they run: the references first, so the gateway is compared with figures from the same run.</summary>
    public static readonly IReadOnlyList<string> AllTargets = [SippUasTarget.TargetName, KamailioTarget.TargetName, GatewayTarget.TargetName];

    /// <summary>Targets to measure. Defaults to all three.</summary>
    public IReadOnlyList<string> Targets { get; init; } = AllTargets;

    /// <summary>Call rates tried in turn, in calls per second. Defaults to 250 up to 5000.</summary>
    public IReadOnlyList<int> Rates { get; init; } = [250, 500, 1000, 1500, 2000, 2500, 3000, 4000, 5000];

    /// <summary>Seconds of load per step. Defaults to 5.</summary>
    public int Seconds { get; init; } = 5;

    /// <summary>sipp processes the ramp starts with. Defaults to 1.</summary>
    public int Generators { get; init; } = 1;

    /// <summary>Most sipp processes one step may use. Defaults to the core count, at least 2.</summary>
    public int MaxGenerators { get; init; } = Math.Max(2, Environment.ProcessorCount);

    /// <summary>Folder of the reports, relative to the repository root. Defaults to <c>artifacts/bench</c>.</summary>
    public string OutputDirectory { get; init; } = Path.Combine("artifacts", "bench");

    /// <summary>Whether <c>--help</c> was given.</summary>
    public bool ShowHelp { get; init; }

    /// <summary>The text <c>--help</c> prints.</summary>
    public const string Usage = """
        Usage: softswitch bench sip [options]

        Places calls with sipp (uac, INVITE with a PCMU offer, ACK, BYE) at rising rates against each target and
        reports the highest rate with no failed call and no retransmission, and the setup time (INVITE to 200).

        Options:
          --targets LIST        targets, comma-separated: sipp-uas, kamailio, gateway (default: all three)
          --rates LIST          call rates per second, comma-separated (default: 250,500,1000,1500,2000,2500,3000,4000,5000)
          --seconds N           seconds of load per step (default: 5)
          --generators N        sipp processes to start the ramp with (default: 1)
          --max-generators N    most sipp processes per step (default: cores, at least 2)
          --out DIR             report folder, relative to the repository root (default: artifacts/bench)
          -h, --help            show this text
        """;

    /// <summary>Parses the arguments that follow <c>sip</c>.</summary>
    /// <param name="args">The arguments.</param>
    /// <param name="options">The options, when the arguments are valid.</param>
    /// <param name="error">Why they are not, otherwise.</param>
    /// <returns>Whether the arguments are valid.</returns>
    public static bool TryParse(IReadOnlyList<string> args, out SipLoadOptions options, out string error)
    {
        options = new SipLoadOptions();
        error = "";
        for (var i = 0; i < args.Count; i++)
        {
            var name = args[i];
            if (name is "-h" or "--help")
            {
                options = options with { ShowHelp = true };
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
                case "--targets":
                    var targets = SplitList(value);
                    var unknown = targets.FirstOrDefault(t => !AllTargets.Contains(t));
                    if (unknown is not null || targets.Count == 0)
                    {
                        error = $"--targets: unknown target '{unknown}'; use {string.Join(", ", AllTargets)}";
                        return false;
                    }

                    // Keep the canonical order: references before the gateway.
                    options = options with { Targets = [.. AllTargets.Where(targets.Contains)] };
                    break;
                case "--rates":
                    var rates = new List<int>();
                    foreach (var item in SplitList(value))
                    {
                        if (!TryParsePositive(item, out var rate))
                        {
                            error = $"--rates: '{item}' is not a positive whole number";
                            return false;
                        }

                        rates.Add(rate);
                    }

                    if (rates.Count == 0)
                    {
                        error = "--rates: no rate given";
                        return false;
                    }

                    rates.Sort();
                    options = options with { Rates = rates.Distinct().ToList() };
                    break;
                case "--seconds":
                    if (!TryParsePositive(value, out var seconds) || seconds > 60)
                    {
                        error = "--seconds: give a whole number from 1 to 60";
                        return false;
                    }

                    options = options with { Seconds = seconds };
                    break;
                case "--generators":
                    if (!TryParsePositive(value, out var generators) || generators > 16)
                    {
                        error = "--generators: give a whole number from 1 to 16";
                        return false;
                    }

                    options = options with { Generators = generators };
                    break;
                case "--max-generators":
                    if (!TryParsePositive(value, out var maxGenerators) || maxGenerators > 16)
                    {
                        error = "--max-generators: give a whole number from 1 to 16";
                        return false;
                    }

                    options = options with { MaxGenerators = maxGenerators };
                    break;
                case "--out":
                    options = options with { OutputDirectory = value };
                    break;
                default:
                    error = $"unknown option: {name}";
                    return false;
            }
        }

        if (options.Generators > options.MaxGenerators)
        {
            options = options with { MaxGenerators = options.Generators };
        }

        return true;
    }

    private static List<string> SplitList(string value) =>
        [.. value.Split(',', StringSplitOptions.RemoveEmptyEntries | StringSplitOptions.TrimEntries)];

    private static bool TryParsePositive(string text, out int value) =>
        int.TryParse(text, NumberStyles.None, CultureInfo.InvariantCulture, out value) && value > 0;
}
