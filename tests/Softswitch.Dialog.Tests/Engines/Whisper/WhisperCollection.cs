using Xunit;

namespace Softswitch.Dialog.Tests.Engines.Whisper;

/// <summary>
/// whisper.cpp runs are seconds of full CPU each: on a 2-core machine they starve the timing-sensitive media tests, so they
/// run alone, after the parallel tests.
/// </summary>
[CollectionDefinition(Name, DisableParallelization = true)]
public sealed class WhisperCollection
{
    public const string Name = "whisper.cpp (CPU heavy, not in parallel)";
}
