using Microsoft.Extensions.Logging.Abstractions;
using Softswitch.Dialog.Engines.Llama;

namespace Softswitch.Dialog.Tests.Engines.Llama;

/// <summary>One stories260K model per test class, loaded on first use (so skipped tests never load it).</summary>
public sealed class LlamaEngineFixture : IDisposable
{
    private readonly Lazy<LlamaEngine> _engine = new(() =>
        new LlamaEngine(new LlamaEngineOptions { ModelPath = LlamaModelFactAttribute.ModelPath, Threads = 1 }, NullLogger<LlamaEngine>.Instance));

    public LlamaEngine Engine => _engine.Value;

    public void Dispose()
    {
        if (_engine.IsValueCreated)
        {
            _engine.Value.Dispose();
        }
    }
}
