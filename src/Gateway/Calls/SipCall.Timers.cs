using Softswitch.Gateway.Timers;

namespace Softswitch.Gateway.Calls;

/// <summary>
/// The call's deadlines. A call owns one timer handle, armed for the earliest deadline (STYLE.md §4.5); when it fires it posts
/// <see cref="TimerEvent"/> and the loop handles every deadline that is due.
/// </summary>
internal sealed partial class SipCall
{
    private static readonly Action<object?> s_onTimer = static state => ((SipCall)state!).Post(TimerEvent.Instance);
    // Absolute deadlines in the time provider's timestamp units: an armed timer cannot drift when the clock moves between
    // reading it and arming (a manual clock in tests moves on another thread).
    private readonly long?[] _deadlines;
    private SipTimer? _timer;
    private long _timerDue;

    private void SetDeadline(CallTimer timer, TimeSpan dueIn)
    {
        var provider = _services.TimeProvider;
        long delta = dueIn <= TimeSpan.Zero ? 0 : (long)Math.Ceiling(dueIn.Ticks * (provider.TimestampFrequency / (double)TimeSpan.TicksPerSecond));
        _deadlines[(int)timer] = provider.GetTimestamp() + delta;
        Rearm();
    }

    private void ClearDeadline(CallTimer timer)
    {
        _deadlines[(int)timer] = null;
    }

    private void CancelAllDeadlines()
    {
        Array.Clear(_deadlines);
        _timer?.Cancel();
        _timer = null;
    }

    private void Rearm()
    {
        long? earliest = null;
        foreach (var deadline in _deadlines)
        {
            if (deadline is { } d && (earliest is null || d < earliest))
            {
                earliest = d;
            }
        }

        if (earliest is null || (_timer is not null && _timerDue <= earliest))
        {
            return; // the armed timer fires first anyway; the loop re-arms after it
        }

        _timer?.Cancel();
        _timerDue = earliest.Value;
        _timer = _services.Timers.ScheduleAt(earliest.Value, s_onTimer, this);
    }

    private async ValueTask HandleTimersAsync()
    {
        _timer = null;
        var now = _services.TimeProvider.GetTimestamp();
        for (var i = 0; i < _deadlines.Length && _state != CallState.Ended; i++)
        {
            if (_deadlines[i] is { } due && due <= now)
            {
                _deadlines[i] = null;
                await OnDeadlineAsync((CallTimer)i).ConfigureAwait(false);
            }
        }

        if (_state != CallState.Ended)
        {
            Rearm();
        }
    }

    private async ValueTask OnDeadlineAsync(CallTimer timer)
    {
        var t2 = _services.TimerOptions.T2;
        switch (timer)
        {
            case CallTimer.Retransmit2xx when _unacknowledged2xx is not null:
                await _services.Transactions.SendStatelessAsync(_unacknowledged2xx, _unacknowledged2xxDestination, CancellationToken.None).ConfigureAwait(false);
                _retransmitInterval = Min(_retransmitInterval * 2, t2);
                SetDeadline(CallTimer.Retransmit2xx, _retransmitInterval);
                break;
            case CallTimer.AckTimeout when _unacknowledged2xx is not null:
                // §13.3.1.4: no ACK within 64·T1 — confirm and then end the session with BYE.
                Log.AckTimeout(_logger, CallId);
                _unacknowledged2xx = null;
                await EndAsync(CallEndReason.AckTimeout, sendBye: true).ConfigureAwait(false);
                break;
            case CallTimer.RetransmitReliable when _reliableProvisional is not null:
                await _services.Transactions.SendStatelessAsync(_reliableProvisional, _responseDestination, CancellationToken.None).ConfigureAwait(false);
                _reliableInterval *= 2;
                SetDeadline(CallTimer.RetransmitReliable, _reliableInterval);
                break;
            case CallTimer.PrackTimeout when _reliableProvisional is not null:
                // RFC 3262 §3: no PRACK within 64·T1 — reject the INVITE with a 5xx.
                _reliableProvisional = null;
                while (_waitingForPrack.TryDequeue(out var waiting))
                {
                    waiting.Done.TrySetResult(false);
                }

                await RejectInviteAsync(500, CallEndReason.PrackTimeout).ConfigureAwait(false);
                break;
            case CallTimer.SessionExpiry:
                Log.SessionExpired(_logger, CallId);
                await EndAsync(CallEndReason.SessionExpired, sendBye: true).ConfigureAwait(false);
                break;
            case CallTimer.SessionRefresh:
                await SendSessionRefreshAsync().ConfigureAwait(false);
                break;
            case CallTimer.RtpTimeout:
                await CheckRtpTimeoutAsync().ConfigureAwait(false);
                break;
            case CallTimer.TransferTimeout:
                await OnTransferTimeoutAsync().ConfigureAwait(false);
                break;
            case CallTimer.RingTimeout:
                OnRingTimeout();
                break;
            case CallTimer.CancelTimeout:
                await OnCancelTimeoutAsync().ConfigureAwait(false);
                break;
            case CallTimer.MaxDuration when _outbound && !_inviteCompleted:
                CancelOutbound(CallEndReason.MaxDuration);
                break;
            case CallTimer.MaxDuration:
                if (_inviteCompleted)
                {
                    await EndAsync(CallEndReason.MaxDuration, sendBye: true).ConfigureAwait(false);
                }
                else
                {
                    await RejectInviteAsync(480, CallEndReason.MaxDuration).ConfigureAwait(false);
                }

                break;
        }
    }

    private static TimeSpan Min(TimeSpan a, TimeSpan b) => a < b ? a : b;
}
