namespace Softswitch.Dialog.Routing;

/// <summary>
/// Decides where each inbound call goes. The admin layer implements it over the dialplan it keeps, so a route changed through
/// the API takes effect with the next call.
/// </summary>
public interface ICallRouter
{
    /// <summary>Routes one call.</summary>
    /// <param name="request">The call.</param>
    /// <param name="cancellationToken">Cancels the decision (the call then goes to the default flow).</param>
    /// <returns>The decision.</returns>
    ValueTask<CallRouteDecision> RouteAsync(CallRouteRequest request, CancellationToken cancellationToken);
}
