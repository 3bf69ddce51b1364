namespace Softswitch.Dialog.Engines.Chain;

/// <summary>
/// A session of one engine of a chain, with the engines passed over to get it. Disposing it ends the session and frees its
/// place under the engine's bound; a session that failed while in use is reported with <see cref="Fail"/> first, so that
/// mid-call failures count toward the engine's circuit breaker too.
/// </summary>
/// <typeparam name="T">The session type.</typeparam>
public sealed class EngineLease<T> : IAsyncDisposable
{
    private readonly EngineSlot<T> _slot;
    private Exception? _failure;
    private int _disposed;

    internal EngineLease(EngineSlot<T> slot, T session, IReadOnlyList<EngineSkip> skipped)
    {
        _slot = slot;
        Session = session;
        Skipped = skipped;
    }

    /// <summary>The session.</summary>
    public T Session { get; }

    /// <summary>The engine's name.</summary>
    public string Engine => _slot.Name;

    /// <summary>The engines before it in the chain that were passed over, and why (for the call's events).</summary>
    public IReadOnlyList<EngineSkip> Skipped { get; }

    /// <summary>Whether an engine earlier in the chain was passed over.</summary>
    public bool Degraded => Skipped.Count > 0;

    /// <summary>Reports that the session failed while in use; it counts toward the engine's breaker when the lease is disposed.</summary>
    /// <param name="exception">The failure.</param>
    public void Fail(Exception exception)
    {
        ArgumentNullException.ThrowIfNull(exception);
        _failure ??= exception;
    }

    /// <inheritdoc/>
    public async ValueTask DisposeAsync()
    {
        if (Interlocked.Exchange(ref _disposed, 1) != 0)
        {
            return;
        }

        try
        {
            if (_failure is { } failure)
            {
                await _slot.RecordFailureAsync(failure).ConfigureAwait(false);
            }
        }
        finally
        {
            await _slot.ReleaseAsync(Session).ConfigureAwait(false);
        }
    }
}
