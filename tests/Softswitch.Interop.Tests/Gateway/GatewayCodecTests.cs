using Shouldly;
using Softswitch.Interop.Tests.Infrastructure;
using Softswitch.Media.Codecs;
using Xunit;
using Xunit.Abstractions;
using MediaWav = Softswitch.Media.Recording.WavFile;

namespace Softswitch.Interop.Tests.Gateway;

/// <summary>
/// A call negotiated in each codec with a real peer, and over SRTP: the gateway's session must use the codec (or SRTP) the peer
/// offered, the peer must hear the greeting, and the caller channel of the gateway's recording must correlate with what the peer
/// sent, so the test fails when either direction's audio is lost, garbled or in the wrong codec.
/// </summary>
[Trait("Category", "Interop")]
public sealed class GatewayCodecTests(ITestOutputHelper output)
{
    private const double SignalLeadSeconds = 1.0;
    private const double SignalSeconds = 3.0;
    private const double SourceSeconds = 6.0;

    /// <summary>
    /// codec, baresip codec module, baresip account parameters, source rate, signal (noise or speech), the correlation bound.
    /// G.711 and G.722 keep low-passed noise nearly sample for sample (measured 1.00 and 0.99); Opus at 24 kbit/s is given the
    /// speech-like signal, which it keeps well (measured 0.98), while it would smear white noise.
    /// </summary>
    public static TheoryData<string, string, string, int, string, double> BaresipCodecs() => new()
    {
        { "PCMU", "g711", ";audio_codecs=PCMU/8000", 8000, "noise", 0.8 },
        { "PCMA", "g711", ";audio_codecs=PCMA/8000", 8000, "noise", 0.8 },
        { "G722", "g722", "", 16000, "noise", 0.8 },
        { "opus", "opus", "", 16000, "speech", 0.9 },
    };

    [Theory]
    [MemberData(nameof(BaresipCodecs))]
    public async Task Baresip_Codec_NegotiatedHeardAndRecorded(string codec, string module, string accountParameters, int rate, string signal, double minCorrelation)
    {
        using var cancellation = new CancellationTokenSource(TimeSpan.FromSeconds(60));
        using var directory = TestDirectory.Create($"Codec_{codec}");
        await using var gateway = await GatewayHost.StartAsync(Path.Combine(directory.Path, "data"), new Dictionary<string, string?> { ["Dialog:RingTime"] = "00:00:00" });

        var sent = Signal(signal, rate);
        var options = new BaresipOptions { CodecModules = [module], AccountParameters = accountParameters, SampleRate = rate };
        var call = await CallWithBaresipAsync(gateway, directory, options, sent, cancellation.Token);

        output.WriteLine(call.ToString());
        call.Codec.ShouldBe(codec, StringCompareShould.IgnoreCase);
        call.Srtp.ShouldBeFalse();
        AssertHeardAndRecorded(gateway, directory, sent, rate, minCorrelation);
        directory.MarkSucceeded();
    }

    [Fact]
    public async Task Baresip_SrtpMandatory_SavpNegotiatedHeardAndRecorded()
    {
        using var cancellation = new CancellationTokenSource(TimeSpan.FromSeconds(60));
        using var directory = TestDirectory.Create(nameof(Baresip_SrtpMandatory_SavpNegotiatedHeardAndRecorded));
        await using var gateway = await GatewayHost.StartAsync(Path.Combine(directory.Path, "data"), new Dictionary<string, string?> { ["Dialog:RingTime"] = "00:00:00" });

        // srtp-mand: baresip offers RTP/SAVP with SDES keys and refuses plain RTP, so audio flows only if both ends do SRTP.
        const int Rate = 8000;
        var sent = Signal("noise", Rate);
        var options = new BaresipOptions { ExtraModules = ["srtp"], AccountParameters = ";mediaenc=srtp-mand", SampleRate = Rate };
        var call = await CallWithBaresipAsync(gateway, directory, options, sent, cancellation.Token);

        output.WriteLine(call.ToString());
        call.Srtp.ShouldBeTrue("the gateway's session has no SRTP contexts");
        call.SrtpSuite.ShouldNotBeNull().ShouldStartWith("AesCm128HmacSha1");
        call.PacketsReceived.ShouldBeGreaterThan(150, call.ToString());

        // No protected packet failed its check, and baresip's SRTCP reports were read. baresip 1.0 sends two RTCP packets in
        // the clear (an APP "PING" as the stream starts, before its SRTP is set up, and BYE with SDES after it tears SRTP down);
        // the gateway rightly drops and counts them (RFC 3711 §3.4), so at most those two are allowed.
        call.SrtpAuthenticationFailures.ShouldBe(0, call.ToString());
        call.RtcpPacketsReceived.ShouldBeGreaterThanOrEqualTo(1, call.ToString());
        call.SrtpFailures.ShouldBeLessThanOrEqualTo(2, call.ToString());
        AssertHeardAndRecorded(gateway, directory, sent, Rate, 0.8);
        directory.MarkSucceeded();
    }

    [Fact]
    public async Task Sipp_G729Capture_NegotiatedAndRecorded()
    {
        using var cancellation = new CancellationTokenSource(TimeSpan.FromSeconds(60));
        using var directory = TestDirectory.Create(nameof(Sipp_G729Capture_NegotiatedAndRecorded));
        await using var gateway = await GatewayHost.StartAsync(Path.Combine(directory.Path, "data"), new Dictionary<string, string?>
        {
            ["Dialog:RingTime"] = "00:00:00",
            ["Media:G729"] = "true",
        });
        using var calls = new EndedCalls(gateway.Gateway);

        // No G.729 module in baresip: sipp plays a capture of the speech-like signal encoded by the gateway's own bcg729 binding.
        const int Rate = 8000;
        var sent = Signal("speech", Rate, totalSeconds: SignalLeadSeconds + SignalSeconds + 0.5);
        using var encoder = AudioCodecs.G729.CreateEncoder();
        var pcap = Path.Combine(directory.Path, "g729.pcap");
        PcapWriter.WriteRtp(pcap, AudioCodecs.G729.PayloadType, 160, GatewayDtmfTests.EncodeFrames(sent, 160, frame =>
        {
            var payload = new byte[64];
            return payload.AsSpan(0, encoder.Encode(frame, payload)).ToArray();
        }));
        var scenario = SippPcapScenario.Write(
            directory.Path,
            "uac_g729",
            "18",
            ["a=rtpmap:18 G729/8000", "a=fmtp:18 annexb=no", "a=ptime:20"],
            [(pcap, TimeSpan.FromSeconds(sent.Length / (double)Rate) + TimeSpan.FromMilliseconds(500))]);

        var result = await new SippRunner(directory.Path).RunAsync(
            new SippOptions { ScenarioFile = scenario, Target = $"127.0.0.1:{gateway.SipPort}" },
            cancellation.Token);

        result.Succeeded.ShouldBeTrue(result.ToString());
        var ended = await calls.WaitAsync(1, TimeSpan.FromSeconds(10), cancellation.Token);
        ended.Count.ShouldBe(1);
        ended[0].Codec.ShouldBe("G729");
        ended[0].PayloadType.ShouldBe(18);
        await WaitForNoCallsAsync(gateway);
        var correlation = RecordedCorrelation(gateway, sent, Rate);
        output.WriteLine($"recording correlation {correlation.Correlation:F3} at lag {correlation.Lag}");
        // bcg729 keeps the speech-like signal's shape less closely than the waveform codecs do (measured 0.84).
        correlation.Correlation.ShouldBeGreaterThan(0.7, $"best normalized correlation {correlation.Correlation:F3} at lag {correlation.Lag}");
        directory.MarkSucceeded();
    }

    /// <summary>The signal a peer sends: silence, <see cref="SignalSeconds"/> of noise or speech-like sound, silence.</summary>
    private static short[] Signal(string kind, int rate, double totalSeconds = SourceSeconds) => kind == "speech"
        ? AudioAnalysis.SpeechLike(rate, SignalLeadSeconds, SignalSeconds, totalSeconds, seed: 5)
        : AudioAnalysis.LowPassedNoise(rate, SignalLeadSeconds, SignalSeconds, totalSeconds, seed: 7);

    /// <summary>baresip sends <paramref name="sent"/> to the gateway for most of its length, hangs up and quits; returns the call.</summary>
    private static async Task<EndedCall> CallWithBaresipAsync(GatewayHost gateway, TestDirectory directory, BaresipOptions options, short[] sent, CancellationToken cancellationToken)
    {
        var source = Path.Combine(directory.Path, "caller.wav");
        MediaWav.Write(source, options.SampleRate, 1, sent);
        using var calls = new EndedCalls(gateway.Gateway);
        using var baresip = await BaresipRunner.StartAsync(options with { AudioSource = source, MaxRuntime = TimeSpan.FromSeconds(30) }, directory.Path, cancellationToken);
        await baresip.DialAsync($"sip:agent@127.0.0.1:{gateway.SipPort}", cancellationToken);
        (await baresip.WaitForCallEstablishedAsync(TimeSpan.FromSeconds(10), cancellationToken)).ShouldBeTrue(baresip.Process.Output);
        await Task.Delay(TimeSpan.FromSeconds(SourceSeconds - 0.8), cancellationToken);
        await baresip.HangupAsync(cancellationToken);
        (await baresip.WaitForCallClosedAsync(TimeSpan.FromSeconds(10), cancellationToken)).ShouldBeTrue(baresip.Process.Output);
        await baresip.QuitAsync(cancellationToken);
        await baresip.WaitForExitAsync(cancellationToken);
        var ended = await calls.WaitAsync(1, TimeSpan.FromSeconds(10), cancellationToken);
        ended.Count.ShouldBe(1, baresip.Process.Output);
        await WaitForNoCallsAsync(gateway);

        // What baresip heard, kept for the assertions below.
        var heard = MediaWav.Read(baresip.ReceivedAudioFile.ShouldNotBeNull(baresip.Process.Output));
        File.Copy(baresip.ReceivedAudioFile!, Path.Combine(directory.Path, "heard.wav"), overwrite: true);
        heard.Samples.Length.ShouldBeGreaterThan(0);
        return ended[0];
    }

    private void AssertHeardAndRecorded(GatewayHost gateway, TestDirectory directory, short[] sent, int rate, double minCorrelation)
    {
        // 1. The peer heard the greeting: at least 2 s of voiced audio in what it decoded.
        var heard = MediaWav.Read(Path.Combine(directory.Path, "heard.wav"));
        var mono = heard.Channels == 1 ? heard.Samples : AudioAnalysis.Channel(heard.Samples, 0, heard.Channels);
        var voiced = AudioAnalysis.VoicedSeconds(mono, heard.SampleRate);
        output.WriteLine($"peer heard {voiced:F2} s of voice");
        voiced.ShouldBeGreaterThan(2.0, $"the peer heard {voiced:F2} s of voice in {mono.Length / (double)heard.SampleRate:F2} s");

        // 2. The gateway recorded what the peer sent.
        var correlation = RecordedCorrelation(gateway, sent, rate);
        output.WriteLine($"recording correlation {correlation.Correlation:F3} at lag {correlation.Lag}");
        correlation.Correlation.ShouldBeGreaterThan(minCorrelation, $"best normalized correlation {correlation.Correlation:F3} at lag {correlation.Lag}");
    }

    /// <summary>The best correlation of one second from the middle of the sent signal with the caller channel of the one recording.</summary>
    private static (double Correlation, int Lag) RecordedCorrelation(GatewayHost gateway, short[] sent, int rate)
    {
        var recordings = Directory.GetFiles(gateway.RecordingsDirectory, "*.wav", SearchOption.AllDirectories);
        recordings.Length.ShouldBe(1);
        var stereo = MediaWav.Read(recordings[0]);
        stereo.SampleRate.ShouldBe(16000);
        stereo.Channels.ShouldBe(2);
        var caller = AudioAnalysis.Channel(stereo.Samples, 0);
        var needle = sent.AsSpan((int)(rate * (SignalLeadSeconds + 1.0)), rate);
        return AudioAnalysis.BestCorrelationWithRecording(caller, needle, rate);
    }

    private static async Task WaitForNoCallsAsync(GatewayHost gateway)
    {
        for (var i = 0; i < 100 && gateway.Gateway.ActiveCalls > 0; i++)
        {
            await Task.Delay(50);
        }

        gateway.Gateway.ActiveCalls.ShouldBe(0);
        await Task.Delay(200); // the handler closes the recording right after the call ends
    }
}
