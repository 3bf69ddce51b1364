namespace Softswitch.Dialog.Routing;

/// <summary>Where the dialplan sends a call.</summary>
public enum CallTargetKind
{
    /// <summary>No route matched (or routing was unavailable): the embedded default flow answers.</summary>
    Default,

    /// <summary>An AI agent answers (a published agent version).</summary>
    Agent,

    /// <summary>A human queue answers (transfer by SIP).</summary>
    Queue,

    /// <summary>The call is refused with a SIP status.</summary>
    Reject,
}
