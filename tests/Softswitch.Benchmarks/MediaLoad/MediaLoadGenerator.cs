using System.Buffers.Binary;
using System.Collections.Concurrent;
using System.Diagnostics;
using System.Globalization;
using System.Net;
using System.Net.Sockets;
using System.Text;
using Softswitch.Media.Rtcp;
using Softswitch.Sip;
using Softswitch.Sip.Sdp;

namespace Softswitch.Benchmarks.MediaLoad;

/// <summary>
/// Places calls on the gateway over SIP (INVITE with one codec, 200, ACK; BYE at the end) and streams real RTP on each, 50
/// packets a second, from a few shared loopback sockets: a sender thread paces every call's packets on a 5 ms grid, one receiver
/// thread per socket counts what the gateway sends back per call (by the gateway's source port) and reads its RTCP receiver
/// reports (rtcp-mux) for the loss it saw. Nothing is allocated per packet, so the generator's cost stays small and flat.
/// Only 127.0.0.1 is used; the run is bounded by its caller.
/// </summary>
internal sealed class MediaLoadGenerator : IDisposable
{
    /// <summary>An arrival more than this after the previous one on the same call counts as a gap.</summary>
    public const int GapThresholdMs = 60;

    private const int Sockets = 2;
    private const int SendSlots = 4; // 20 ms split into four 5 ms slots
    private const int SocketBuffer = 8 << 20;

    private readonly IPEndPoint _gateway;
    private readonly Socket _sip;
    private readonly Socket[] _rtp = new Socket[Sockets];
    private readonly int[] _rtpPorts = new int[Sockets];
    private readonly ConcurrentDictionary<string, MediaLoadCall> _byCallId = new(StringComparer.Ordinal);
    private readonly MediaLoadCall?[] _byGatewayPort = new MediaLoadCall?[65536];
    private readonly List<MediaLoadCall> _calls = [];
    private readonly CancellationTokenSource _stop = new();
    private readonly List<Thread> _threads = [];
    private long _sent;
    private long _unknownPackets;
    private volatile bool _streaming;
    private int _branch;

    /// <summary>Opens the SIP socket and the RTP sockets on 127.0.0.1 and starts receiving.</summary>
    /// <param name="gateway">The gateway's SIP address.</param>
    public MediaLoadGenerator(IPEndPoint gateway)
    {
        _gateway = gateway;
        _sip = new Socket(AddressFamily.InterNetwork, SocketType.Dgram, ProtocolType.Udp) { ReceiveBufferSize = SocketBuffer };
        _sip.Bind(new IPEndPoint(IPAddress.Loopback, 0));
        for (var i = 0; i < Sockets; i++)
        {
            _rtp[i] = new Socket(AddressFamily.InterNetwork, SocketType.Dgram, ProtocolType.Udp) { ReceiveBufferSize = SocketBuffer, SendBufferSize = SocketBuffer };
            _rtp[i].Bind(new IPEndPoint(IPAddress.Loopback, 0));
            _rtpPorts[i] = ((IPEndPoint)_rtp[i].LocalEndPoint!).Port;
        }

        StartThread("media-load sip", SipReceiveLoop);
        for (var i = 0; i < Sockets; i++)
        {
            var socket = i;
            StartThread($"media-load rtp {i}", () => RtpReceiveLoop(socket));
        }
    }

    /// <summary>The calls placed so far.</summary>
    public IReadOnlyList<MediaLoadCall> Calls => _calls;

    /// <summary>RTP packets sent.</summary>
    public long PacketsSent => Volatile.Read(ref _sent);

    /// <summary>Datagrams from ports no call knows (late packets of ended calls).</summary>
    public long UnknownPackets => Volatile.Read(ref _unknownPackets);

    /// <summary>
    /// Places calls, <paramref name="rate"/> INVITEs a second, and waits for each answer. Streaming starts with the first answer.
    /// </summary>
    /// <param name="calls">The calls to place.</param>
    /// <param name="rate">INVITEs per second.</param>
    /// <param name="timeout">Longest wait for all answers.</param>
    /// <param name="cancellationToken">Abandons the wait.</param>
    /// <returns>How many calls were answered with 200.</returns>
    public async Task<int> PlaceAsync(IReadOnlyList<MediaLoadCall> calls, int rate, TimeSpan timeout, CancellationToken cancellationToken)
    {
        if (!_streaming)
        {
            _streaming = true;
            StartThread("media-load sender", SendLoop);
        }

        foreach (var call in calls)
        {
            _byCallId[call.CallId] = call;
        }

        return await SendPacedAndCountAsync(calls, Invite, c => c.Answered.Task, rate, timeout, cancellationToken);
    }

    /// <summary>Starts a new loss window on every call.</summary>
    public void ResetLossWindows()
    {
        foreach (var call in _calls)
        {
            call.ResetLossWindow();
        }
    }

    /// <summary>Hangs up every answered call (BYE) and waits for the 200s.</summary>
    /// <param name="rate">BYEs per second.</param>
    /// <param name="timeout">Longest wait.</param>
    /// <param name="cancellationToken">Abandons the wait.</param>
    /// <returns>How many BYEs got 200.</returns>
    public async Task<int> HangUpAllAsync(int rate, TimeSpan timeout, CancellationToken cancellationToken)
    {
        var answered = _calls.Where(c => c.RtpAddress is not null).ToList();
        return await SendPacedAndCountAsync(answered, Bye, c => c.HungUp.Task, rate, timeout, cancellationToken);
    }

    // Sends one request per call, rate a second, then counts the calls whose final response is 200 within the timeout.
    private async Task<int> SendPacedAndCountAsync(
        IReadOnlyList<MediaLoadCall> calls, Func<MediaLoadCall, string> request, Func<MediaLoadCall, Task<int>> final, int rate, TimeSpan timeout, CancellationToken cancellationToken)
    {
        var interval = TimeSpan.FromSeconds(1.0 / rate);
        var started = Stopwatch.StartNew();
        for (var i = 0; i < calls.Count; i++)
        {
            SendSip(request(calls[i]));
            var due = interval * (i + 1);
            if (due > started.Elapsed)
            {
                await Task.Delay(due - started.Elapsed, cancellationToken);
            }
        }

        using var deadline = CancellationTokenSource.CreateLinkedTokenSource(cancellationToken);
        deadline.CancelAfter(timeout);
        var ok = 0;
        foreach (var call in calls)
        {
            try
            {
                if (await final(call).WaitAsync(deadline.Token) == 200)
                {
                    ok++;
                }
            }
            catch (OperationCanceledException) when (!cancellationToken.IsCancellationRequested)
            {
                break;
            }
        }

        return ok;
    }

    /// <summary>A call to <paramref name="called"/> sending <paramref name="stream"/>, not yet placed.</summary>
    /// <param name="called">The called number.</param>
    /// <param name="stream">What it sends.</param>
    /// <returns>The call, placed by <see cref="PlaceAsync"/>.</returns>
    public MediaLoadCall NewCall(string called, MediaLoadStream stream)
    {
        var call = new MediaLoadCall(_calls.Count, called, stream, _calls.Count % Sockets);
        lock (_calls)
        {
            _calls.Add(call);
        }

        return call;
    }

    /// <summary>Stops the threads and closes the sockets.</summary>
    public void Dispose()
    {
        _stop.Cancel();
        _sip.Dispose();
        foreach (var socket in _rtp)
        {
            socket.Dispose();
        }

        foreach (var thread in _threads)
        {
            thread.Join(TimeSpan.FromSeconds(2));
        }

        _stop.Dispose();
    }

    private void StartThread(string name, Action body)
    {
        var thread = new Thread(() => body()) { Name = name, IsBackground = true, Priority = ThreadPriority.AboveNormal };
        _threads.Add(thread);
        thread.Start();
    }

    private void SendSip(string message) => SendSip(Encoding.ASCII.GetBytes(message));

    private void SendSip(byte[] message)
    {
        try
        {
            _sip.SendTo(message, _gateway);
        }
        catch (SocketException)
        {
            // The gateway went away: the waits time out and the step reports the missing answers.
        }
    }

    private string Via() =>
        $"Via: SIP/2.0/UDP 127.0.0.1:{((IPEndPoint)_sip.LocalEndPoint!).Port};branch=z9hG4bKml{Interlocked.Increment(ref _branch).ToString(CultureInfo.InvariantCulture)}\r\n";

    private string From(MediaLoadCall call) => $"From: <sip:load@127.0.0.1>;tag={call.FromTag}\r\n";

    private string Invite(MediaLoadCall call)
    {
        var stream = call.Stream;
        var sdp = "v=0\r\n"
            + $"o=load {call.Index} 1 IN IP4 127.0.0.1\r\n"
            + "s=-\r\n"
            + "c=IN IP4 127.0.0.1\r\n"
            + "t=0 0\r\n"
            + $"m=audio {_rtpPorts[call.SocketIndex]} RTP/AVP {stream.PayloadType}\r\n"
            + stream.SdpFormat
            + "a=rtcp-mux\r\n"
            + "a=ptime:20\r\n"
            + "a=sendrecv\r\n";
        var port = ((IPEndPoint)_sip.LocalEndPoint!).Port;
        return $"INVITE sip:{call.Called}@{_gateway} SIP/2.0\r\n"
            + Via()
            + From(call)
            + $"To: <sip:{call.Called}@{_gateway}>\r\n"
            + $"Call-ID: {call.CallId}\r\n"
            + "CSeq: 1 INVITE\r\n"
            + $"Contact: <sip:load@127.0.0.1:{port}>\r\n"
            + "Max-Forwards: 70\r\n"
            + "Content-Type: application/sdp\r\n"
            + $"Content-Length: {Encoding.ASCII.GetByteCount(sdp)}\r\n\r\n"
            + sdp;
    }

    private string InDialog(MediaLoadCall call, string method, int cseq) =>
        $"{method} {call.RemoteTarget} SIP/2.0\r\n"
        + Via()
        + From(call)
        + $"To: {call.ToHeader}\r\n"
        + $"Call-ID: {call.CallId}\r\n"
        + $"CSeq: {cseq} {method}\r\n"
        + "Max-Forwards: 70\r\n"
        + "Content-Length: 0\r\n\r\n";

    private string Bye(MediaLoadCall call) => InDialog(call, "BYE", 2);

    private void SipReceiveLoop()
    {
        var buffer = new byte[65536];
        EndPoint from = new IPEndPoint(IPAddress.Any, 0);
        while (!_stop.IsCancellationRequested)
        {
            int length;
            try
            {
                length = _sip.ReceiveFrom(buffer, ref from);
            }
            catch (SocketException) when (!_stop.IsCancellationRequested)
            {
                continue;
            }
            catch (Exception e) when (e is SocketException or ObjectDisposedException)
            {
                return;
            }

            if (SipParser.TryParse(buffer.AsSpan(0, length), isStream: false, out var message, out _, out _, out _) != SipParseStatus.Complete)
            {
                continue;
            }

            switch (message)
            {
                case SipResponse response when _byCallId.TryGetValue(response.CallId, out var call):
                    OnResponse(call, response);
                    break;
                case SipRequest request when _byCallId.TryGetValue(request.CallId, out var call):
                    // The gateway's own BYE (for instance its maximum call length): answer it.
                    SendSip(SipResponse.CreateFor(request, 200).ToBytes());
                    if (request.Method == SipMethods.Bye)
                    {
                        call.HungUp.TrySetResult(200);
                    }

                    break;
            }
        }
    }

    private void OnResponse(MediaLoadCall call, SipResponse response)
    {
        if (response.IsProvisional)
        {
            return;
        }

        if (response.CSeq.Method == SipMethods.Bye)
        {
            call.HungUp.TrySetResult(response.StatusCode);
            return;
        }

        if (response.CSeq.Method != SipMethods.Invite)
        {
            return;
        }

        if (!response.IsSuccess)
        {
            call.Answered.TrySetResult(response.StatusCode);
            return;
        }

        if (call.ToHeader is null)
        {
            call.ToHeader = response.Headers[SipHeaderNames.To];
            call.RemoteTarget = response.Contacts.Count > 0 ? response.Contacts[0].Uri.ToString() : $"sip:{call.Called}@{_gateway}";
            if (SdpSession.TryParse(response.Body.Span, out var answer, out _) && answer.Media.Count > 0 && answer.Media[0].Port > 0)
            {
                var host = answer.ConnectionFor(answer.Media[0])?.Address ?? "127.0.0.1";
                var endPoint = new IPEndPoint(IPAddress.Parse(host), answer.Media[0].Port);
                lock (_byGatewayPort)
                {
                    _byGatewayPort[endPoint.Port] = call;
                }

                call.RtpAddress = endPoint.Serialize();
            }
        }

        // ACK every 200 (retransmissions included), so the gateway stops retransmitting.
        SendSip(InDialog(call, "ACK", 1));
        call.Answered.TrySetResult(call.RtpAddress is null ? 488 : 200);
    }

    private void SendLoop()
    {
        var packet = new byte[1500];
        var slotTicks = Stopwatch.Frequency * 20 / 1000 / SendSlots;
        var next = Stopwatch.GetTimestamp();
        var slot = 0;
        MediaLoadCall[] snapshot = [];
        var snapshotCount = -1;
        while (!_stop.IsCancellationRequested)
        {
            next += slotTicks;
            var wait = next - Stopwatch.GetTimestamp();
            if (wait > 0)
            {
                Thread.Sleep(TimeSpan.FromTicks(wait * TimeSpan.TicksPerSecond / Stopwatch.Frequency));
            }
            else if (-wait > slotTicks * SendSlots * 5)
            {
                next = Stopwatch.GetTimestamp(); // far behind (the host stalled): resume without a burst
            }

            if (snapshotCount != _calls.Count)
            {
                lock (_calls)
                {
                    snapshot = [.. _calls];
                    snapshotCount = snapshot.Length;
                }
            }

            for (var i = slot; i < snapshot.Length; i += SendSlots)
            {
                var call = snapshot[i];
                if (call.RtpAddress is not { } address || call.HungUp.Task.IsCompleted)
                {
                    continue;
                }

                var frame = call.Stream.FrameList[call.Frame];
                call.Frame = (call.Frame + 1) % call.Stream.FrameList.Count;
                packet[0] = 0x80;
                packet[1] = (byte)(call.Stream.PayloadType | (call.Sequence == 0 ? 0x80 : 0));
                BinaryPrimitives.WriteUInt16BigEndian(packet.AsSpan(2), call.Sequence);
                BinaryPrimitives.WriteUInt32BigEndian(packet.AsSpan(4), call.Timestamp);
                BinaryPrimitives.WriteUInt32BigEndian(packet.AsSpan(8), call.Ssrc);
                frame.CopyTo(packet.AsSpan(12));
                call.Sequence++;
                call.Timestamp += (uint)call.Stream.Codec.TimestampPerFrame;
                try
                {
                    _rtp[call.SocketIndex].SendTo(packet.AsSpan(0, 12 + frame.Length), SocketFlags.None, address);
                    Volatile.Write(ref _sent, _sent + 1);
                }
                catch (SocketException)
                {
                }
                catch (ObjectDisposedException)
                {
                    return;
                }
            }

            slot = (slot + 1) % SendSlots;
        }
    }

    private void RtpReceiveLoop(int index)
    {
        var socket = _rtp[index];
        var buffer = new byte[2048];
        var from = new SocketAddress(AddressFamily.InterNetwork);
        var gapTicks = Stopwatch.Frequency * GapThresholdMs / 1000;
        while (!_stop.IsCancellationRequested)
        {
            int length;
            try
            {
                length = socket.ReceiveFrom(buffer, SocketFlags.None, from);
            }
            catch (SocketException) when (!_stop.IsCancellationRequested)
            {
                continue;
            }
            catch (Exception e) when (e is SocketException or ObjectDisposedException)
            {
                return;
            }

            // sockaddr_in: family (2 bytes), port (big-endian), address.
            var port = (from.Buffer.Span[2] << 8) | from.Buffer.Span[3];
            var call = _byGatewayPort[port];
            if (call is null || length < 12)
            {
                Interlocked.Increment(ref _unknownPackets);
                continue;
            }

            var datagram = buffer.AsSpan(0, length);
            if (RtcpReader.LooksLikeRtcp(datagram))
            {
                var reader = new RtcpReader(datagram);
                while (reader.TryRead(out var report))
                {
                    for (var b = 0; b < report.ReportBlockCount; b++)
                    {
                        var block = report.GetReportBlock(b);
                        if (block.Ssrc == call.Ssrc)
                        {
                            call.OnReport(block.CumulativeLost);
                        }
                    }
                }

                continue;
            }

            call.OnRtp(Stopwatch.GetTimestamp(), gapTicks);
        }
    }
}
