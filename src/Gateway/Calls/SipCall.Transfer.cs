using System.Globalization;
using System.Text;
using Softswitch.Gateway.Transactions;
using Softswitch.Sip;

namespace Softswitch.Gateway.Calls;

/// <summary>
/// Blind transfer as the transferor (RFC 3515, RFC 5589 §6): REFER with Refer-To and Referred-By inside the dialog, then the
/// implicit subscription's NOTIFYs (<c>message/sipfrag</c>, RFC 3420) tell how the transferee's call to the target went. A 2xx
/// sipfrag ends our part with BYE; a refused REFER, a failed target or no final NOTIFY in time leaves the call as it was.
/// </summary>
internal sealed partial class SipCall
{
    /// <summary>How long we wait for the NOTIFY that carries the target's final answer.</summary>
    internal static readonly TimeSpan TransferNotifyTimeout = TimeSpan.FromSeconds(60);

    private TaskCompletionSource<CallTransferResult>? _transfer;

    public CallTransferResult? LastTransfer { get; private set; }

    public async Task<CallTransferResult> TransferAsync(SipUri target, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(target);
        var command = new TransferEvent(target);
        if (_ended.IsCancellationRequested || !_events.Writer.TryWrite(command))
        {
            return new CallTransferResult(CallTransferOutcome.NotAllowed, null, "the call has ended");
        }

        return await command.Result.Task.WaitAsync(cancellationToken).ConfigureAwait(false);
    }

    private async ValueTask HandleTransferAsync(TransferEvent command)
    {
        if (_state != CallState.Answered || !_inviteCompleted)
        {
            command.Result.TrySetResult(new CallTransferResult(CallTransferOutcome.NotAllowed, null, $"the call is {_state.ToString().ToLowerInvariant()}, not answered"));
            return;
        }

        if (_transfer is not null)
        {
            command.Result.TrySetResult(new CallTransferResult(CallTransferOutcome.NotAllowed, null, "another transfer is in progress"));
            return;
        }

        var contact = _services.ContactFor(Called, _transport);
        var refer = _dialog.CreateRequest(SipMethods.Refer, contact, _services.Options.UserAgent);
        refer.Headers.Add(SipHeaderNames.ReferTo, "<" + command.Target + ">");
        refer.Headers.Add(SipHeaderNames.ReferredBy, "<" + _dialog.LocalParty.Uri + ">");
        var destination = await ResolveNextHopAsync().ConfigureAwait(false);
        _transfer = command.Result;
        Log.TransferStarted(_logger, CallId, command.Target.ToString());
        var transaction = _services.Transactions.SendRequest(refer, destination);
        SetDeadline(CallTimer.TransferTimeout, TransferNotifyTimeout);
        _ = ObserveReferAsync(transaction, command.Result);
    }

    private async Task ObserveReferAsync(ClientTransaction transaction, TaskCompletionSource<CallTransferResult> result)
    {
        var response = await transaction.FinalResponse.ConfigureAwait(false);
        if (response.StatusCode is < 200 or >= 300)
        {
            Post(new TransferEndedEvent(result, new CallTransferResult(CallTransferOutcome.Refused, response.StatusCode, $"REFER answered {response.StatusCode.ToString(CultureInfo.InvariantCulture)} {response.ReasonPhrase}")));
        }
    }

    private async ValueTask HandleNotifyAsync(ServerTransaction transaction)
    {
        var request = transaction.Request;
        var eventPackage = request.Headers[SipHeaderNames.Event] ?? string.Empty;
        if (_transfer is null || !eventPackage.TrimStart().StartsWith("refer", StringComparison.OrdinalIgnoreCase))
        {
            // RFC 6665 §4.1.3: a NOTIFY for no subscription we hold.
            await RespondAsync(transaction, 481).ConfigureAwait(false);
            return;
        }

        if (!TryParseSipfrag(request.Body.Span, out var status))
        {
            await RespondAsync(transaction, 400, r => r.Headers.Add("Warning", "399 " + _services.Options.UserAgent + " \"the body is not a message/sipfrag status line\"")).ConfigureAwait(false);
            return;
        }

        await RespondAsync(transaction, 200).ConfigureAwait(false);
        var terminated = (request.Headers[SipHeaderNames.SubscriptionState] ?? string.Empty).TrimStart().StartsWith("terminated", StringComparison.OrdinalIgnoreCase);
        if (status is >= 200 and < 300)
        {
            await EndTransferAsync(_transfer, new CallTransferResult(CallTransferOutcome.Transferred, status, $"the target answered {status.ToString(CultureInfo.InvariantCulture)}")).ConfigureAwait(false);
        }
        else if (status >= 300 || terminated)
        {
            await EndTransferAsync(_transfer, new CallTransferResult(CallTransferOutcome.Failed, status, $"the target answered {status.ToString(CultureInfo.InvariantCulture)}")).ConfigureAwait(false);
        }
    }

    private async ValueTask EndTransferAsync(TaskCompletionSource<CallTransferResult> transfer, CallTransferResult result)
    {
        if (!ReferenceEquals(_transfer, transfer))
        {
            return;
        }

        _transfer = null;
        LastTransfer = result;
        ClearDeadline(CallTimer.TransferTimeout);
        Log.TransferEnded(_logger, CallId, result.Outcome, result.StatusCode ?? 0, result.Detail);
        if (result.Outcome == CallTransferOutcome.Transferred)
        {
            // RFC 5589 §6: the transferor leaves once the transferee is connected to the target.
            await EndAsync(CallEndReason.Transferred, sendBye: true).ConfigureAwait(false);
        }

        transfer.TrySetResult(result);
    }

    private ValueTask OnTransferTimeoutAsync() => _transfer is { } transfer
        ? EndTransferAsync(transfer, new CallTransferResult(CallTransferOutcome.Failed, null, $"no final NOTIFY within {TransferNotifyTimeout.TotalSeconds.ToString(CultureInfo.InvariantCulture)} s"))
        : ValueTask.CompletedTask;

    /// <summary>Reads the status of a sipfrag's first line, <c>SIP/2.0 200 OK</c> (RFC 3420, RFC 3515 §2.4.5).</summary>
    internal static bool TryParseSipfrag(ReadOnlySpan<byte> body, out int status)
    {
        status = 0;
        var text = Encoding.UTF8.GetString(body).TrimStart();
        var end = text.IndexOfAny(['\r', '\n']);
        var line = end < 0 ? text : text[..end];
        var parts = line.Split(' ', 3, StringSplitOptions.RemoveEmptyEntries);
        return parts.Length >= 2
            && parts[0].Equals("SIP/2.0", StringComparison.OrdinalIgnoreCase)
            && parts[1].Length == 3
            && int.TryParse(parts[1], NumberStyles.None, CultureInfo.InvariantCulture, out status)
            && status is >= 100 and <= 699;
    }

    private void FailPendingTransfer()
    {
        if (_transfer is { } transfer)
        {
            _transfer = null;
            transfer.TrySetResult(new CallTransferResult(CallTransferOutcome.Failed, null, "the call ended during the transfer"));
        }
    }
}

/// <summary>Asks the loop to transfer the call.</summary>
internal sealed class TransferEvent(SipUri target) : CallEvent
{
    public SipUri Target { get; } = target;

    public TaskCompletionSource<CallTransferResult> Result { get; } = new(TaskCreationOptions.RunContinuationsAsynchronously);
}

/// <summary>A transfer's end learnt off the loop (the REFER's final response).</summary>
internal sealed class TransferEndedEvent(TaskCompletionSource<CallTransferResult> transfer, CallTransferResult result) : CallEvent
{
    public TaskCompletionSource<CallTransferResult> Transfer { get; } = transfer;

    public CallTransferResult Result { get; } = result;
}
