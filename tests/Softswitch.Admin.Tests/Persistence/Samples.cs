using Softswitch.Admin.Model;

namespace Softswitch.Admin.Tests.Persistence;

/// <summary>Valid model records for the repository tests.</summary>
internal static class Samples
{
    public static DateTimeOffset Epoch { get; } = new(2026, 3, 1, 12, 0, 0, TimeSpan.Zero);

    public static AgentDefinition Definition(string greeting = "Hello, how can I help?") => new(
        "Ava",
        greeting,
        "You are a helpful receptionist.",
        "en-US",
        "en_US-amy-medium",
        new EngineSettings("whisper", "base.en", new Dictionary<string, string> { ["beam"] = "5" }, [new EngineSettings("pocketsphinx", null, new Dictionary<string, string>(), [])]),
        new EngineSettings("llama", "qwen2.5-1.5b", new Dictionary<string, string> { ["temperature"] = "0.2" }, []),
        new EngineSettings("piper", null, new Dictionary<string, string>(), [new EngineSettings("espeak", null, new Dictionary<string, string>(), [])]),
        [
            new AgentTool(AgentToolKind.Transfer, "to_sales", "sip:sales@pbx.example.com", null, null),
            new AgentTool(AgentToolKind.Webhook, "lookup", null, "https://crm.example.com/lookup", 3000),
            new AgentTool(AgentToolKind.EndCall, "hang_up", null, null, null),
            new AgentTool(AgentToolKind.SendDtmf, "press", null, null, null),
        ],
        new AgentLimits(600, 8000, 2));

    public static Route Route(string id, int priority = 10) => new(
        id,
        $"Route {id}",
        priority,
        true,
        new RouteMatch(new NumberMatch(NumberMatchKind.Prefix, "+4930"), new NumberMatch(NumberMatchKind.Pattern, "^\\+49.*"), "carrier-a"),
        [new TimeWindow([DayOfWeek.Monday, DayOfWeek.Friday], "08:00", "18:30")],
        "Europe/Berlin",
        [new DateOnly(2026, 12, 25)],
        new RouteTarget(RouteTargetKind.Agent, "ava", [new VersionWeight(1, 90), new VersionWeight(2, 10)], null),
        new RouteTarget(RouteTargetKind.Queue, null, null, "support"),
        0);

    public static Trunk Trunk(string id) => new(
        id,
        $"Trunk {id}",
        ["sip1.example.com:5060", "sip2.example.com:5060"],
        TrunkTransport.Tls,
        "gateway",
        false,
        true,
        600,
        "sip:proxy.example.com",
        ["192.0.2.0/24", "198.51.100.7/32"],
        ["opus", "PCMA", "PCMU"],
        0);

    public static Queue Queue(string id) => new(
        id,
        $"Queue {id}",
        ["sip:alice@pbx.example.com", "sip:bob@pbx.example.com"],
        QueueStrategy.RoundRobin,
        25,
        new RouteTarget(RouteTargetKind.Agent, "ava", null, null),
        0);

    public static CallRecord Call(
        string callId,
        DateTimeOffset startedAt,
        string from = "+4915112345678",
        string to = "+493012345",
        string outcome = CallOutcomes.Answered,
        string? agentId = "ava",
        string? trunkId = "carrier-a",
        CallDirection direction = CallDirection.Inbound) => new(
        callId,
        direction,
        from,
        to,
        trunkId,
        agentId,
        agentId is null ? null : 3,
        null,
        "main",
        "prefix +4930",
        startedAt,
        outcome == CallOutcomes.Answered ? startedAt.AddSeconds(2) : null,
        startedAt.AddSeconds(95),
        outcome,
        outcome == CallOutcomes.Answered ? 200 : 486,
        "caller hung up",
        4.21,
        0.5,
        12.25,
        outcome == CallOutcomes.Answered ? $"/var/lib/softswitch/recordings/{callId}.wav" : null);
}
