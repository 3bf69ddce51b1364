namespace Softswitch.Gateway.Calls;

/// <summary>
/// What the gateway raises each new inbound call to (the Dialog layer implements it). The gateway has already checked the
/// request and the SDP offer; the handler decides to ring, answer or reject, and drives the call until it returns or the call ends.
/// </summary>
public interface ICallHandler
{
    /// <summary>Runs one call. <paramref name="cancellationToken"/> is cancelled when the call ends for any reason.</summary>
    /// <param name="call">The call, in the <see cref="CallState.Incoming"/> state.</param>
    /// <param name="cancellationToken">Cancelled when the call has ended.</param>
    Task HandleCallAsync(ICall call, CancellationToken cancellationToken);
}
