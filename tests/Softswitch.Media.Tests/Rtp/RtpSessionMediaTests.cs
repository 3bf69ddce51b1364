using System.Net;
using System.Net.Sockets;
using Shouldly;
using Softswitch.Media.Bridge;
using Softswitch.Media.Clock;
using Softswitch.Media.Codecs;
using Softswitch.Media.Dtmf;
using Softswitch.Media.Rtp;
using Softswitch.Media.Srtp;
using Xunit;

namespace Softswitch.Media.Tests.Rtp;

/// <summary>
/// Two real RTP sessions on loopback paced by a running media clock: every codec end to end, SRTP, DTMF both ways (RFC 4733 and
/// in-band), RTCP round trip and MOS, and a bridge transcoding PCMU to Opus.
/// </summary>
public sealed class RtpSessionMediaTests : IDisposable
{
    private readonly RtpPortAllocator _ports = new(IPAddress.Loopback, TestPorts.NextRange(60), TestPorts.NextRange(0) - 2);
    private readonly MediaClock _clock = new();

    public RtpSessionMediaTests() => _clock.Start();

    public void Dispose() => _clock.Dispose();

    public static TheoryData<string, double> Codecs => new()
    {
        // codec, lowest level of the received tone relative to the sent one (dB): G.729 is a vocoder and loses level on a pure tone
        { "PCMU", -1 },
        { "PCMA", -1 },
        { "G722", -2 },
        { "opus", -4 },
        { "G729", -10 },
    };

    [Theory]
    [MemberData(nameof(Codecs))]
    public async Task Loopback_EachCodec_ToneArrivesAtItsFrequencyAndLevel(string codecName, double minLevelDb)
    {
        var codec = AudioCodecs.FindByName(codecName).ShouldNotBeNull();
        var settings = RtpStreamSettings.Default with { Codec = codec, PayloadType = codec.PayloadType };
        await using var alice = NewSession();
        await using var bob = NewSession();
        Connect(alice, bob, settings, settings);
        var sink = new CollectingSink();
        bob.AudioSink = sink;

        short[] tone = Signals.Sine(440, 16000, 16000);
        alice.Enqueue(tone).ShouldBeTrue();
        await bob.StartAsync();
        await alice.StartAsync();
        await Wait.UntilAsync(() => sink.Frames >= 60, 10000);

        bob.Codec.ShouldBe(codec);
        bob.PacketsReceived.ShouldBeGreaterThanOrEqualTo(50);
        var received = sink.Samples;
        int start = Array.FindIndex(received, s => Math.Abs(s) > 1500);
        start.ShouldBeGreaterThanOrEqualTo(0, $"no tone arrived in {codecName}");
        ReadOnlySpan<short> voiced = received.AsSpan(start + 1600, 8000); // half a second from the middle
        (Signals.ZeroCrossings(voiced) / (voiced.Length / 16000.0) / 2).ShouldBeInRange(430, 450);
        Signals.Decibels(Signals.Rms(voiced), Signals.Rms(tone)).ShouldBeInRange(minLevelDb, 1.5);
    }

    [Fact]
    public async Task Srtp_BothWays_AudioFlows_AndAForgedPacketIsCountedAndNotPlayed()
    {
        var aliceKey = SdesCrypto.Generate(1, SrtpSuite.AesCm128HmacSha1_80);
        var bobKey = SdesCrypto.Generate(1, SrtpSuite.AesCm128HmacSha1_80);
        await using var alice = NewSession();
        await using var bob = NewSession(new RtpSessionOptions { SymmetricRtp = false });
        Connect(alice, bob, RtpStreamSettings.Default with { Srtp = new SrtpSession(aliceKey, bobKey) }, RtpStreamSettings.Default with { Srtp = new SrtpSession(bobKey, aliceKey) });
        var sink = new CollectingSink();
        bob.AudioSink = sink;

        using var forger = new Socket(AddressFamily.InterNetwork, SocketType.Dgram, ProtocolType.Udp);
        forger.Bind(new IPEndPoint(IPAddress.Loopback, 0));
        var forged = new byte[12 + 160 + 10];
        new RtpHeader(0, 1234, 5678, 0xCAFEBABE, false).Write(forged);
        Random.Shared.NextBytes(forged.AsSpan(12));

        alice.Enqueue(Signals.Sine(440, 16000, 16000)).ShouldBeTrue();
        await bob.StartAsync();
        await alice.StartAsync();
        await Wait.UntilAsync(() => sink.Frames >= 30, 10000);
        forger.SendTo(forged, bob.LocalEndPoint);
        await Wait.UntilAsync(() => bob.SrtpFailures == 1);

        bob.PacketsReceived.ShouldBeGreaterThanOrEqualTo(30);
        Signals.Rms(sink.Samples.AsSpan(sink.Samples.Length / 2)).ShouldBeGreaterThan(3000); // decrypted audio, not noise-free silence
        alice.SrtpFailures.ShouldBe(0);
    }

    [Fact]
    public async Task Dtmf_Rfc4733_EachKeyArrivesOnceWithItsDuration()
    {
        var settings = RtpStreamSettings.Default with { TelephoneEventPayloadType = 101 };
        await using var alice = NewSession();
        await using var bob = NewSession();
        Connect(alice, bob, settings, settings);
        var digits = new List<DtmfDigit>();
        bob.DtmfReceived += (_, d) =>
        {
            lock (digits)
            {
                digits.Add(d);
            }
        };
        await bob.StartAsync();
        await alice.StartAsync();

        alice.SendDtmf("5#", TimeSpan.FromMilliseconds(120)).ShouldBeTrue();
        await Wait.UntilAsync(() => digits.Count == 2, 5000);
        await Task.Delay(300); // the three end packets of '#' have all arrived: still two digits

        digits.Select(d => d.Digit).ShouldBe(['5', '#']);
        digits.ShouldAllBe(d => d.Source == DtmfSource.Rfc4733 && d.Duration >= TimeSpan.FromMilliseconds(100) && d.Duration <= TimeSpan.FromMilliseconds(140));
        alice.SendDtmf("x").ShouldBeFalse();
    }

    [Fact]
    public async Task Dtmf_NoTelephoneEvent_SentAsTonesAndDetectedInBand()
    {
        await using var alice = NewSession();
        await using var bob = NewSession();
        Connect(alice, bob, RtpStreamSettings.Default, RtpStreamSettings.Default);
        var digits = new List<DtmfDigit>();
        bob.DtmfReceived += (_, d) =>
        {
            lock (digits)
            {
                digits.Add(d);
            }
        };
        await bob.StartAsync();
        await alice.StartAsync();

        alice.SendDtmf("73", TimeSpan.FromMilliseconds(100)).ShouldBeTrue();
        await Wait.UntilAsync(() => digits.Count == 2, 5000);

        digits.Select(d => d.Digit).ShouldBe(['7', '3']);
        digits.ShouldAllBe(d => d.Source == DtmfSource.InBand && d.Duration >= TimeSpan.FromMilliseconds(70) && d.Duration <= TimeSpan.FromMilliseconds(130));
    }

    [Theory]
    [InlineData(false)]
    [InlineData(true)]
    public async Task Rtcp_ReportsBothWays_GiveRoundTripAndMos(bool mux)
    {
        var options = new RtpSessionOptions { RtcpInterval = TimeSpan.FromMilliseconds(200) };
        await using var alice = NewSession(options);
        await using var bob = NewSession(options);
        var settings = RtpStreamSettings.Default with { RtcpMux = mux };
        Connect(alice, bob, settings, settings);
        alice.Enqueue(Signals.Sine(440, 16000, 32000)).ShouldBeTrue();
        bob.Enqueue(Signals.Sine(700, 16000, 32000)).ShouldBeTrue();
        await bob.StartAsync();
        await alice.StartAsync();

        await Wait.UntilAsync(() => alice.GetQuality().RoundTripMs is not null && bob.GetQuality().RoundTripMs is not null, 8000);

        var quality = alice.GetQuality();
        quality.RoundTripMs!.Value.ShouldBeInRange(0, 50);
        quality.RemoteLossPercent.ShouldBe(0);
        quality.PacketsLost.ShouldBe(0);
        quality.Mos.ShouldBeGreaterThan(4.2);
        alice.RtcpPacketsReceived.ShouldBeGreaterThan(0);
        bob.RtcpPacketsSent.ShouldBeGreaterThan(0);
    }

    [Fact]
    public async Task Bridge_PcmuLegToOpusLeg_EachSideHearsTheOther()
    {
        var pcmu = RtpStreamSettings.Default;
        var opus = RtpStreamSettings.Default with { Codec = AudioCodecs.Opus, PayloadType = 111 };
        await using var caller = NewSession();
        await using var trunkLeg = NewSession();
        await using var agentLeg = NewSession();
        await using var agent = NewSession();
        Connect(caller, trunkLeg, pcmu, pcmu);
        Connect(agentLeg, agent, opus, opus);
        var callerHears = new CollectingSink();
        var agentHears = new CollectingSink();
        caller.AudioSink = callerHears;
        agent.AudioSink = agentHears;
        using var bridge = new MediaBridge(trunkLeg, agentLeg);

        caller.Enqueue(Signals.Sine(440, 16000, 24000)).ShouldBeTrue();
        agent.Enqueue(Signals.Sine(1000, 16000, 24000)).ShouldBeTrue();
        foreach (var session in new[] { caller, trunkLeg, agentLeg, agent })
        {
            await session.StartAsync();
        }

        await Wait.UntilAsync(() => callerHears.Frames >= 60 && agentHears.Frames >= 60, 10000);

        DominantFrequency(agentHears.Samples).ShouldBeInRange(420, 460);   // PCMU → decoded → Opus encoded → the agent
        DominantFrequency(callerHears.Samples).ShouldBeInRange(970, 1030); // Opus → decoded → PCMU encoded → the caller
        bridge.FramesAToB.ShouldBeGreaterThan(40);
        bridge.FramesBToA.ShouldBeGreaterThan(40);

        // The Opus leg plays PCMU audio (nothing above 4 kHz): its encoder is told so and codes narrowband; the PCMU leg plays
        // wideband Opus audio, which its 8 kHz codec cannot carry anyway.
        agentLeg.InputAudioBandwidth.ShouldBe(4000);
        trunkLeg.InputAudioBandwidth.ShouldBe(8000);
        bridge.Dispose();
        trunkLeg.AudioSink.ShouldBeNull();
        agentLeg.InputAudioBandwidth.ShouldBe(8000);
    }

    /// <summary>Frequency from the zero crossings of the loudest second.</summary>
    private static double DominantFrequency(short[] samples)
    {
        int start = Array.FindIndex(samples, s => Math.Abs(s) > 1500);
        start.ShouldBeGreaterThanOrEqualTo(0);
        var span = samples.AsSpan(start + 800, Math.Min(8000, samples.Length - start - 1600));
        return Signals.ZeroCrossings(span) / (span.Length / 16000.0) / 2;
    }

    private static void Connect(RtpSession a, RtpSession b, RtpStreamSettings aSettings, RtpStreamSettings bSettings)
    {
        a.Configure(aSettings);
        b.Configure(bSettings);
        a.RemoteEndPoint = b.LocalEndPoint;
        b.RemoteEndPoint = a.LocalEndPoint;
    }

    private RtpSession NewSession(RtpSessionOptions? options = null) => new(_ports.TryAllocate().ShouldNotBeNull(), _clock, options);
}
