using System.Net;
using Microsoft.Extensions.Logging.Abstractions;
using Microsoft.Extensions.Options;
using Shouldly;
using Softswitch.Dialog.Flows;
using Softswitch.Gateway.Calls;
using Softswitch.Media.Clock;
using Softswitch.Media.Recording;
using Softswitch.Media.Rtp;
using Xunit;

namespace Softswitch.Dialog.Tests;

/// <summary>The embedded default flow with a real RTP session and real espeak-ng, driven through a scripted <see cref="ICall"/>.</summary>
public sealed class GreetAndRecordCallHandlerTests
{
    [Fact]
    public async Task HandleCall_Answered_RingsAnswersPlaysGreetingAndRecordsBothSidesInStereo()
    {
        var folder = Directory.CreateTempSubdirectory("ss-dialog-");
        try
        {
            using var clock = new MediaClock();
            clock.Start();
            var ports = new RtpPortAllocator(IPAddress.Loopback, 47000, 47100);
            await using var session = new RtpSession(ports.TryAllocate().ShouldNotBeNull(), clock);
            await using var caller = new RtpSession(ports.TryAllocate().ShouldNotBeNull(), clock, new RtpSessionOptions { RemoteEndPoint = session.LocalEndPoint });
            session.RemoteEndPoint = caller.LocalEndPoint;
            var call = new ScriptedCall(session);
            var options = Options.Create(new DialogOptions { RecordingsDirectory = folder.FullName, RingTime = TimeSpan.Zero });
            var handler = new GreetAndRecordCallHandler(options, NullLogger<GreetAndRecordCallHandler>.Instance, TimeProvider.System);

            var running = handler.HandleCallAsync(call, call.Ended.Token);
            await call.Answered.Task.WaitAsync(TimeSpan.FromSeconds(30));
            call.Steps.ShouldBe(["ring", "answer"]);

            // The greeting is queued for playout: seconds of audio, not silence.
            session.PlayoutQueuedFrames.ShouldBeGreaterThan(50);
            session.Recording.ShouldNotBeNull();

            // The caller speaks (a 440 Hz tone over real RTP) while the greeting plays.
            var tone = new short[16000];
            for (var i = 0; i < tone.Length; i++)
            {
                tone[i] = (short)(8000 * Math.Sin(2 * Math.PI * 440 * i / 16000.0));
            }

            await session.StartAsync();
            await caller.StartAsync();
            caller.Enqueue(tone).ShouldBeTrue();
            await Task.Delay(TimeSpan.FromSeconds(1.5));

            call.End();
            await running.WaitAsync(TimeSpan.FromSeconds(5));
            session.Recording.ShouldBeNull();

            var file = Directory.GetFiles(folder.FullName, "*.wav", SearchOption.AllDirectories).ShouldHaveSingleItem();
            var (rate, channels, samples) = WavFile.Read(file);
            rate.ShouldBe(16000);
            channels.ShouldBe(2);
            samples.Length.ShouldBeGreaterThan(2 * 16000); // over a second of ticks, both channels
            var left = Channel(samples, 0);
            var right = Channel(samples, 1);
            Rms(left).ShouldBeGreaterThan(2000, "the caller's tone is on the left");
            Rms(right).ShouldBeGreaterThan(500, "the greeting is on the right");
        }
        finally
        {
            folder.Delete(recursive: true);
        }
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

    private static double Rms(short[] samples) => Math.Sqrt(samples.Select(s => (double)s * s).Average());

    [Fact]
    public async Task HandleCall_EndedBeforeAnswer_RecordsNothingAndReturns()
    {
        var folder = Directory.CreateTempSubdirectory("ss-dialog-");
        try
        {
            using var clock = new MediaClock();
            var lease = new RtpPortAllocator(IPAddress.Loopback, 47102, 47200).TryAllocate().ShouldNotBeNull();
            await using var session = new RtpSession(lease, clock);
            var call = new ScriptedCall(session) { RefuseAnswer = true };
            var options = Options.Create(new DialogOptions { RecordingsDirectory = folder.FullName, RingTime = TimeSpan.Zero });
            var handler = new GreetAndRecordCallHandler(options, NullLogger<GreetAndRecordCallHandler>.Instance, TimeProvider.System);

            await handler.HandleCallAsync(call, call.Ended.Token).WaitAsync(TimeSpan.FromSeconds(30));
            session.PlayoutQueuedFrames.ShouldBe(0);
            session.Recording.ShouldBeNull();
        }
        finally
        {
            folder.Delete(recursive: true);
        }
    }
}
