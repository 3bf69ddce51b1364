using Softswitch.Gateway.Calls;
using Softswitch.Media;
using Softswitch.Media.Rtp;

namespace Softswitch.Dialog.Flows;

/// <summary>
/// The echo test: answers at once and plays the caller's own audio back to them, decoded and encoded again in the call's codec
/// (one frame later), until the caller hangs up. Every packet in is a frame decoded, every tick a frame encoded: the flow the
/// media benchmark measures for a call in one codec, and the line a carrier dials to hear its own path.
/// </summary>
public sealed class EchoCallHandler : ICallHandler
{
    /// <inheritdoc/>
    public async Task HandleCallAsync(ICall call, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(call);
        var echo = new Echo(call.Media);
        call.Media.AudioSink = echo;
        try
        {
            if (await call.AnswerAsync(cancellationToken).ConfigureAwait(false))
            {
                await call.Completion.ConfigureAwait(false);
            }
        }
        finally
        {
            if (ReferenceEquals(call.Media.AudioSink, echo))
            {
                call.Media.AudioSink = null;
            }
        }
    }

    /// <summary>Queues each decoded frame for the same leg's playout, keeping at most two frames waiting.</summary>
    private sealed class Echo(RtpSession session) : IAudioSink
    {
        private const int MaxQueuedFrames = 2;

        public void OnAudio(ReadOnlySpan<short> pcm16k)
        {
            while (session.PlayoutQueuedFrames >= MaxQueuedFrames && session.DropOldestPlayoutFrame())
            {
            }

            session.Enqueue(pcm16k);
        }
    }
}
