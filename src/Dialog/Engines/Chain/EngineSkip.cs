namespace Softswitch.Dialog.Engines.Chain;

/// <summary>One engine a chain passed over on an acquisition, for the call's events.</summary>
/// <param name="Engine">The engine's name.</param>
/// <param name="Reason">Why, in one word.</param>
/// <param name="Detail">Why, in words (for a missing model: the file and how to get it).</param>
/// <param name="Exception">The acquisition failure, if any.</param>
public sealed record EngineSkip(string Engine, EngineSkipReason Reason, string Detail, Exception? Exception = null)
{
    /// <summary>The reason tag value: <c>missing</c>, <c>broken</c>, <c>busy</c> or <c>failed</c>.</summary>
    public string ReasonTag => Reason switch
    {
        EngineSkipReason.Missing => "missing",
        EngineSkipReason.Broken => "broken",
        EngineSkipReason.Busy => "busy",
        _ => "failed",
    };

    /// <inheritdoc/>
    public override string ToString() => $"{Engine} skipped: {Detail}";
}
