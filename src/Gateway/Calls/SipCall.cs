using System.Globalization;
using System.Net;
using System.Threading.Channels;
using Microsoft.Extensions.Logging;
using Softswitch.Gateway.Dialogs;
using Softswitch.Gateway.Transactions;
using Softswitch.Gateway.Transports;
using Softswitch.Gateway.UserAgent;
using Softswitch.Media.Rtp;
using Softswitch.Sip;
using Softswitch.Sip.Sdp;

namespace Softswitch.Gateway.Calls;

/// <summary>
/// One inbound call: a bounded channel of <see cref="CallEvent"/>s drained by one loop that owns the dialog, the offer/answer
/// state, the reliable provisional responses, the session timer and the RTP leg. Nothing else touches that state, so it needs no locks.
/// </summary>
internal sealed partial class SipCall : ICall
{
    private static readonly int s_callTimerCount = Enum.GetValues<CallTimer>().Length;
    private readonly SipUserAgent _ua;
    private readonly CallServices _services;
    private readonly ILogger _logger;
    private readonly Channel<CallEvent> _events;
    private SipDialog _dialog; // replaced once when an outbound call's 2xx establishes the dialog
    private readonly SipRequest _invite;
    private CallMediaLeg? _media; // allocated by the call's loop, off the receive path
    private readonly SipTransportKind _transport;
    private readonly SipEndPoint _responseDestination;
    private readonly CancellationTokenSource _ended = new();
    private readonly TaskCompletionSource _completion = new(TaskCreationOptions.RunContinuationsAsynchronously);
    private volatile CallState _state;
    private volatile CallEndReason _endReason;

    private SipCall(SipUserAgent ua, ServerTransaction transaction, SdpSession? offer, SessionTimerTerms? sessionTimer)
    {
        _ua = ua;
        _services = ua.Services;
        _logger = _services.Logger;
        InviteTransaction = transaction;
        _invite = transaction.Request;
        _remoteOffer = offer;
        _sessionTimer = sessionTimer;
        _transport = transaction.Inbound.Source.Transport;
        _responseDestination = _services.Transport.GetResponseDestination(transaction.Inbound);
        _dialog = SipDialog.CreateUas(_invite, SipUserAgent.NewTag());
        _events = NewEventChannel(_services.Options);
        StartedAt = _services.TimeProvider.GetUtcNow();
        _deadlines = new long?[s_callTimerCount];
    }

    /// <summary>The call's event queue: one reader (the loop), many writers (transport, timers, commands).</summary>
    private static Channel<CallEvent> NewEventChannel(SipOptions options) =>
        Channel.CreateBounded<CallEvent>(new BoundedChannelOptions(options.CallEventQueueCapacity)
        {
            SingleReader = true,
            SingleWriter = false,
            FullMode = BoundedChannelFullMode.Wait,
        });

    /// <summary>The INVITE server transaction that created an inbound call; null for an outbound one.</summary>
    public ServerTransaction? InviteTransaction { get; }

    /// <summary>True once the ACK for our 2xx has arrived.</summary>
    internal bool IsConfirmed => _dialog.IsConfirmed;

    /// <summary>Our tag in the dialog.</summary>
    public string LocalTag => _dialog.LocalTag;

    public string CallId => _invite.CallId;

    public string Caller => _invite.From.Uri.User ?? _invite.From.Uri.ToString();

    public string Called => _invite.RequestUri.User ?? _invite.To.Uri.User ?? string.Empty;

    public IPEndPoint RemoteSignalling => InviteTransaction?.Inbound.Source.EndPoint ?? _outboundDestination.EndPoint;

    public DateTimeOffset StartedAt { get; }

    public CallState State => _state;

    public CallEndReason EndReason => _endReason;

    public RtpSession Media => (_media ?? throw new InvalidOperationException("The call has no media leg yet.")).Session;

    public Task Completion => _completion.Task;

    /// <summary>
    /// Checks, on the receive path, what is cheap to check before a call exists: the session-timer interval (422) and that the
    /// SDP offer parses (400). The RTP port (503) and the offer/answer (488) are settled by the call's own loop.
    /// </summary>
    public static CallRejection TryCreate(SipUserAgent ua, ServerTransaction transaction, out SipCall? call)
    {
        call = null;
        var services = ua.Services;
        var invite = transaction.Request;

        if (!SessionTimerTerms.TryNegotiate(invite, services.Options, out var sessionTimer, out var minSe))
        {
            return new CallRejection(422, r => r.Headers.Add(SipHeaderNames.MinSE, minSe.ToString(CultureInfo.InvariantCulture)));
        }

        SdpSession? offer = null;
        if (!invite.Body.IsEmpty && !SdpSession.TryParse(invite.Body.Span, out offer, out _))
        {
            return new CallRejection(400, null);
        }

        call = new SipCall(ua, transaction, offer, sessionTimer);
        return new CallRejection(0, null);
    }

    /// <summary>Allocates the RTP leg and answers the offer; false when the INVITE was rejected (503 or 488) instead.</summary>
    private async ValueTask<bool> InitializeMediaAsync()
    {
        var media = CallMediaLeg.TryAllocate(_services);
        if (media is null)
        {
            await RejectInviteAsync(503, CallEndReason.Rejected).ConfigureAwait(false);
            return false;
        }

        _media = media;
        media.Session.DtmfReceived += OnMediaDtmf;
        if (_remoteOffer is not null)
        {
            var result = SdpNegotiator.Answer(_remoteOffer, media.Capabilities());
            if (!result.Accepted)
            {
                await RejectInviteAsync(488, CallEndReason.Rejected, r => r.Headers.Add("Warning", "304 " + _services.Options.UserAgent + " \"" + result.Reason + "\"")).ConfigureAwait(false);
                return false;
            }

            media.Apply(result);
            _localSdp = result.Answer;
        }

        return true;
    }

    /// <summary>Starts the call's loop and its handler.</summary>
    public void Start()
    {
        Log.CallStarted(_logger, CallId, Caller, Called, RemoteSignalling);
        SetDeadline(CallTimer.MaxDuration, _services.Options.MaxCallDuration);
        _ = Task.Run(RunAsync);
    }

    /// <summary>Posts an event to the loop; false when the queue is full or the call has ended.</summary>
    public bool Post(CallEvent callEvent) => _events.Writer.TryWrite(callEvent);

    public ValueTask<bool> RingAsync(CancellationToken cancellationToken) => SendCommandAsync(CallCommand.Ring, 0, CallEndReason.None, cancellationToken);

    public ValueTask<bool> StartEarlyMediaAsync(CancellationToken cancellationToken) => SendCommandAsync(CallCommand.EarlyMedia, 0, CallEndReason.None, cancellationToken);

    public ValueTask<bool> AnswerAsync(CancellationToken cancellationToken) => SendCommandAsync(CallCommand.Answer, 0, CallEndReason.None, cancellationToken);

    public async ValueTask RejectAsync(int statusCode, CancellationToken cancellationToken)
    {
        ArgumentOutOfRangeException.ThrowIfLessThan(statusCode, 300);
        ArgumentOutOfRangeException.ThrowIfGreaterThan(statusCode, 699);
        await SendCommandAsync(CallCommand.Reject, statusCode, CallEndReason.Rejected, cancellationToken).ConfigureAwait(false);
    }

    public async ValueTask HangupAsync(CancellationToken cancellationToken)
    {
        await SendCommandAsync(CallCommand.Hangup, 0, CallEndReason.LocalHangup, cancellationToken).ConfigureAwait(false);
        await _completion.Task.WaitAsync(cancellationToken).ConfigureAwait(false);
    }

    /// <summary>Ends the call from the gateway itself (shutdown): BYE when answered, 503 before.</summary>
    public ValueTask<bool> TerminateAsync(CallEndReason reason, CancellationToken cancellationToken) =>
        SendCommandAsync(CallCommand.Hangup, 0, reason, cancellationToken);

    private async ValueTask<bool> SendCommandAsync(CallCommand command, int status, CallEndReason reason, CancellationToken cancellationToken)
    {
        var commandEvent = new CommandEvent(command, status, reason);
        if (_ended.IsCancellationRequested)
        {
            return false;
        }

        try
        {
            await _events.Writer.WriteAsync(commandEvent, cancellationToken).ConfigureAwait(false);
        }
        catch (ChannelClosedException)
        {
            return false;
        }

        // The loop completes Done just before the call may end and cancel the handler's token; Done's continuations run
        // asynchronously, so that cancellation can overtake them. A result already set wins over it, without an exception.
        var done = commandEvent.Done.Task;
        if (!done.IsCompleted)
        {
            var waiting = done.WaitAsync(cancellationToken);
            await ((Task)waiting).ConfigureAwait(ConfigureAwaitOptions.SuppressThrowing);
            if (!done.IsCompleted)
            {
                return await waiting.ConfigureAwait(false); // cancelled: throws as before
            }
        }

        return await done.ConfigureAwait(false);
    }

    private async Task RunHandlerAsync()
    {
        try
        {
            await (_handler ?? _services.Handler).HandleCallAsync(this, _ended.Token).ConfigureAwait(false);
        }
        catch (OperationCanceledException) when (_ended.IsCancellationRequested)
        {
        }
        catch (Exception ex) when (ex is not OutOfMemoryException)
        {
            Log.HandlerFailed(_logger, CallId, ex);
            await TerminateAsync(CallEndReason.Failed, CancellationToken.None).ConfigureAwait(false);
        }
    }

    private async Task RunAsync()
    {
        using var scope = _logger.BeginScope(new KeyValuePair<string, object>[] { new("CallId", CallId) });
        try
        {
            if (_outbound)
            {
                // The handler starts when the callee answers (HandleInviteResponseAsync).
                if (!await InitializeOutboundAsync().ConfigureAwait(false))
                {
                    return;
                }
            }
            else
            {
                if (!await InitializeMediaAsync().ConfigureAwait(false))
                {
                    return;
                }

                _ = Task.Run(RunHandlerAsync);
            }
            var reader = _events.Reader;
            while (_state != CallState.Ended && await reader.WaitToReadAsync().ConfigureAwait(false))
            {
                while (_state != CallState.Ended && reader.TryRead(out var callEvent))
                {
                    await HandleAsync(callEvent).ConfigureAwait(false);
                }
            }
        }
        catch (Exception ex) when (ex is not OutOfMemoryException)
        {
            Log.CallLoopFailed(_logger, CallId, ex);
            if (_state != CallState.Ended)
            {
                await EndAsync(CallEndReason.Failed, sendBye: _state == CallState.Answered).ConfigureAwait(false);
            }
        }
        finally
        {
            await DrainAfterEndAsync().ConfigureAwait(false);
        }
    }

    private async Task DrainAfterEndAsync()
    {
        _events.Writer.TryComplete();
        while (_events.Reader.TryRead(out var leftover))
        {
            switch (leftover)
            {
                case CommandEvent command:
                    command.Done.TrySetResult(false);
                    break;
                case RequestEvent request:
                    await RespondAsync(request.Transaction, 481).ConfigureAwait(false);
                    break;
                case TransferEvent transfer:
                    transfer.Result.TrySetResult(new CallTransferResult(CallTransferOutcome.NotAllowed, null, "the call has ended"));
                    break;
            }
        }
    }

    private ValueTask HandleAsync(CallEvent callEvent) => callEvent switch
    {
        CommandEvent command when _outbound => HandleOutboundCommandAsync(command),
        CommandEvent command => HandleCommandAsync(command),
        InviteResponseEvent response => HandleInviteResponseAsync(response.Response),
        RequestEvent request => HandleRequestAsync(request.Transaction),
        AckEvent ack => HandleAckAsync(ack.Ack),
        CancelEvent => HandleCancelAsync(),
        TimerEvent => HandleTimersAsync(),
        TransferEvent transfer => HandleTransferAsync(transfer),
        TransferEndedEvent ended => EndTransferAsync(ended.Transfer, ended.Result),
        _ => ValueTask.CompletedTask,
    };

    private async ValueTask EndAsync(CallEndReason reason, bool sendBye)
    {
        if (_state == CallState.Ended)
        {
            return;
        }

        _endReason = reason;
        SetState(CallState.Ended);
        CancelAllDeadlines();
        if (sendBye)
        {
            await SendByeAsync(reason == CallEndReason.RtpTimeout ? RtpTimeoutReason : null).ConfigureAwait(false);
        }

        if (_media is not null)
        {
            await _media.DisposeAsync().ConfigureAwait(false);
            MediaQuality = _media.Session.GetQuality();
        }

        _dtmf.Writer.TryComplete();
        FailPendingTransfer();
        _ended.Cancel();
        _ua.OnCallEnded(this);
        var duration = _services.TimeProvider.GetUtcNow() - StartedAt;
        var quality = MediaQuality ?? default;
        Log.CallEnded(_logger, CallId, Caller, Called, reason, duration.TotalSeconds, _media?.Session.PacketsReceived ?? 0, _media?.Session.PacketsSent ?? 0, quality.Mos, quality.LossPercent, quality.JitterMs);
        _completion.TrySetResult();
    }

    private void SetState(CallState state) => _state = state;
}
