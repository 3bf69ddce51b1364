using Xunit;

namespace Softswitch.Dialog.Tests.Engines;

/// <summary>Tests whose input audio espeak-ng makes, run one at a time (espeak-ng keeps process-wide state).</summary>
[CollectionDefinition(Name, DisableParallelization = true)]
public sealed class EspeakAudioCollection
{
    /// <summary>The collection's name.</summary>
    public const string Name = "espeak-ng audio (not in parallel)";
}
