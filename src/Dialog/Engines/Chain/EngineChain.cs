using Microsoft.Extensions.Logging;
using Microsoft.Extensions.Logging.Abstractions;

namespace Softswitch.Dialog.Engines.Chain;

/// <summary>
/// An ordered fallback chain of engines of one kind (whisper → pocketsphinx, llama → scripted, Piper → espeak-ng).
/// <see cref="AcquireAsync"/> takes a session from the first engine that gives one, passing over those whose breaker is open,
/// that are at their bound after a short wait, or whose acquisition fails; it never hangs: it takes at most the sum of the
/// short waits plus the factories' own time, and honours cancellation.
/// </summary>
/// <typeparam name="T">The session type.</typeparam>
public sealed class EngineChain<T>
{
    private readonly EngineSlot<T>[] _slots;
    private readonly ILogger _logger;

    /// <summary>Creates the chain.</summary>
    /// <param name="name">The chain's name, e.g. <c>stt</c>.</param>
    /// <param name="slots">The engines, most preferred first.</param>
    /// <param name="logger">Where skips are logged.</param>
    public EngineChain(string name, IEnumerable<EngineSlot<T>> slots, ILogger? logger = null)
    {
        ArgumentException.ThrowIfNullOrWhiteSpace(name);
        ArgumentNullException.ThrowIfNull(slots);
        Name = name;
        _slots = [.. slots];
        if (_slots.Length == 0)
        {
            throw new ArgumentException($"Engine chain '{name}' needs at least one engine.", nameof(slots));
        }

        _logger = logger ?? NullLogger.Instance;
    }

    /// <summary>The chain's name.</summary>
    public string Name { get; }

    /// <summary>The engines, most preferred first.</summary>
    public IReadOnlyList<EngineSlot<T>> Slots => _slots;

    /// <summary>Takes a session from the first engine of the chain that gives one.</summary>
    /// <param name="cancellationToken">Cancels the acquisition.</param>
    /// <returns>The session's lease, with the engines passed over.</returns>
    /// <exception cref="EngineUnavailableException">No engine gave a session; the message lists every engine's reason.</exception>
    /// <exception cref="OperationCanceledException">The acquisition was cancelled.</exception>
    public async Task<EngineLease<T>> AcquireAsync(CancellationToken cancellationToken)
    {
        List<EngineSkip>? skipped = null;
        foreach (var slot in _slots)
        {
            cancellationToken.ThrowIfCancellationRequested();
            var (session, skip) = await slot.TryAcquireAsync(cancellationToken).ConfigureAwait(false);
            if (skip is null)
            {
                Log.Acquired(_logger, Name, slot.Name, skipped?.Count ?? 0);
                return new EngineLease<T>(slot, session!, skipped ?? (IReadOnlyList<EngineSkip>)[]);
            }

            (skipped ??= []).Add(skip);
            EngineChainMetrics.Fallbacks.Add(1, new("engine", slot.Name), new("reason", skip.ReasonTag));
            Log.Skipped(_logger, Name, slot.Name, skip.ReasonTag, skip.Detail);
        }

        var exception = new EngineUnavailableException(Name, skipped!);
        Log.Unavailable(_logger, Name, string.Join("; ", skipped!));
        throw exception;
    }
}
