using Xunit;

namespace Softswitch.Dialog.Tests.Engines.Llama;

/// <summary>
/// A fact that needs <c>stories260K.gguf</c> from <c>SOFTSWITCH_TEST_MODELS</c>: skipped with the reason when the variable is
/// unset; when it is set, a missing file fails the test (the engine names the file).
/// </summary>
public sealed class LlamaModelFactAttribute : FactAttribute
{
    public const string Variable = "SOFTSWITCH_TEST_MODELS";

    public LlamaModelFactAttribute()
    {
        if (string.IsNullOrEmpty(Environment.GetEnvironmentVariable(Variable)))
        {
            Skip = $"{Variable} is not set; point it at the test models folder (CI: /work/shared/models) to run stories260K.gguf through llama.cpp.";
        }
    }

    public static string ModelPath => Path.Combine(Environment.GetEnvironmentVariable(Variable) ?? string.Empty, "stories260K.gguf");
}
