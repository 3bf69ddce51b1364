using Softswitch.Gateway.Calls;

namespace Softswitch.Dialog.Flows;

/// <summary>
/// Answers every call at once and keeps it up until the caller hangs up, with no greeting and no recording: the flow the SIP
/// benchmark measures, and a plain answering machine for signalling tests.
/// </summary>
public sealed class AnswerCallHandler : ICallHandler
{
    /// <inheritdoc/>
    public async Task HandleCallAsync(ICall call, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(call);
        if (await call.AnswerAsync(cancellationToken).ConfigureAwait(false))
        {
            await call.Completion.ConfigureAwait(false); // the call ends (and cancellationToken fires) on either side's hang-up
        }
    }
}
