using System.Collections.Concurrent;
using System.Net;
using Microsoft.Extensions.Logging.Abstractions;
using Microsoft.Extensions.Options;
using Shouldly;
using Softswitch.Dialog.Flows;
using Softswitch.Dialog.Routing;
using Softswitch.Gateway.Calls;
using Softswitch.Media.Clock;
using Softswitch.Media.Dtmf;
using Softswitch.Media.Rtp;
using Xunit;

namespace Softswitch.Dialog.Tests;

/// <summary>
/// The dialplan-driven handler over a real RTP session and real espeak-ng: the router's decision picks the agent's greeting, a
/// refusal, the queue placeholder, or the default flow when routing fails; every step reaches the event sink.
/// </summary>
public sealed class RoutedCallHandlerTests : IDisposable
{
    private readonly DirectoryInfo _folder = Directory.CreateTempSubdirectory("ss-routed-");
    private readonly MediaClock _clock = new();
    private readonly RtpPortAllocator _ports = new(IPAddress.Loopback, 47300, 47400);

    public void Dispose()
    {
        _clock.Dispose();
        _folder.Delete(recursive: true);
    }

    [Fact]
    public async Task HandleCall_RoutedToAgent_PlaysThatVersionsGreetingAndReportsEverything()
    {
        var shortAgent = new AgentProfile("sales", 3, "Sales", "Hi.", "en", "en");
        var longAgent = shortAgent with { Version = 4, Greeting = "Hello and welcome to the sales line of our company, how can we help you today?" };
        var (handler, events) = NewHandler(new FixedRouter(new CallRouteDecision(CallTargetKind.Agent, "called 100 matched exact") { RouteId = "r1", Agent = shortAgent }));
        var shortFrames = await AnsweredGreetingFramesAsync(handler, "c1");

        (handler, events) = NewHandler(new FixedRouter(new CallRouteDecision(CallTargetKind.Agent, "called 100 matched exact") { RouteId = "r1", Agent = longAgent }));
        await using var session = new RtpSession(_ports.TryAllocate().ShouldNotBeNull(), _clock);
        var call = new ScriptedCall(session, "100", "c2");
        var running = handler.HandleCallAsync(call, call.Ended.Token);
        await call.Answered.Task.WaitAsync(TimeSpan.FromSeconds(30));

        // Each version speaks its own greeting: the longer text gives more audio.
        int longFrames = session.PlayoutQueuedFrames;
        longFrames.ShouldBeGreaterThan(shortFrames * 3);
        call.Press('5');
        await Task.Delay(100);
        call.End();
        await running.WaitAsync(TimeSpan.FromSeconds(5));

        events.Log.ShouldBe(["started c2", "routed c2 Agent r1 sales v4", "answered c2", "digit c2 5", "ended c2"]);
    }

    [Fact]
    public async Task HandleCall_RouteRejects_CallRefusedWithTheRoutesStatus()
    {
        var (handler, events) = NewHandler(new FixedRouter(new CallRouteDecision(CallTargetKind.Reject, "no service") { RouteId = "r9", RejectStatus = 403 }));
        await using var session = new RtpSession(_ports.TryAllocate().ShouldNotBeNull(), _clock);
        var call = new ScriptedCall(session, "666", "c3");
        await handler.HandleCallAsync(call, call.Ended.Token).WaitAsync(TimeSpan.FromSeconds(10));

        call.Steps.ShouldBe(["reject 403"]);
        events.Log.ShouldBe(["started c3", "routed c3 Reject r9 -", "ended c3"]);
    }

    [Fact]
    public async Task HandleCall_RouterThrows_DefaultFlowAnswersAndReasonSaysWhy()
    {
        var (handler, events) = NewHandler(new ThrowingRouter());
        await using var session = new RtpSession(_ports.TryAllocate().ShouldNotBeNull(), _clock);
        var call = new ScriptedCall(session, "100", "c4");
        var running = handler.HandleCallAsync(call, call.Ended.Token);
        await call.Answered.Task.WaitAsync(TimeSpan.FromSeconds(30));
        session.PlayoutQueuedFrames.ShouldBeGreaterThan(50); // the configured default greeting
        call.End();
        await running.WaitAsync(TimeSpan.FromSeconds(5));

        events.Decisions.ShouldHaveSingleItem().Kind.ShouldBe(CallTargetKind.Default);
        events.Decisions.Single().Reason.ShouldContain("database is down");
    }

    private async Task<int> AnsweredGreetingFramesAsync(RoutedCallHandler handler, string callId)
    {
        await using var session = new RtpSession(_ports.TryAllocate().ShouldNotBeNull(), _clock);
        var call = new ScriptedCall(session, "100", callId);
        var running = handler.HandleCallAsync(call, call.Ended.Token);
        await call.Answered.Task.WaitAsync(TimeSpan.FromSeconds(30));
        int frames = session.PlayoutQueuedFrames;
        call.End();
        await running.WaitAsync(TimeSpan.FromSeconds(5));
        frames.ShouldBeGreaterThan(0);
        return frames;
    }

    private (RoutedCallHandler Handler, RecordingSink Events) NewHandler(ICallRouter router)
    {
        var options = Options.Create(new DialogOptions { RecordingsDirectory = _folder.FullName, RingTime = TimeSpan.Zero, Record = false });
        var flow = new GreetAndRecordCallHandler(options, NullLogger<GreetAndRecordCallHandler>.Instance, TimeProvider.System);
        var events = new RecordingSink();
        return (new RoutedCallHandler(router, flow, events, TimeProvider.System, NullLogger<RoutedCallHandler>.Instance), events);
    }

    private sealed class FixedRouter(CallRouteDecision decision) : ICallRouter
    {
        public ValueTask<CallRouteDecision> RouteAsync(CallRouteRequest request, CancellationToken cancellationToken) => ValueTask.FromResult(decision);
    }

    private sealed class ThrowingRouter : ICallRouter
    {
        public ValueTask<CallRouteDecision> RouteAsync(CallRouteRequest request, CancellationToken cancellationToken) =>
            throw new InvalidOperationException("the database is down");
    }

    private sealed class RecordingSink : ICallEventSink
    {
        private readonly ConcurrentQueue<string> _log = new();

        public List<string> Log => [.. _log];

        public ConcurrentQueue<CallRouteDecision> Decisions { get; } = new();

        public void OnStarted(ICall call) => _log.Enqueue($"started {call.CallId}");

        public void OnRouted(ICall call, CallRouteDecision decision)
        {
            Decisions.Enqueue(decision);
            _log.Enqueue($"routed {call.CallId} {decision.Kind} {decision.RouteId} {(decision.Agent is { } a ? $"{a.AgentId} v{a.Version}" : "-")}");
        }

        public void OnAnswered(ICall call) => _log.Enqueue($"answered {call.CallId}");

        public void OnRecording(ICall call, string path) => _log.Enqueue($"recording {call.CallId}");

        public void OnDigit(ICall call, DtmfDigit digit) => _log.Enqueue($"digit {call.CallId} {digit.Digit}");

        public void OnEnded(ICall call) => _log.Enqueue($"ended {call.CallId}");
    }
}
