namespace Softswitch.Gateway.Calls;

/// <summary>How a blind transfer (REFER, RFC 3515) ended.</summary>
public enum CallTransferOutcome
{
    /// <summary>The transfer target answered (the NOTIFY's sipfrag said 2xx); the gateway left the call with BYE.</summary>
    Transferred,

    /// <summary>The caller's side refused the REFER (its final response, e.g. 405, 501 or 603): the call goes on as it was.</summary>
    Refused,

    /// <summary>The REFER was accepted but the target did not answer (a non-2xx sipfrag, or no final NOTIFY in time): the call goes on.</summary>
    Failed,

    /// <summary>Not possible now: the call is not answered, has ended, or another transfer is in progress.</summary>
    NotAllowed,
}

/// <summary>The result of <see cref="ICall.TransferAsync"/>.</summary>
/// <param name="Outcome">How it ended.</param>
/// <param name="StatusCode">The SIP status that decided it: the REFER's final response, or the target's status from the NOTIFY; null when none.</param>
/// <param name="Detail">Why, in words.</param>
public sealed record CallTransferResult(CallTransferOutcome Outcome, int? StatusCode, string Detail);
