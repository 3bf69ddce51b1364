using System.Globalization;

namespace Softswitch.Benchmarks.ApiLoad;

/// <summary>What <c>softswitch bench api</c> was asked for on the command line.</summary>
internal sealed record ApiLoadOptions
{
    /// <summary>Every database, in the order they run.</summary>
    public static readonly IReadOnlyList<string> AllDatabases = ["sqlite", "postgres"];

    /// <summary>Databases to measure. Defaults to both.</summary>
    public IReadOnlyList<string> Databases { get; init; } = AllDatabases;

    /// <summary>Seconds of each measured phase (reads alone, calls alone, calls with reads; the last two over all rounds). Defaults to 10.</summary>
    public int Seconds { get; init; } = 10;

    /// <summary>Requests the HTTP load keeps in flight at once. Defaults to 8.</summary>
    public int Concurrency { get; init; } = 8;

    /// <summary>Most requests per second the HTTP load sends, all endpoints together; 0 (the default) sends each as soon as a worker is free.</summary>
    public int ReadsPerSecond { get; init; }

    /// <summary>sipp call rate of the two call phases, in calls per second. Defaults to 30.</summary>
    public int CallsPerSecond { get; init; } = 30;

    /// <summary>
    /// Rounds the two call phases are split into, run alternately (calls alone, calls with reads, calls alone, ...) and pooled,
    /// so that a slow spell of other work on the machine falls on both alike. Defaults to 2.
    /// </summary>
    public int Rounds { get; init; } = 2;

    /// <summary>Call records placed (by real calls) before measuring, so history reads a filled table. Defaults to 1,000.</summary>
    public int Records { get; init; } = 1000;

    /// <summary>Folder of the reports, relative to the repository root. Defaults to <c>artifacts/bench</c>.</summary>
    public string OutputDirectory { get; init; } = Path.Combine("artifacts", "bench");

    /// <summary>Whether <c>--help</c> was given.</summary>
    public bool ShowHelp { get; init; }

    /// <summary>The text <c>--help</c> prints.</summary>
    public const string Usage = """
        Usage: softswitch bench api [options]

        For each database (SQLite in a temporary data folder; PostgreSQL on a throw-away server of its own), starts the
        gateway (Release host, default greet-and-record flow, so every call writes its CDR and events through the call
        record writer) on 127.0.0.1, seeds agents, queues, routes and call records (placed by real sipp calls), then:
          1. reads alone: GET /api/v1/agents, /routes, /history?limit=50 and /calls from an in-process HttpClient with
             bounded concurrency: requests per second, p50 and p99 per endpoint;
          2. calls alone: sipp at a fixed rate: SIP INVITE-to-200 p50/p99, call records written per second, how long
             the writer took to catch up after the last call, its queue, retries and drops (from /metrics);
          3. calls with reads: both at once; SIP p99 against step 2, goal: within 10 %.
        Steps 2 and 3 alternate in rounds (--rounds), pooled per step, so other work on the machine hits both alike.
        Everything stops by itself; child processes are stopped by process id.

        Options:
          --db NAME             sqlite, postgres or both (default: both)
          --seconds N           seconds of each measured phase, 1-60 (default: 10)
          --concurrency N       HTTP requests in flight at once, 1-256 (default: 8)
          --reads-per-second N  pace the HTTP load to at most N requests/s in all (default: 0, as fast as the
                                requests in flight allow)
          --calls-per-second N  sipp call rate of the call phases, 1-500 (default: 30)
          --rounds N            alternating rounds of steps 2 and 3, each --seconds/N long, 1-5 (default: 2)
          --records N           call records seeded by real calls before measuring, 0-20000 (default: 1000)
          --out DIR             report folder, relative to the repository root (default: artifacts/bench)
          -h, --help            show this text
        """;

    /// <summary>Parses the arguments that follow <c>api</c>.</summary>
    /// <param name="args">The arguments.</param>
    /// <param name="options">The options, when the arguments are valid.</param>
    /// <param name="error">Why they are not, otherwise.</param>
    /// <returns>Whether the arguments are valid.</returns>
    public static bool TryParse(IReadOnlyList<string> args, out ApiLoadOptions options, out string error)
    {
        options = new ApiLoadOptions();
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
                case "--db":
                    if (value is not ("both" or "sqlite" or "postgres"))
                    {
                        error = $"--db: '{value}' is not sqlite, postgres or both";
                        return false;
                    }

                    options = options with { Databases = value == "both" ? AllDatabases : [value] };
                    break;
                case "--seconds":
                    if (!TryParseInRange(value, 1, 60, out var seconds))
                    {
                        error = "--seconds: give a whole number from 1 to 60";
                        return false;
                    }

                    options = options with { Seconds = seconds };
                    break;
                case "--concurrency":
                    if (!TryParseInRange(value, 1, 256, out var concurrency))
                    {
                        error = "--concurrency: give a whole number from 1 to 256";
                        return false;
                    }

                    options = options with { Concurrency = concurrency };
                    break;
                case "--reads-per-second":
                    if (!TryParseInRange(value, 0, 100_000, out var reads))
                    {
                        error = "--reads-per-second: give a whole number from 0 to 100000";
                        return false;
                    }

                    options = options with { ReadsPerSecond = reads };
                    break;
                case "--calls-per-second":
                    if (!TryParseInRange(value, 1, 500, out var rate))
                    {
                        error = "--calls-per-second: give a whole number from 1 to 500";
                        return false;
                    }

                    options = options with { CallsPerSecond = rate };
                    break;
                case "--rounds":
                    if (!TryParseInRange(value, 1, 5, out var rounds))
                    {
                        error = "--rounds: give a whole number from 1 to 5";
                        return false;
                    }

                    options = options with { Rounds = rounds };
                    break;
                case "--records":
                    if (!TryParseInRange(value, 0, 20_000, out var records))
                    {
                        error = "--records: give a whole number from 0 to 20000";
                        return false;
                    }

                    options = options with { Records = records };
                    break;
                case "--out":
                    options = options with { OutputDirectory = value };
                    break;
                default:
                    error = $"unknown option: {name}";
                    return false;
            }
        }

        return true;
    }

    private static bool TryParseInRange(string text, int minimum, int maximum, out int value) =>
        int.TryParse(text, NumberStyles.None, CultureInfo.InvariantCulture, out value) && value >= minimum && value <= maximum;
}
