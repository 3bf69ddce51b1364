using Microsoft.Extensions.Logging;
using Softswitch.Dialog.Flows;
using Softswitch.Gateway.Calls;

namespace Softswitch.Dialog.Routing;

/// <summary>
/// The call handler when a dialplan is in charge: asks the <see cref="ICallRouter"/> where each call goes, then lets the agent's
/// flow answer it (today the greet-and-record flow with the agent version's greeting and voice), refuses it with the route's
/// status, or, when no route matches or routing fails, hands it to the embedded default flow, so a call never waits on a broken
/// database. Every step is reported to the <see cref="ICallEventSink"/>. The agent version is fixed when the call is routed:
/// publishing a new one changes the next call, not this one.
/// </summary>
public sealed partial class RoutedCallHandler : ICallHandler
{
    private static readonly TimeSpan s_routingTimeout = TimeSpan.FromSeconds(2);

    private readonly ICallRouter _router;
    private readonly GreetAndRecordCallHandler _flow;
    private readonly ICallEventSink _events;
    private readonly TimeProvider _timeProvider;
    private readonly ILogger<RoutedCallHandler> _logger;

    /// <summary>Creates the handler.</summary>
    /// <param name="router">Decides where calls go.</param>
    /// <param name="flow">The flow agents answer with.</param>
    /// <param name="events">Hears every call's steps.</param>
    /// <param name="timeProvider">The clock for the routing time.</param>
    /// <param name="logger">Logs each decision.</param>
    public RoutedCallHandler(ICallRouter router, GreetAndRecordCallHandler flow, ICallEventSink events, TimeProvider timeProvider, ILogger<RoutedCallHandler> logger)
    {
        _router = router;
        _flow = flow;
        _events = events;
        _timeProvider = timeProvider;
        _logger = logger;
    }

    /// <inheritdoc/>
    public async Task HandleCallAsync(ICall call, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(call);
        _events.OnStarted(call);
        try
        {
            var decision = await RouteAsync(call, cancellationToken).ConfigureAwait(false);
            _events.OnRouted(call, decision);
            Log.Routed(_logger, call.CallId, decision.Kind, decision.RouteId, decision.Reason);
            switch (decision.Kind)
            {
                case CallTargetKind.Agent:
                    await _flow.HandleCallAsync(call, decision.Agent, _events, cancellationToken).ConfigureAwait(false);
                    break;
                case CallTargetKind.Reject:
                    await call.RejectAsync(decision.RejectStatus, cancellationToken).ConfigureAwait(false);
                    break;
                case CallTargetKind.Queue:
                    // Transfer to human queues comes with the trunk and transfer work; until then a queue target is refused
                    // as temporarily unavailable, so the caller's side can try elsewhere.
                    await call.RejectAsync(480, cancellationToken).ConfigureAwait(false);
                    break;
                default:
                    await _flow.HandleCallAsync(call, agent: null, _events, cancellationToken).ConfigureAwait(false);
                    break;
            }

            await call.Completion.ConfigureAwait(false);
        }
        finally
        {
            _events.OnEnded(call);
        }
    }

    private async ValueTask<CallRouteDecision> RouteAsync(ICall call, CancellationToken cancellationToken)
    {
        var request = new CallRouteRequest(call.CallId, call.Caller, call.Called, TrunkId: null, _timeProvider.GetUtcNow());
        using var timeout = CancellationTokenSource.CreateLinkedTokenSource(cancellationToken);
        timeout.CancelAfter(s_routingTimeout);
        try
        {
            return await _router.RouteAsync(request, timeout.Token).ConfigureAwait(false);
        }
        catch (Exception e) when (e is not OperationCanceledException || !cancellationToken.IsCancellationRequested)
        {
            Log.RoutingFailed(_logger, e, call.CallId);
            return CallRouteDecision.Default("routing unavailable: " + e.Message);
        }
    }

    private static partial class Log
    {
        [LoggerMessage(3200, LogLevel.Information, "Call {CallId} routed to {Kind} by route {RouteId}: {Reason}")]
        public static partial void Routed(ILogger logger, string callId, CallTargetKind kind, string? routeId, string reason);

        [LoggerMessage(3201, LogLevel.Warning, "Call {CallId}: routing failed, the default flow answers")]
        public static partial void RoutingFailed(ILogger logger, Exception exception, string callId);
    }
}
