namespace Softswitch.Dialog.Engines.Chain;

/// <summary>No engine of a chain could give a session: the call goes to the agent's fallback queue.</summary>
public sealed class EngineUnavailableException : Exception
{
    /// <summary>Creates the exception.</summary>
    public EngineUnavailableException()
        : this("No engine available.")
    {
    }

    /// <summary>Creates the exception.</summary>
    /// <param name="message">The message.</param>
    public EngineUnavailableException(string message)
        : base(message)
    {
    }

    /// <summary>Creates the exception.</summary>
    /// <param name="message">The message.</param>
    /// <param name="innerException">The cause.</param>
    public EngineUnavailableException(string message, Exception innerException)
        : base(message, innerException)
    {
    }

    /// <summary>Creates the exception for a chain whose every engine was skipped.</summary>
    /// <param name="chain">The chain's name.</param>
    /// <param name="skipped">Every engine and why it was skipped.</param>
    public EngineUnavailableException(string chain, IReadOnlyList<EngineSkip> skipped)
        : base($"No {chain} engine available: {string.Join("; ", skipped)}.")
    {
        Chain = chain;
        Skipped = skipped;
    }

    /// <summary>The chain's name.</summary>
    public string Chain { get; } = "";

    /// <summary>Every engine of the chain and why it was skipped.</summary>
    public IReadOnlyList<EngineSkip> Skipped { get; } = [];
}
