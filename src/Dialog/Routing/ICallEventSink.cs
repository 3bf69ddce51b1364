using Softswitch.Gateway.Calls;
using Softswitch.Media.Dtmf;

namespace Softswitch.Dialog.Routing;

/// <summary>
/// Hears what happens to each call the flows handle (the admin layer stores it as call records and events and streams it to
/// WebSocket clients). Called on the call's own flow; implementations must return at once and never throw.
/// </summary>
public interface ICallEventSink
{
    /// <summary>A call arrived.</summary>
    /// <param name="call">The call.</param>
    void OnStarted(ICall call);

    /// <summary>The dialplan decided where it goes.</summary>
    /// <param name="call">The call.</param>
    /// <param name="decision">The decision.</param>
    void OnRouted(ICall call, CallRouteDecision decision);

    /// <summary>The call was answered.</summary>
    /// <param name="call">The call.</param>
    void OnAnswered(ICall call);

    /// <summary>The call is being recorded to <paramref name="path"/>.</summary>
    /// <param name="call">The call.</param>
    /// <param name="path">The WAV file.</param>
    void OnRecording(ICall call, string path);

    /// <summary>The caller pressed a key.</summary>
    /// <param name="call">The call.</param>
    /// <param name="digit">The digit with its duration and source.</param>
    void OnDigit(ICall call, DtmfDigit digit);

    /// <summary>The call ended (its <see cref="ICall.EndReason"/>, state and media quality are final).</summary>
    /// <param name="call">The call.</param>
    void OnEnded(ICall call);
}
