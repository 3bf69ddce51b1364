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
        var voicedSeconds = VoicedSeconds(heard.Samples, heard.SampleRate);
        voicedSeconds.ShouldBeGreaterThan(2.0, $"baresip heard {voicedSeconds:F2} s of voice in {heard.Samples.Length / (double)heard.SampleRate:F2} s");

        // 2. The gateway recorded what baresip sent.
        var recordings = Directory.GetFiles(gateway.RecordingsDirectory, "*.wav", SearchOption.AllDirectories);
        recordings.Length.ShouldBe(1);
        var stereo = MediaWav.Read(recordings[0]);
        stereo.SampleRate.ShouldBe(16000);
        stereo.Channels.ShouldBe(2);
        var recorded = (Samples: Channel(stereo.Samples, 0), stereo.SampleRate); // the caller is on the left
        var noise = sent.AsSpan(PeerRate + PeerRate / 2, PeerRate); // one second from the middle of the noise
        var (even, evenLag) = BestCorrelation(Decimate(recorded.Samples, 0), noise);
        var (odd, oddLag) = BestCorrelation(Decimate(recorded.Samples, 1), noise);
        var (correlation, lag) = even >= odd ? (even, evenLag) : (odd, oddLag);
        correlation.ShouldBeGreaterThan(0.8, $"best normalized correlation {correlation:F3} at lag {lag}");
        directory.MarkSucceeded();
    }

    private static short[] Channel(short[] interleaved, int channel)
    {
        var result = new short[interleaved.Length / 2];
        for (var i = 0; i < result.Length; i++)
        {
            result[i] = interleaved[(2 * i) + channel];
        }

        return result;
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

    /// <summary>Seconds of 20 ms frames whose RMS is above a speech threshold.</summary>
    private static double VoicedSeconds(short[] samples, int rate)
    {
        var frame = rate / 50;
        var voiced = 0;
        for (var start = 0; start + frame <= samples.Length; start += frame)
        {
            double sum = 0;
            for (var i = start; i < start + frame; i++)
            {
                sum += (double)samples[i] * samples[i];
            }

            if (Math.Sqrt(sum / frame) > 300)
            {
                voiced++;
            }
        }

        return voiced * 0.02;
    }

    private static short[] Decimate(short[] samples16k, int phase)
    {
        var result = new short[(samples16k.Length - phase) / 2];
        for (var i = 0; i < result.Length; i++)
        {
            result[i] = samples16k[(2 * i) + phase];
        }

        return result;
    }

    /// <summary>The highest normalized cross-correlation of <paramref name="needle"/> over every position in <paramref name="haystack"/>.</summary>
    private static (double Correlation, int Lag) BestCorrelation(short[] haystack, ReadOnlySpan<short> needle)
    {
        double needleEnergy = 0;
        foreach (var s in needle)
        {
            needleEnergy += (double)s * s;
        }

        var best = 0.0;
        var bestLag = -1;
        for (var lag = 0; lag + needle.Length <= haystack.Length; lag++)
        {
            double dot = 0, energy = 0;
            for (var i = 0; i < needle.Length; i++)
            {
                double h = haystack[lag + i];
                dot += h * needle[i];
                energy += h * h;
            }

            if (energy > 0)
            {
                var c = dot / Math.Sqrt(energy * needleEnergy);
                if (c > best)
                {
                    best = c;
                    bestLag = lag;
                }
            }
        }

        return (best, bestLag);
    }
}
