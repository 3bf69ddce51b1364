using Shouldly;
using Softswitch.Media.Playout;
using Xunit;

namespace Softswitch.Media.Tests.Playout;

public sealed class PlayoutQueueTests
{
    [Fact]
    public void TryEnqueue_SplitsIntoFrames_InOrder()
    {
        var queue = new PlayoutQueue(4, 4);
        queue.TryEnqueue([1, 2, 3, 4, 5, 6, 7, 8, 9, 10]).ShouldBeTrue();
        queue.Count.ShouldBe(3); // two whole frames and a partial one

        var frame = new short[4];
        queue.TryDequeue(frame).ShouldBeTrue();
        frame.ShouldBe(new short[] { 1, 2, 3, 4 });
        queue.TryDequeue(frame).ShouldBeTrue();
        frame.ShouldBe(new short[] { 5, 6, 7, 8 });

        queue.TryEnqueue([11, 12, 13]).ShouldBeTrue(); // completes the partial frame
        queue.TryDequeue(frame).ShouldBeTrue();
        frame.ShouldBe(new short[] { 9, 10, 11, 12 });
        queue.TryDequeue(frame).ShouldBeTrue(); // trailing partial frame, padded with silence
        frame.ShouldBe(new short[] { 13, 0, 0, 0 });
        queue.TryDequeue(frame).ShouldBeFalse();
        queue.IsEmpty.ShouldBeTrue();
    }

    [Fact]
    public void TryEnqueue_BeyondCapacity_IsRejectedWhole()
    {
        var queue = new PlayoutQueue(2, 4);
        queue.TryEnqueue(new short[8]).ShouldBeTrue();
        queue.TryEnqueue(new short[4]).ShouldBeFalse();
        queue.TryEnqueue(new short[3]).ShouldBeTrue(); // partial frames wait outside the ring
        queue.Count.ShouldBe(3);
        queue.TryEnqueue(new short[1]).ShouldBeFalse(); // would complete a third whole frame
    }

    [Fact]
    public void Ring_WrapsAround()
    {
        var queue = new PlayoutQueue(3, 2);
        var frame = new short[2];
        for (short i = 0; i < 100; i++)
        {
            queue.TryEnqueue([i, (short)-i]).ShouldBeTrue();
            queue.TryDequeue(frame).ShouldBeTrue();
            frame.ShouldBe(new short[] { i, (short)-i });
        }
    }

    [Fact]
    public void Clear_DropsEverything_AndCountsFrames()
    {
        var queue = new PlayoutQueue(4, 4);
        queue.TryEnqueue(new short[10]);
        queue.Clear().ShouldBe(3);
        queue.IsEmpty.ShouldBeTrue();
        queue.TryDequeue(new short[4]).ShouldBeFalse();
    }

    [Fact]
    public void EnqueueDequeue_DoNotAllocate()
    {
        var queue = new PlayoutQueue(10);
        var pcm = new short[700];
        var frame = new short[320];
        queue.TryEnqueue(pcm);
        queue.TryDequeue(frame);
        long before = GC.GetAllocatedBytesForCurrentThread();
        for (int i = 0; i < 1000; i++)
        {
            queue.TryEnqueue(pcm);
            while (queue.TryDequeue(frame))
            {
            }
        }

        (GC.GetAllocatedBytesForCurrentThread() - before).ShouldBe(0);
    }
}
