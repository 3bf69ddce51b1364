using System.Collections.Concurrent;
using Microsoft.Extensions.Logging;
using Softswitch.Gateway.Calls;
using Softswitch.Media.Bridge;

namespace Softswitch.Dialog.Flows;

/// <summary>
/// Meet-me pairs: the first call to a number is answered and waits; the next call to the same number is answered and joined to
/// it with a <see cref="MediaBridge"/>, so the two callers hear each other, each in the codec it negotiated (a PCMU trunk with an
/// Opus phone costs one decode and one encode per direction). When either hangs up, the other is hung up too. A third call to a
/// number already paired waits for a partner of its own. This is the flow the media benchmark measures for transcoded calls,
/// and what transfer to a queue does once the second leg is up.
/// </summary>
public sealed partial class BridgeCallHandler : ICallHandler
{
    private readonly ConcurrentDictionary<string, Waiting> _waiting = new(StringComparer.Ordinal);
    private readonly ILogger<BridgeCallHandler> _logger;

    /// <summary>Creates the flow.</summary>
    /// <param name="logger">Logs each pairing.</param>
    public BridgeCallHandler(ILogger<BridgeCallHandler> logger)
    {
        _logger = logger;
    }

    /// <summary>Calls answered and still waiting for a partner.</summary>
    public int WaitingCalls => _waiting.Count;

    /// <inheritdoc/>
    public async Task HandleCallAsync(ICall call, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(call);
        if (!await call.AnswerAsync(cancellationToken).ConfigureAwait(false))
        {
            return;
        }

        var mine = new Waiting(call);
        while (true)
        {
            if (_waiting.TryAdd(call.Called, mine))
            {
                // First of a pair: wait for a partner (who bridges and ends us with them) or for our own hang-up.
                await call.Completion.ConfigureAwait(false);
                _waiting.TryRemove(new KeyValuePair<string, Waiting>(call.Called, mine));
                mine.Partner.TrySetCanceled(CancellationToken.None);
                return;
            }

            if (_waiting.TryRemove(call.Called, out var other) && other.Partner.TrySetResult(call))
            {
                await JoinAsync(other.Call, call).ConfigureAwait(false);
                return;
            }
        }
    }

    private async Task JoinAsync(ICall first, ICall second)
    {
        using (new MediaBridge(first.Media, second.Media))
        {
            Log.Bridged(_logger, first.CallId, second.CallId, first.Media.Codec.EncodingName, second.Media.Codec.EncodingName);
            await Task.WhenAny(first.Completion, second.Completion).ConfigureAwait(false);
        }

        // Whoever is still up goes down with the other (BYE); hanging up an ended call does nothing.
        await first.HangupAsync(CancellationToken.None).ConfigureAwait(false);
        await second.HangupAsync(CancellationToken.None).ConfigureAwait(false);
    }

    /// <summary>A call waiting for its partner.</summary>
    private sealed class Waiting(ICall call)
    {
        public ICall Call { get; } = call;

        public TaskCompletionSource<ICall> Partner { get; } = new(TaskCreationOptions.RunContinuationsAsynchronously);
    }

    private static partial class Log
    {
        [LoggerMessage(3100, LogLevel.Debug, "Calls {First} and {Second} bridged ({FirstCodec} and {SecondCodec})")]
        public static partial void Bridged(ILogger logger, string first, string second, string firstCodec, string secondCodec);
    }
}
