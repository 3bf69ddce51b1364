using System.Buffers.Binary;
using Shouldly;
using Softswitch.Interop.Tests.Infrastructure;
using Softswitch.Media.Codecs;
using Softswitch.Media.Dtmf;
using Xunit;
using Xunit.Abstractions;

namespace Softswitch.Interop.Tests.Gateway;

/// <summary>
/// Key presses from real peers reach the gateway's call once each, with their duration and how they came: RFC 4733 events
/// replayed by sipp from its own captures and sent by baresip as a user types, SIP INFO bodies, and DTMF tones in PCMU audio
/// when no telephone-event was negotiated.
/// </summary>
[Trait("Category", "Interop")]
public sealed class GatewayDtmfTests(ITestOutputHelper output)
{
    private const string SippCaptures = "/usr/share/sip-tester";
    private static readonly TimeSpan s_callEndTimeout = TimeSpan.FromSeconds(10);

    [Fact]
    public async Task Sipp_Rfc4733Captures_EachDigitArrivesOnceWithItsDuration()
    {
        using var cancellation = new CancellationTokenSource(TimeSpan.FromSeconds(60));
        using var directory = TestDirectory.Create(nameof(Sipp_Rfc4733Captures_EachDigitArrivesOnceWithItsDuration));
        await using var gateway = await GatewayHost.StartAsync(Path.Combine(directory.Path, "data"), new Dictionary<string, string?> { ["Dialog:RingTime"] = "00:00:00" });
        using var calls = new EndedCalls(gateway.Gateway);

        // sipp's captures come from one call (same SSRC, rising sequence numbers and timestamps), so played in this order they
        // form one stream; each holds one key press: start, updates, and the end packet three times (payload type 101).
        (string File, char Digit)[] presses = [("dtmf_2833_1.pcap", '1'), ("dtmf_2833_5.pcap", '5'), ("dtmf_2833_9.pcap", '9'), ("dtmf_2833_pound.pcap", '#')];
        var scenario = SippPcapScenario.Write(
            directory.Path,
            "uac_rfc4733",
            "0 101",
            ["a=rtpmap:0 PCMU/8000", "a=rtpmap:101 telephone-event/8000", "a=fmtp:101 0-15", "a=ptime:20"],
            presses.Select(p => (Path.Combine(SippCaptures, p.File), TimeSpan.FromMilliseconds(600))));

        var result = await new SippRunner(directory.Path).RunAsync(
            new SippOptions { ScenarioFile = scenario, Target = $"127.0.0.1:{gateway.SipPort}" },
            cancellation.Token);

        result.Succeeded.ShouldBeTrue(result.ToString());
        var ended = await calls.WaitAsync(1, s_callEndTimeout, cancellation.Token);
        ended.Count.ShouldBe(1);
        var digits = ended[0].Digits;
        output.WriteLine(Describe(digits));
        string.Concat(digits.Select(d => d.Digit)).ShouldBe(string.Concat(presses.Select(p => p.Digit)), $"digits received: {Describe(digits)}");
        for (var i = 0; i < presses.Length; i++)
        {
            digits[i].Source.ShouldBe(DtmfSource.Rfc4733);

            // The duration is the end packet's (its RTP clock units at 8 kHz), read from the capture itself.
            var expected = EndEventDuration(Path.Combine(SippCaptures, presses[i].File));
            digits[i].Duration.TotalMilliseconds.ShouldBe(expected.TotalMilliseconds, 20, $"digit '{presses[i].Digit}': {Describe(digits)}");
        }

        directory.MarkSucceeded();
    }

    [Fact]
    public async Task Sipp_SipInfo_DigitsArriveAndUnreadableBodyGets400()
    {
        using var cancellation = new CancellationTokenSource(TimeSpan.FromSeconds(60));
        using var directory = TestDirectory.Create(nameof(Sipp_SipInfo_DigitsArriveAndUnreadableBodyGets400));
        await using var gateway = await GatewayHost.StartAsync(Path.Combine(directory.Path, "data"), new Dictionary<string, string?> { ["Dialog:RingTime"] = "00:00:00" });
        using var calls = new EndedCalls(gateway.Gateway);

        // The scenario expects 200, 200, 400 (with a Warning naming the problem), 200, and the BYE answered: the call carried on.
        var result = await new SippRunner(directory.Path).RunAsync(
            new SippOptions { ScenarioFile = "uac_info_dtmf.xml", Target = $"127.0.0.1:{gateway.SipPort}" },
            cancellation.Token);

        result.Succeeded.ShouldBeTrue(result.ToString());
        var ended = await calls.WaitAsync(1, s_callEndTimeout, cancellation.Token);
        ended.Count.ShouldBe(1);
        ended[0].Digits.ShouldBe(
            [
                new DtmfDigit('5', TimeSpan.FromMilliseconds(160), DtmfSource.SipInfo),
                new DtmfDigit('#', DtmfInfoBody.DefaultDuration, DtmfSource.SipInfo),
                new DtmfDigit('9', TimeSpan.FromMilliseconds(300), DtmfSource.SipInfo),
            ],
            Describe(ended[0].Digits));
        directory.MarkSucceeded();
    }

    [Fact]
    public async Task Sipp_InbandTonesInPcmu_DetectedInOrder()
    {
        using var cancellation = new CancellationTokenSource(TimeSpan.FromSeconds(60));
        using var directory = TestDirectory.Create(nameof(Sipp_InbandTonesInPcmu_DetectedInOrder));
        await using var gateway = await GatewayHost.StartAsync(Path.Combine(directory.Path, "data"), new Dictionary<string, string?> { ["Dialog:RingTime"] = "00:00:00" });
        using var calls = new EndedCalls(gateway.Gateway);

        // Keys as tones (ITU-T Q.23 pairs at -10 dBm0 each) over faint noise, 160 ms on and 160 ms off, in PCMU frames of 20 ms.
        const string Keys = "2580*#";
        var tone = TimeSpan.FromMilliseconds(160);
        var pcm = TonesOverNoise(Keys, tone, TimeSpan.FromMilliseconds(160), TimeSpan.FromMilliseconds(400));
        var pcap = Path.Combine(directory.Path, "inband.pcap");
        PcapWriter.WriteRtp(pcap, 0, 160, EncodeFrames(pcm, 160, frame =>
        {
            var payload = new byte[frame.Length];
            G711.EncodeMuLaw(frame, payload);
            return payload;
        }));

        // No telephone-event in the offer: the gateway must listen for tones.
        var scenario = SippPcapScenario.Write(
            directory.Path,
            "uac_inband",
            "0",
            ["a=rtpmap:0 PCMU/8000", "a=ptime:20"],
            [(pcap, TimeSpan.FromSeconds(pcm.Length / 8000.0) + TimeSpan.FromMilliseconds(300))]);

        var result = await new SippRunner(directory.Path).RunAsync(
            new SippOptions { ScenarioFile = scenario, Target = $"127.0.0.1:{gateway.SipPort}" },
            cancellation.Token);

        result.Succeeded.ShouldBeTrue(result.ToString());
        var ended = await calls.WaitAsync(1, s_callEndTimeout, cancellation.Token);
        ended.Count.ShouldBe(1);
        var digits = ended[0].Digits;
        output.WriteLine(Describe(digits));
        string.Concat(digits.Select(d => d.Digit)).ShouldBe(Keys, Describe(digits));
        foreach (var digit in digits)
        {
            digit.Source.ShouldBe(DtmfSource.InBand);

            // The detector needs a few tens of milliseconds to accept a tone and to see it go.
            digit.Duration.TotalMilliseconds.ShouldBe(tone.TotalMilliseconds, 60, Describe(digits));
        }

        directory.MarkSucceeded();
    }

    [Fact]
    public async Task Baresip_TypedKeys_ArriveAsRfc4733OnceEach()
    {
        using var cancellation = new CancellationTokenSource(TimeSpan.FromSeconds(60));
        using var directory = TestDirectory.Create(nameof(Baresip_TypedKeys_ArriveAsRfc4733OnceEach));
        await using var gateway = await GatewayHost.StartAsync(Path.Combine(directory.Path, "data"), new Dictionary<string, string?> { ["Dialog:RingTime"] = "00:00:00" });
        using var calls = new EndedCalls(gateway.Gateway);

        using var baresip = await BaresipRunner.StartAsync(new BaresipOptions { Record = false, MaxRuntime = TimeSpan.FromSeconds(30) }, directory.Path, cancellation.Token);
        await baresip.DialAsync($"sip:agent@127.0.0.1:{gateway.SipPort}", cancellation.Token);
        (await baresip.WaitForCallEstablishedAsync(TimeSpan.FromSeconds(10), cancellation.Token)).ShouldBeTrue(baresip.Process.Output);

        const string Keys = "147*0#";
        var hold = TimeSpan.FromMilliseconds(200);
        await baresip.PressKeysAsync(Keys, hold, TimeSpan.FromMilliseconds(250), cancellation.Token);
        await Task.Delay(TimeSpan.FromMilliseconds(300), cancellation.Token);
        await baresip.HangupAsync(cancellation.Token);
        (await baresip.WaitForCallClosedAsync(TimeSpan.FromSeconds(10), cancellation.Token)).ShouldBeTrue(baresip.Process.Output);
        await baresip.QuitAsync(cancellation.Token);
        await baresip.WaitForExitAsync(cancellation.Token);

        var ended = await calls.WaitAsync(1, s_callEndTimeout, cancellation.Token);
        ended.Count.ShouldBe(1);
        var digits = ended[0].Digits;
        output.WriteLine(Describe(digits));
        string.Concat(digits.Select(d => d.Digit)).ShouldBe(Keys, Describe(digits));
        foreach (var digit in digits)
        {
            digit.Source.ShouldBe(DtmfSource.Rfc4733);

            // baresip times the event by its 20 ms packets from key down to key release.
            digit.Duration.ShouldBeInRange(hold - TimeSpan.FromMilliseconds(60), hold + TimeSpan.FromMilliseconds(400), Describe(digits));
        }

        directory.MarkSucceeded();
    }

    /// <summary>The duration field of a capture's last telephone-event packet (the end packet), at 8 kHz.</summary>
    private static TimeSpan EndEventDuration(string pcap)
    {
        var bytes = File.ReadAllBytes(pcap);
        var offset = 24;
        var duration = 0;
        while (offset + 16 <= bytes.Length)
        {
            var length = (int)BinaryPrimitives.ReadUInt32LittleEndian(bytes.AsSpan(offset + 8));
            var packet = bytes.AsSpan(offset + 16, length);
            var payload = packet[(14 + 20 + 8 + 12)..]; // Ethernet, IPv4, UDP, RTP headers
            duration = BinaryPrimitives.ReadUInt16BigEndian(payload[2..]);
            offset += 16 + length;
        }

        return TimeSpan.FromSeconds(duration / 8000.0);
    }

    private static short[] TonesOverNoise(string keys, TimeSpan on, TimeSpan off, TimeSpan lead)
    {
        const int Rate = 8000;
        var onSamples = (int)(on.TotalSeconds * Rate);
        var offSamples = (int)(off.TotalSeconds * Rate);
        var leadSamples = (int)(lead.TotalSeconds * Rate);
        var pcm = new short[leadSamples + (keys.Length * (onSamples + offSamples)) + leadSamples];
        var generator = new DtmfToneGenerator(Rate);
        for (var k = 0; k < keys.Length; k++)
        {
            generator.Start(keys[k]);
            generator.Generate(pcm.AsSpan(leadSamples + (k * (onSamples + offSamples)), onSamples));
            generator.Stop();
        }

        var random = new Random(11);
        for (var i = 0; i < pcm.Length; i++)
        {
            pcm[i] = (short)Math.Clamp(pcm[i] + random.Next(-60, 61), short.MinValue, short.MaxValue);
        }

        return pcm;
    }

    /// <summary>Splits PCM into frames of <paramref name="frameSamples"/> (the last one padded with silence) and encodes each.</summary>
    internal static List<byte[]> EncodeFrames(short[] pcm, int frameSamples, Func<short[], byte[]> encode)
    {
        var frames = new List<byte[]>();
        for (var start = 0; start < pcm.Length; start += frameSamples)
        {
            var frame = new short[frameSamples];
            pcm.AsSpan(start, Math.Min(frameSamples, pcm.Length - start)).CopyTo(frame);
            frames.Add(encode(frame));
        }

        return frames;
    }

    private static string Describe(IReadOnlyList<DtmfDigit> digits) =>
        digits.Count == 0 ? "none" : string.Join(", ", digits.Select(d => $"'{d.Digit}' {d.Duration.TotalMilliseconds:F0} ms {d.Source}"));
}
