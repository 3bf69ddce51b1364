using Softswitch.Dialog.Flows;
using Softswitch.Dialog.Routing;
using Softswitch.Gateway.Calls;

namespace Softswitch.Admin.Calls;

/// <summary>Runs an answered outbound call with the agent version it was placed for, its events told to the recorder.</summary>
internal sealed class OutboundAgentCallHandler(GreetAndRecordCallHandler flow, AgentProfile agent, ICallEventSink events) : ICallHandler
{
    /// <inheritdoc/>
    public Task HandleCallAsync(ICall call, CancellationToken cancellationToken) => flow.HandleCallAsync(call, agent, events, cancellationToken);
}
