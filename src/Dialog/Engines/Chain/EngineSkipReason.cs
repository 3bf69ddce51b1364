namespace Softswitch.Dialog.Engines.Chain;

/// <summary>Why a chain passed over an engine (the <c>reason</c> tag of <c>softswitch.engine.fallbacks</c>).</summary>
public enum EngineSkipReason
{
    /// <summary>A model file or native library is missing (<see cref="FileNotFoundException"/>, <see cref="DllNotFoundException"/>, ...).</summary>
    Missing,

    /// <summary>Its circuit breaker is open after repeated failures.</summary>
    Broken,

    /// <summary>All its sessions were in use for the whole short wait.</summary>
    Busy,

    /// <summary>Acquiring a session failed otherwise.</summary>
    Failed,
}
