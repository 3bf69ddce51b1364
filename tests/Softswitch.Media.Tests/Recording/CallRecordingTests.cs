using System.Buffers.Binary;
using Shouldly;
using Softswitch.Media.Recording;
using Xunit;

namespace Softswitch.Media.Tests.Recording;

public sealed class CallRecordingTests : IDisposable
{
    private const int Tick = CallRecording.TickSamples;
    private const int MaxTicks = 200;

    // Continuous tones across the whole call: tick t holds samples [t × 320, (t + 1) × 320) of each.
    private static readonly short[] s_caller = Signals.Sine(440, 16000, MaxTicks * Tick);
    private static readonly short[] s_agent = Signals.Sine(1000, 16000, MaxTicks * Tick);

    private readonly string _directory = Directory.CreateTempSubdirectory("softswitch-rec-").FullName;

    public void Dispose() => Directory.Delete(_directory, recursive: true);

    [Fact]
    public async Task WriteTick_TonesWithSilentTicks_StereoTimeAlignedSampleExact()
    {
        const int ticks = 137; // two full chunks and a partial one
        string path = Path.Combine(_directory, "call.wav");
        await using (var recording = new CallRecording(path))
        {
            for (int t = 0; t < ticks; t++)
            {
                WriteTone(recording, t);
            }

            recording.TickCount.ShouldBe(ticks);
            recording.Duration.ShouldBe(TimeSpan.FromMilliseconds(ticks * 20));
            await recording.CompleteAsync();
            recording.IsCompleted.ShouldBeTrue();
            recording.DroppedTicks.ShouldBe(0);
            recording.FlushedTicks.ShouldBe(ticks);
            recording.WriteError.ShouldBeNull();
        }

        byte[] file = File.ReadAllBytes(path);
        file.Length.ShouldBe(44 + (ticks * CallRecording.TickBytes));
        BinaryPrimitives.ReadUInt32LittleEndian(file.AsSpan(4)).ShouldBe((uint)(file.Length - 8));
        BinaryPrimitives.ReadUInt32LittleEndian(file.AsSpan(40)).ShouldBe((uint)(ticks * CallRecording.TickBytes));
        var (rate, channels, samples) = WavFile.Read(path);
        rate.ShouldBe(16000);
        channels.ShouldBe(2);
        AssertTicks(samples, 0, ticks, CallerSilent, AgentSilent);
    }

    [Fact]
    public async Task Abandoned_WithoutComplete_FileIsPlayableAndHeaderCoversFlushedChunks()
    {
        string path = Path.Combine(_directory, "crash.wav");
        var recording = new CallRecording(path); // 50 ticks (1 s) per chunk
        for (int t = 0; t < 120; t++)
        {
            WriteTone(recording, t);
        }

        await Wait.UntilAsync(() => recording.FlushedTicks == 100);

        // As a killed process leaves it: the writer's handle still open, the partial third chunk never written.
        byte[] file = ReadShared(path);
        file.Length.ShouldBe(44 + (100 * CallRecording.TickBytes));
        BinaryPrimitives.ReadUInt32LittleEndian(file.AsSpan(4)).ShouldBe((uint)(36 + (100 * CallRecording.TickBytes)));
        BinaryPrimitives.ReadUInt32LittleEndian(file.AsSpan(40)).ShouldBe((uint)(100 * CallRecording.TickBytes));
        var (rate, channels, samples) = WavFile.Parse(file);
        rate.ShouldBe(16000);
        channels.ShouldBe(2);
        AssertTicks(samples, 0, 100, CallerSilent, AgentSilent);

        await recording.CompleteAsync();
        WavFile.Read(path).Samples.Length.ShouldBe(120 * Tick * 2);
    }

    [Fact]
    public async Task CompleteAsync_TwiceAndConcurrently_IsIdempotent()
    {
        string path = Path.Combine(_directory, "twice.wav");
        var recording = new CallRecording(path);
        for (int t = 0; t < 30; t++)
        {
            WriteTone(recording, t);
        }

        await Task.WhenAll(recording.CompleteAsync(), Task.Run(() => recording.CompleteAsync()), recording.CompleteAsync());
        await recording.CompleteAsync();
        await recording.DisposeAsync();
        recording.IsCompleted.ShouldBeTrue();
        WavFile.Read(path).Samples.Length.ShouldBe(30 * Tick * 2);
    }

    [Fact]
    public async Task WriteTick_AfterComplete_IsIgnored()
    {
        string path = Path.Combine(_directory, "late.wav");
        var recording = new CallRecording(path);
        for (int t = 0; t < 10; t++)
        {
            WriteTone(recording, t);
        }

        await recording.CompleteAsync();
        for (int t = 10; t < 15; t++)
        {
            WriteTone(recording, t);
        }

        recording.TickCount.ShouldBe(10);
        new FileInfo(path).Length.ShouldBe(44 + (10 * CallRecording.TickBytes));
    }

    [Fact]
    public async Task CompleteAsync_WhileClockThreadWrites_FileHoldsEveryAcceptedTick()
    {
        string path = Path.Combine(_directory, "race.wav");
        var recording = new CallRecording(path, new CallRecordingOptions { TicksPerChunk = 7, ChunkCount = 64 });
        using var started = new ManualResetEventSlim();
        var clock = new Thread(() =>
        {
            // Bounded, and slowed a little, so that completion lands mid-stream without the file growing without limit.
            for (int n = 0; n < 20_000 && !recording.IsCompleted; n++)
            {
                WriteTone(recording, n % MaxTicks);
                Thread.SpinWait(100);
                if (n == 20)
                {
                    started.Set();
                }
            }
        });
        clock.Start();
        started.Wait(TimeSpan.FromSeconds(5)).ShouldBeTrue();
        await Task.Run(() => recording.CompleteAsync());
        clock.Join();

        long ticks = recording.TickCount;
        ticks.ShouldBeGreaterThan(20);
        new FileInfo(path).Length.ShouldBe(44 + (ticks * CallRecording.TickBytes));
        WavFile.Read(path).Samples.Length.ShouldBe((int)ticks * Tick * 2);
    }

    [Fact]
    public async Task WriteTick_WriterBlocked_CountsDroppedTicksAndWritesSilenceInTheirPlace()
    {
        string path = Path.Combine(_directory, "slow.wav");
        GatedStream? stream = null;
        var recording = new CallRecording(
            path,
            p => stream = new GatedStream(new FileStream(p, FileMode.Create, FileAccess.ReadWrite, FileShare.Read)),
            new CallRecordingOptions { TicksPerChunk = 5, ChunkCount = 2 },
            logger: null);
        stream.ShouldNotBeNull();

        // The disk stalls: the first chunk is stuck in the writer, the second queued, no buffer left.
        stream.SetClosed(true);
        int t = 0;
        for (; t < 17; t++)
        {
            WriteTone(recording, t);
        }

        recording.DroppedTicks.ShouldBe(7);
        recording.FlushedTicks.ShouldBe(0);

        // It recovers and catches up.
        stream.SetClosed(false);
        await Wait.UntilAsync(() => recording.FlushedTicks == 10 && stream.PendingWrites == 0);

        // It stalls again: the next chunk (after 7 ticks of silence) and one more fill up, 3 more ticks are dropped.
        stream.SetClosed(true);
        for (; t < 30; t++)
        {
            WriteTone(recording, t);
        }

        recording.DroppedTicks.ShouldBe(10);
        Task completion = recording.CompleteAsync();
        completion.IsCompleted.ShouldBeFalse();
        stream.SetClosed(false);
        await completion;

        recording.TickCount.ShouldBe(30);
        recording.FlushedTicks.ShouldBe(30);
        new FileInfo(path).Length.ShouldBe(44 + (30 * CallRecording.TickBytes));
        var (_, channels, samples) = WavFile.Read(path);
        channels.ShouldBe(2);
        AssertTicks(samples, 0, 10, CallerSilent, AgentSilent);
        AssertSilent(samples, 10, 17);
        AssertTicks(samples, 17, 27, CallerSilent, AgentSilent);
        AssertSilent(samples, 27, 30);
    }

    [Fact]
    public async Task WriteError_IsReportedAndCompletionStillSucceeds()
    {
        string path = Path.Combine(_directory, "fail.wav");
        GatedStream? stream = null;
        var recording = new CallRecording(path, p => stream = new GatedStream(File.Create(p)), new CallRecordingOptions { TicksPerChunk = 5 }, null);
        stream!.FailWith = new IOException("disk full");
        for (int t = 0; t < 12; t++)
        {
            WriteTone(recording, t);
        }

        await recording.CompleteAsync();
        recording.WriteError.ShouldBeOfType<IOException>();
        recording.FlushedTicks.ShouldBe(0);
        WavFile.Read(path).Samples.ShouldBeEmpty();
    }

    [Fact]
    public void WriteTick_WrongLength_Throws()
    {
        var recording = new CallRecording(Path.Combine(_directory, "bad.wav"), _ => new MemoryStream(), null, null);
        Should.Throw<ArgumentException>(() => recording.WriteTick(new short[160], default));
        Should.Throw<ArgumentException>(() => recording.WriteTick(default, new short[321]));
        recording.TickCount.ShouldBe(0);
    }

    [Fact]
    public async Task Constructor_MissingFolder_IsCreated()
    {
        string path = Path.Combine(_directory, "20250101", "a.wav");
        await using (var recording = new CallRecording(path))
        {
            recording.WriteTick(default, default);
        }

        WavFile.Read(path).Samples.ShouldBe(new short[Tick * 2]);
    }

    [Fact]
    public async Task WriteTick_SteadyState_DoesNotAllocate()
    {
        var recording = new CallRecording("null.wav", _ => Stream.Null, new CallRecordingOptions { TicksPerChunk = 5, ChunkCount = 4 }, null);
        short[] caller = s_caller.AsSpan(0, Tick).ToArray();
        short[] agent = s_agent.AsSpan(0, Tick).ToArray();
        for (int i = 0; i < 200; i++)
        {
            recording.WriteTick(caller, i % 3 == 0 ? default : agent);
        }

        long before = GC.GetAllocatedBytesForCurrentThread();
        for (int i = 0; i < 10_000; i++)
        {
            recording.WriteTick(i % 2 == 0 ? caller : default, i % 3 == 0 ? default : agent);
        }

        long allocated = GC.GetAllocatedBytesForCurrentThread() - before;
        await recording.CompleteAsync();
        allocated.ShouldBe(0);
        recording.TickCount.ShouldBe(10_200);
    }

    private static byte[] ReadShared(string path)
    {
        using var stream = new FileStream(path, FileMode.Open, FileAccess.Read, FileShare.ReadWrite);
        var bytes = new byte[stream.Length];
        stream.ReadExactly(bytes);
        return bytes;
    }

    private static bool CallerSilent(int tick) => tick % 7 == 3 || tick % 11 == 0;

    private static bool AgentSilent(int tick) => tick % 5 == 1 || tick % 11 == 0;

    private static void WriteTone(CallRecording recording, int tick) =>
        recording.WriteTick(
            CallerSilent(tick) ? default : s_caller.AsSpan(tick * Tick, Tick),
            AgentSilent(tick) ? default : s_agent.AsSpan(tick * Tick, Tick));

    // Ticks [from, to) of the interleaved file hold tick t of each tone, or zeros where that side was silent.
    private static void AssertTicks(short[] samples, int from, int to, Func<int, bool> callerSilent, Func<int, bool> agentSilent)
    {
        samples.Length.ShouldBeGreaterThanOrEqualTo(to * Tick * 2);
        for (int t = from; t < to; t++)
        {
            for (int i = 0; i < Tick; i++)
            {
                int frame = (t * Tick) + i;
                short left = samples[2 * frame];
                short right = samples[(2 * frame) + 1];
                short expectedLeft = callerSilent(t) ? (short)0 : s_caller[frame];
                short expectedRight = agentSilent(t) ? (short)0 : s_agent[frame];
                if (left != expectedLeft || right != expectedRight)
                {
                    throw new ShouldAssertException(
                        $"Tick {t} sample {i}: got ({left}, {right}), expected ({expectedLeft}, {expectedRight}).");
                }
            }
        }
    }

    private static void AssertSilent(short[] samples, int from, int to)
    {
        for (int s = from * Tick * 2; s < to * Tick * 2; s++)
        {
            if (samples[s] != 0)
            {
                throw new ShouldAssertException($"Sample {s} (tick {s / (Tick * 2)}) is {samples[s]}, expected silence.");
            }
        }
    }
}
