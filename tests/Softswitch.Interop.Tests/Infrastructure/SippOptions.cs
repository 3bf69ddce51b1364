namespace Softswitch.Interop.Tests.Infrastructure;

/// <summary>One sipp run: which scenario, against whom, how many calls at what rate, and for how long at most.</summary>
internal sealed record SippOptions
{
    /// <summary>Scenario file (<c>-sf</c>); a bare name is looked up in the test output's <c>Scenarios</c> folder.</summary>
    public string? ScenarioFile { get; init; }

    /// <summary>Built-in scenario (<c>-sn</c>), for example <c>uac</c> or <c>uas</c>; used when <see cref="ScenarioFile"/> is null.</summary>
    public string? BuiltInScenario { get; init; }

    /// <summary>Remote <c>host:port</c>; null for a UAS.</summary>
    public string? Target { get; init; }

    /// <summary>User part of the Request-URI (<c>-s</c>, the <c>[service]</c> keyword). Defaults to <c>agent</c>.</summary>
    public string Service { get; init; } = "agent";

    /// <summary>Local address (<c>-i</c>). Defaults to 127.0.0.1.</summary>
    public string LocalAddress { get; init; } = "127.0.0.1";

    /// <summary>Local SIP port (<c>-p</c>); 0 picks a free loopback port.</summary>
    public int LocalPort { get; init; }

    /// <summary>Transport (<c>-t</c>): <c>u1</c> (UDP, one socket) or <c>t1</c> (TCP, one connection). Defaults to <c>u1</c>.</summary>
    public string Transport { get; init; } = "u1";

    /// <summary>Calls to process before exiting (<c>-m</c>). Defaults to 1.</summary>
    public int Calls { get; init; } = 1;

    /// <summary>Call rate in calls per second (<c>-r</c>); null for sipp's default (10).</summary>
    public double? Rate { get; init; }

    /// <summary>Most simultaneous calls (<c>-l</c>); null for sipp's default.</summary>
    public int? MaxConcurrentCalls { get; init; }

    /// <summary>Global timeout (<c>-timeout</c>, with <c>-timeout_error</c>). Defaults to 30 s.</summary>
    public TimeSpan Timeout { get; init; } = TimeSpan.FromSeconds(30);

    /// <summary>Values for <c>[key]</c> keywords in the scenario (<c>-key name value</c>).</summary>
    public IReadOnlyDictionary<string, string> Keys { get; init; } = new Dictionary<string, string>();

    /// <summary>Further arguments, appended as given.</summary>
    public IReadOnlyList<string> ExtraArguments { get; init; } = [];

    /// <summary>Also log every SIP message (<c>-trace_msg</c>) to <c>&lt;name&gt;.messages.log</c>. Defaults to true.</summary>
    public bool TraceMessages { get; init; } = true;
}
