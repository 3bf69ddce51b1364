using Softswitch.Sip;

namespace Softswitch.Gateway.Calls;

/// <summary>What an outbound call is placed with (<see cref="SipGateway.Originate"/>).</summary>
/// <param name="Target">The Request-URI and To: <c>sip:+33142000000@carrier.example:5060</c>.</param>
/// <param name="CallerId">The user part of our From (the caller's number or name shown to the callee).</param>
/// <param name="RingTimeout">How long it may ring before we CANCEL (no answer).</param>
/// <param name="Handler">Runs the call once it is answered (the agent's flow); the gateway's own handler when null.</param>
public sealed record OutboundCallRequest(SipUri Target, string CallerId, TimeSpan RingTimeout, ICallHandler? Handler = null);
