using Shouldly;
using Softswitch.Interop.Tests.Infrastructure;
using Xunit;
using MediaWav = Softswitch.Media.Recording.WavFile;

namespace Softswitch.Interop.Tests.Gateway;

/// <summary>
/// baresip, a real SIP phone, dials the gateway over loopback: it must hear the spoken greeting, and the gateway's recording must
/// hold what baresip sent (checked by cross-correlation, so the test fails if audio is lost, garbled or silent).
/// </summary>
[Trait("Category", "Interop")]
public sealed class GatewayBaresipTests
{
    private const int PeerRate = 8000;

    [Fact]
    public async Task Baresip_Dials_HearsGreetingAndIsRecorded()
    {
        using var cancellation = new CancellationTokenSource(TimeSpan.FromSeconds(90));
        using var directory = TestDirectory.Create(nameof(Baresip_Dials_HearsGreetingAndIsRecorded));
        await using var gateway = await GatewayHost.StartAsync(Path.Combine(directory.Path, "data"), new Dictionary<string, string?> { ["Dialog:RingTime"] = "00:00:00" });

        // What baresip sends: 1 s of silence, then 3 s of seeded noise (a sharp correlation peak), then silence.
        var sent = new short[PeerRate * 10];
        var random = new Random(7);
        var previous = 0;
        for (var i = PeerRate; i < PeerRate * 4; i++)
        {
            // Low-passed noise: resampling and G.711 keep it, so the correlation measures loss, not filtering.
            var next = random.Next(-12000, 12000);
            sent[i] = (short)((next + previous) / 2);
            previous = next;
        }

        var source = Path.Combine(directory.Path, "caller.wav");
        MediaWav.Write(source, PeerRate, 1, sent);

        using var baresip = await BaresipRunner.StartAsync(new BaresipOptions { AudioSource = source, MaxRuntime = TimeSpan.FromSeconds(40) }, directory.Path, cancellation.Token);
        await baresip.DialAsync($"sip:agent@127.0.0.1:{gateway.SipPort}", cancellation.Token);
        (await baresip.WaitForCallEstablishedAsync(TimeSpan.FromSeconds(10), cancellation.Token)).ShouldBeTrue(baresip.Process.Output);
        await Task.Delay(TimeSpan.FromSeconds(7), cancellation.Token);
        await baresip.HangupAsync(cancellation.Token);
        (await baresip.WaitForCallClosedAsync(TimeSpan.FromSeconds(10), cancellation.Token)).ShouldBeTrue(baresip.Process.Output);
        await baresip.QuitAsync(cancellation.Token);
        await baresip.WaitForExitAsync(cancellation.Token);
        await WaitForNoCallsAsync(gateway);

        // 1. baresip heard the greeting: at least 2 s of voiced audio in what it decoded.
        var heard = MediaWav.Read(baresip.ReceivedAudioFile.ShouldNotBeNull());
        var voicedSeconds = AudioAnalysis.VoicedSeconds(heard.Samples, heard.SampleRate);
        voicedSeconds.ShouldBeGreaterThan(2.0, $"baresip heard {voicedSeconds:F2} s of voice in {heard.Samples.Length / (double)heard.SampleRate:F2} s");

        // 2. The gateway recorded what baresip sent.
        var recordings = Directory.GetFiles(gateway.RecordingsDirectory, "*.wav", SearchOption.AllDirectories);
        recordings.Length.ShouldBe(1);
        var stereo = MediaWav.Read(recordings[0]);
        stereo.SampleRate.ShouldBe(16000);
        stereo.Channels.ShouldBe(2);
        var recorded = AudioAnalysis.Channel(stereo.Samples, 0); // the caller is on the left
        var noise = sent.AsSpan(PeerRate + PeerRate / 2, PeerRate); // one second from the middle of the noise
        var (correlation, lag) = AudioAnalysis.BestCorrelationWithRecording(recorded, noise, PeerRate);
        correlation.ShouldBeGreaterThan(0.8, $"best normalized correlation {correlation:F3} at lag {lag}");
        directory.MarkSucceeded();
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
