using System.Net;
using Microsoft.Extensions.Logging.Abstractions;
using Shouldly;
using Softswitch.Dialog.Flows;
using Softswitch.Media;
using Softswitch.Media.Clock;
using Softswitch.Media.Codecs;
using Softswitch.Media.Rtp;
using Xunit;

namespace Softswitch.Dialog.Tests;

/// <summary>The echo and bridge flows with real RTP sessions on loopback and real codecs, driven through scripted calls.</summary>
public sealed class MediaFlowTests
{
    [Fact]
    public async Task Echo_CallerHearsTheirOwnToneBack()
    {
        using var clock = new MediaClock();
        clock.Start();
        var ports = new RtpPortAllocator(IPAddress.Loopback, 47200, 47300);
        await using var leg = new RtpSession(ports.TryAllocate().ShouldNotBeNull(), clock);
        await using var caller = new RtpSession(ports.TryAllocate().ShouldNotBeNull(), clock, new RtpSessionOptions { RemoteEndPoint = leg.LocalEndPoint });
        leg.RemoteEndPoint = caller.LocalEndPoint;
        var heard = new Heard();
        caller.AudioSink = heard;
        var call = new ScriptedCall(leg);

        var running = new EchoCallHandler().HandleCallAsync(call, call.Ended.Token);
        await call.Answered.Task.WaitAsync(TimeSpan.FromSeconds(10));
        await leg.StartAsync();
        await caller.StartAsync();
        caller.Enqueue(Tone(440, 16000)).ShouldBeTrue(); // one second
        await Task.Delay(TimeSpan.FromSeconds(1.2));
        var echoed = heard.LoudFrames;
        call.End();
        await running.WaitAsync(TimeSpan.FromSeconds(5));

        // The gateway leg sends silence unless it echoes: most of the second must come back loud.
        echoed.ShouldBeGreaterThan(35, $"loud frames heard back: {echoed} of about 50");
        leg.AudioSink.ShouldBeNull(); // the flow let go of the leg
    }

    [Fact]
    public async Task Bridge_TwoCallsToOneNumber_HearEachOtherAcrossCodecs_AndHangUpTogether()
    {
        using var clock = new MediaClock();
        clock.Start();
        var ports = new RtpPortAllocator(IPAddress.Loopback, 47400, 47500);
        await using var trunkLeg = new RtpSession(ports.TryAllocate().ShouldNotBeNull(), clock);
        await using var phoneLeg = new RtpSession(ports.TryAllocate().ShouldNotBeNull(), clock);
        await using var trunk = new RtpSession(ports.TryAllocate().ShouldNotBeNull(), clock, new RtpSessionOptions { RemoteEndPoint = trunkLeg.LocalEndPoint });
        await using var phone = new RtpSession(ports.TryAllocate().ShouldNotBeNull(), clock, new RtpSessionOptions { RemoteEndPoint = phoneLeg.LocalEndPoint });
        trunkLeg.RemoteEndPoint = trunk.LocalEndPoint;
        phoneLeg.RemoteEndPoint = phone.LocalEndPoint;
        var opus = RtpStreamSettings.Default with { Codec = AudioCodecs.Opus, PayloadType = 111 };
        phoneLeg.Configure(opus);
        phone.Configure(opus);
        var trunkHeard = new Heard();
        var phoneHeard = new Heard();
        trunk.AudioSink = trunkHeard;
        phone.AudioSink = phoneHeard;

        var handler = new BridgeCallHandler(NullLogger<BridgeCallHandler>.Instance);
        var first = new ScriptedCall(trunkLeg, called: "7000", callId: "first");
        var second = new ScriptedCall(phoneLeg, called: "7000", callId: "second");
        var other = new ScriptedCall(trunkLeg, called: "7001", callId: "other");
        var runningFirst = handler.HandleCallAsync(first, first.Ended.Token);
        await first.Answered.Task.WaitAsync(TimeSpan.FromSeconds(10));
        var runningOther = handler.HandleCallAsync(other, other.Ended.Token);
        await other.Answered.Task.WaitAsync(TimeSpan.FromSeconds(10));
        handler.WaitingCalls.ShouldBe(2); // two numbers, one caller each
        var runningSecond = handler.HandleCallAsync(second, second.Ended.Token);
        await second.Answered.Task.WaitAsync(TimeSpan.FromSeconds(10));
        await Wait(() => handler.WaitingCalls == 1);

        foreach (var session in new[] { trunkLeg, phoneLeg, trunk, phone })
        {
            await session.StartAsync();
        }

        trunk.Enqueue(Tone(440, 16000)).ShouldBeTrue(); // PCMU in, Opus out
        phone.Enqueue(Tone(700, 16000)).ShouldBeTrue(); // Opus in, PCMU out
        await Task.Delay(TimeSpan.FromSeconds(1.2));
        phoneHeard.LoudFrames.ShouldBeGreaterThan(30, "the phone hears the trunk");
        trunkHeard.LoudFrames.ShouldBeGreaterThan(30, "the trunk hears the phone");

        second.End(); // the phone hangs up: the trunk call goes down with it
        await runningSecond.WaitAsync(TimeSpan.FromSeconds(5));
        await runningFirst.WaitAsync(TimeSpan.FromSeconds(5));
        first.Steps.ShouldContain("hangup");
        trunkLeg.AudioSink.ShouldBeNull(); // the bridge gave the legs back
        runningOther.IsCompleted.ShouldBeFalse(); // the lone caller on 7001 still waits
        other.End();
        await runningOther.WaitAsync(TimeSpan.FromSeconds(5));
        handler.WaitingCalls.ShouldBe(0);
    }

    private static short[] Tone(double frequency, int samples)
    {
        var tone = new short[samples];
        for (var i = 0; i < tone.Length; i++)
        {
            tone[i] = (short)(8000 * Math.Sin(2 * Math.PI * frequency * i / 16000.0));
        }

        return tone;
    }

    private static async Task Wait(Func<bool> condition)
    {
        for (var i = 0; i < 200 && !condition(); i++)
        {
            await Task.Delay(25);
        }

        condition().ShouldBeTrue();
    }

    /// <summary>Counts received frames louder than speech level.</summary>
    private sealed class Heard : IAudioSink
    {
        private int _loud;

        public int LoudFrames => Volatile.Read(ref _loud);

        public void OnAudio(ReadOnlySpan<short> pcm16k)
        {
            double sum = 0;
            foreach (var s in pcm16k)
            {
                sum += (double)s * s;
            }

            if (Math.Sqrt(sum / pcm16k.Length) > 2000)
            {
                Interlocked.Increment(ref _loud);
            }
        }
    }
}
