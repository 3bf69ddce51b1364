using Xunit;

namespace Softswitch.Dialog.Tests.Engines.Whisper;

/// <summary>
/// A fact that needs files from the test models folder: skipped, with the reason, only when <c>SOFTSWITCH_TEST_MODELS</c> is
/// unset; when it is set, a missing file fails the test.
/// </summary>
[AttributeUsage(AttributeTargets.Method)]
public sealed class ModelFixtureFactAttribute : FactAttribute
{
    public ModelFixtureFactAttribute()
    {
        if (WhisperFixtures.ModelsDirectory is null)
        {
            Skip = $"{WhisperFixtures.Variable} is not set (CI sets it to ../shared/models, the folder with for-tests-ggml-tiny.en.bin and jfk.wav)";
        }
    }
}
