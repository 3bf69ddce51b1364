using Shouldly;

namespace Softswitch.Media.Tests.Rtp;

/// <summary>Collects inbound frames.</summary>
internal sealed class CollectingSink : IAudioSink
{
    private readonly List<short> _samples = [];
    private int _frames;

    public int Frames => Volatile.Read(ref _frames);

    public short[] Samples
    {
        get
        {
            lock (_samples)
            {
                return [.. _samples];
            }
        }
    }

    public void OnAudio(ReadOnlySpan<short> pcm16k)
    {
        pcm16k.Length.ShouldBe(AudioFormat.FrameSamples);
        lock (_samples)
        {
            _samples.AddRange(pcm16k);
        }

        Interlocked.Increment(ref _frames);
    }
}
