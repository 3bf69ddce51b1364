using Xunit;

namespace Softswitch.Dialog.Tests.Engines.Llama;

/// <summary>
/// The llama.cpp tests run alone, after the parallel ones: inference keeps a core busy, and the media tests beside them
/// measure real-time audio (on 2 cores they would miss frames).
/// </summary>
[CollectionDefinition(Name, DisableParallelization = true)]
public sealed class LlamaCollection
{
    public const string Name = "llama.cpp";
}
