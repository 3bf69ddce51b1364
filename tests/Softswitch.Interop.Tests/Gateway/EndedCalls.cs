using Softswitch.Gateway;
using Softswitch.Gateway.Calls;
using Softswitch.Media.Dtmf;

namespace Softswitch.Interop.Tests.Gateway;

/// <summary>
/// Collects what the gateway's calls did, taken from <see cref="SipGateway.CallEnded"/> as each call ends (its media session is
/// closed by then, but its negotiated settings and counters stay readable): digits, codec, SRTP and packet counts.
/// </summary>
internal sealed class EndedCalls : IDisposable
{
    private readonly SipGateway _gateway;
    private readonly Lock _lock = new();
    private readonly List<EndedCall> _calls = [];
    private TaskCompletionSource _changed = new(TaskCreationOptions.RunContinuationsAsynchronously);

    /// <summary>Starts watching <paramref name="gateway"/>.</summary>
    /// <param name="gateway">The gateway of a <see cref="GatewayHost"/>.</param>
    public EndedCalls(SipGateway gateway)
    {
        _gateway = gateway;
        _gateway.CallEnded += OnCallEnded;
    }

    /// <summary>The calls that have ended so far, in order.</summary>
    public IReadOnlyList<EndedCall> Calls
    {
        get
        {
            lock (_lock)
            {
                return [.. _calls];
            }
        }
    }

    /// <summary>Waits until <paramref name="count"/> calls have ended.</summary>
    /// <param name="count">How many.</param>
    /// <param name="timeout">Longest wait.</param>
    /// <param name="cancellationToken">Stops waiting.</param>
    /// <returns>The ended calls; fewer than <paramref name="count"/> when the timeout passed.</returns>
    public async Task<IReadOnlyList<EndedCall>> WaitAsync(int count, TimeSpan timeout, CancellationToken cancellationToken)
    {
        using var deadline = CancellationTokenSource.CreateLinkedTokenSource(cancellationToken);
        deadline.CancelAfter(timeout);
        while (true)
        {
            Task changed;
            lock (_lock)
            {
                if (_calls.Count >= count)
                {
                    return [.. _calls];
                }

                changed = _changed.Task;
            }

            try
            {
                await changed.WaitAsync(deadline.Token);
            }
            catch (OperationCanceledException) when (!cancellationToken.IsCancellationRequested)
            {
                return Calls;
            }
        }
    }

    /// <summary>Stops watching.</summary>
    public void Dispose() => _gateway.CallEnded -= OnCallEnded;

    private void OnCallEnded(object? sender, ICall call)
    {
        var session = call.Media;
        var srtp = session.Settings.Srtp;
        var ended = new EndedCall(
            call.CallId,
            call.DigitsReceived,
            session.Codec.EncodingName,
            session.PayloadType,
            srtp is not null,
            srtp?.InboundSuite.ToString(),
            session.PacketsReceived,
            session.PacketsSent,
            session.SrtpFailures,
            srtp?.AuthenticationFailures ?? 0,
            session.RtcpPacketsReceived,
            call.EndReason);
        lock (_lock)
        {
            _calls.Add(ended);
            _changed.TrySetResult();
            _changed = new TaskCompletionSource(TaskCreationOptions.RunContinuationsAsynchronously);
        }
    }
}

/// <summary>One ended call as <see cref="EndedCalls"/> saw it.</summary>
/// <param name="CallId">The SIP Call-ID.</param>
/// <param name="Digits">Every digit the call received, in order.</param>
/// <param name="Codec">The rtpmap encoding name the session used (PCMU, PCMA, G722, opus, G729).</param>
/// <param name="PayloadType">Its payload type on the wire.</param>
/// <param name="Srtp">Whether the stream was RTP/SAVP with SRTP contexts.</param>
/// <param name="SrtpSuite">The inbound SRTP crypto suite, or null.</param>
/// <param name="PacketsReceived">RTP packets received.</param>
/// <param name="PacketsSent">RTP packets sent.</param>
/// <param name="SrtpFailures">Packets dropped for failing SRTP authentication or replay checks.</param>
/// <param name="SrtpAuthenticationFailures">Of those, the packets that failed authentication (the rest were replays).</param>
/// <param name="RtcpPacketsReceived">RTCP packets received and accepted.</param>
/// <param name="EndReason">Why the call ended.</param>
internal sealed record EndedCall(
    string CallId,
    IReadOnlyList<DtmfDigit> Digits,
    string Codec,
    int PayloadType,
    bool Srtp,
    string? SrtpSuite,
    long PacketsReceived,
    long PacketsSent,
    long SrtpFailures,
    long SrtpAuthenticationFailures,
    long RtcpPacketsReceived,
    CallEndReason EndReason);
