using System.Net;
using Shouldly;
using Softswitch.Gateway.Tests.Infrastructure;
using Softswitch.Media.Clock;
using Softswitch.Media.Codecs;
using Softswitch.Media.Rtp;
using Xunit;

namespace Softswitch.Media.Tests.Rtp;

/// <summary>
/// A whole RTP session (receive path, jitter buffer, G.711 decode with PLC, resampling, playout on ticks) fed 30 s of a steady
/// tone through a seeded network model (delay, jitter, spikes, loss, duplicates, reordering), on a manual clock so every run is
/// identical. The quality measure: the share of played 20 ms frames whose level is within 3 dB of the tone's — a silent hole
/// from an underrun, a click from a bad splice or a frame played twice all count against it — with the E-model MOS beside it.
/// </summary>
public sealed class JitterScenarioTests : IDisposable
{
    private const int Frames = 1500; // 30 s
    private readonly RtpPortAllocator _ports = new(IPAddress.Loopback, TestPorts.NextRange(10), TestPorts.NextRange(0) - 2);
    private readonly ManualTimeProvider _time = new();
    private readonly MediaClock _clock;
    private long _tick;

    public JitterScenarioTests() => _clock = new MediaClock(_time);

    public void Dispose() => _clock.Dispose();

    [Fact]
    public async Task CalmNetwork_EveryFramePlays_AtTheSmallestDelay()
    {
        var result = await RunAsync(new Network(Seed: 1, JitterMs: 8));

        result.GoodShare.ShouldBeGreaterThan(0.995);
        result.Quality.ConcealedFrames.ShouldBe(0);
        result.MaxDelayMs.ShouldBeLessThanOrEqualTo(60); // starts at 40 ms and stays there
        result.Quality.Mos.ShouldBeGreaterThan(4.3);
    }

    [Fact]
    public async Task LossJitterDuplicatesAndReordering_ConcealedAndStillClean()
    {
        var result = await RunAsync(new Network(Seed: 2, JitterMs: 40, LossPercent: 3, DuplicatePercent: 2));

        result.Reordered.ShouldBeGreaterThan(20);                                     // the jitter does reorder packets
        result.Quality.ConcealedFrames.ShouldBeInRange(result.Lost - 5, result.Lost + 30); // each loss concealed, few late ones
        result.Played.ShouldBeInRange(Frames - 60, Frames + 5);                       // duplicates never play twice
        result.GoodShare.ShouldBeGreaterThan(0.99); // without concealment the 3 % lost frames would be silent holes
        result.Quality.LossPercent.ShouldBeInRange(2, 5);
        result.Quality.Mos.ShouldBeGreaterThan(3.8);
    }

    [Fact]
    public async Task DelaySpikes_BufferGrowsTowards200ms_ThenShrinksWhenCalm()
    {
        // 150 ms spikes every 4 s for the first 20 s, then calm.
        var result = await RunAsync(new Network(Seed: 3, JitterMs: 5, SpikeMs: 150, SpikeEverySeconds: 4, CalmAfterSeconds: 20));

        result.MaxDelayMs.ShouldBeInRange(140, 200);
        result.DelayNearEndMs.ShouldBeLessThanOrEqualTo(result.MaxDelayMs - 60); // 10 calm seconds later it has come down
        result.GoodShare.ShouldBeGreaterThan(0.98);
    }

    [Fact]
    public async Task SsrcChangeAndTimestampJump_StreamRestartsWithinAFewFrames()
    {
        var result = await RunAsync(new Network(Seed: 4, JitterMs: 10, RestartAtFrame: Frames / 2));

        result.Played.ShouldBeGreaterThan(Frames - 30);
        result.GoodShare.ShouldBeGreaterThan(0.98);
    }

    private async Task<Result> RunAsync(Network network)
    {
        await using var session = new RtpSession(_ports.TryAllocate().ShouldNotBeNull(), _clock, new RtpSessionOptions { SymmetricRtp = false, RtcpInterval = TimeSpan.Zero });
        var sink = new CollectingSink();
        session.AudioSink = sink;
        await session.StartAsync();

        // The sender: a 500 Hz tone at 8 kHz, μ-law, 20 ms packets, sent at exact 20 ms intervals.
        var random = new Random(network.Seed);
        var packets = new List<(long ArrivalMs, byte[] Datagram)>();
        var pcm = new short[160];
        ushort sequence = 1000;
        uint timestamp = 90000;
        uint ssrc = 0x1234;
        int lost = 0;
        for (int frame = 0; frame < Frames; frame++)
        {
            for (int i = 0; i < pcm.Length; i++)
            {
                pcm[i] = (short)(8000 * Math.Sin(2 * Math.PI * 500 * ((frame * 160) + i) / 8000.0));
            }

            if (frame == network.RestartAtFrame)
            {
                ssrc = 0xBEEF;
                sequence = 40000;
                timestamp += 7_000_000;
            }

            var datagram = new byte[12 + 160];
            new RtpHeader(0, sequence++, timestamp, ssrc, frame == 0 || frame == network.RestartAtFrame).Write(datagram);
            timestamp += 160;
            G711.EncodeMuLaw(pcm, datagram.AsSpan(12));
            if (random.NextDouble() * 100 < network.LossPercent)
            {
                lost++;
                continue;
            }

            long sent = frame * 20L;
            double delay = 20 + (random.NextDouble() * network.JitterMs);
            bool calm = network.CalmAfterSeconds > 0 && sent >= network.CalmAfterSeconds * 1000;
            if (network.SpikeMs > 0 && !calm && sent % (network.SpikeEverySeconds * 1000) < 100)
            {
                delay += network.SpikeMs;
            }

            packets.Add(((long)(sent + delay), datagram));
            if (random.NextDouble() * 100 < network.DuplicatePercent)
            {
                packets.Add(((long)(sent + delay + 7), datagram));
            }
        }

        // Reordering comes from the jitter: count packets that arrive after a later one.
        var byArrival = packets.OrderBy(p => p.ArrivalMs).ToList();
        int reordered = 0;
        ushort previous = 0;
        for (int i = 0; i < byArrival.Count; i++)
        {
            ushort seq = (ushort)((byArrival[i].Datagram[2] << 8) | byArrival[i].Datagram[3]);
            if (i > 0 && (short)(ushort)(seq - previous) < 0)
            {
                reordered++;
            }

            previous = seq;
        }

        // The network and the clock: every 20 ms, deliver what has arrived, then tick.
        int next = 0;
        int maxTarget = 0;
        int delayNearEnd = 0;
        long endMs = (Frames * 20L) + 600;
        for (long now = 0; now <= endMs; now += 20)
        {
            while (next < byArrival.Count && byArrival[next].ArrivalMs <= now)
            {
                _time.Advance(TimeSpan.FromMilliseconds(byArrival[next].ArrivalMs) - _time.Elapsed);
                session.OnDatagram(byArrival[next].Datagram.AsSpan().ToArray());
                next++;
            }

            _time.Advance(TimeSpan.FromMilliseconds(now) - _time.Elapsed);
            ((IMediaClockListener)session).OnTick(++_tick);
            maxTarget = Math.Max(maxTarget, session.GetQuality().JitterBufferMs);
            if (now == (Frames - 25) * 20L)
            {
                delayNearEnd = session.GetQuality().JitterBufferMs;
            }
        }

        // The measure: played frames (after the first half second) whose level is within 3 dB of the tone's.
        var samples = sink.Samples;
        int played = samples.Length / 320;
        double toneRms = 8000 / Math.Sqrt(2);
        int good = 0;
        int judged = 0;
        for (int f = 25; f < played - 5; f++)
        {
            judged++;
            double db = Signals.Decibels(Signals.Rms(samples.AsSpan(f * 320, 320)), toneRms);
            if (db is > -3 and < 3)
            {
                good++;
            }
        }

        return new Result(played, lost, reordered, judged == 0 ? 0 : good / (double)judged, maxTarget, delayNearEnd, session.GetQuality());
    }

    private sealed record Network(int Seed, double JitterMs, double LossPercent = 0, double DuplicatePercent = 0, double SpikeMs = 0, int SpikeEverySeconds = 4, int CalmAfterSeconds = 0, int RestartAtFrame = -1);

    private sealed record Result(int Played, int Lost, int Reordered, double GoodShare, int MaxDelayMs, int DelayNearEndMs, RtpQuality Quality);
}
