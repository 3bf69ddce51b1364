using Xunit;

namespace Softswitch.Dialog.Tests.Engines.Sherpa;

/// <summary>
/// A fact that needs files from the shared test models folder (<c>SOFTSWITCH_TEST_MODELS</c>). It is skipped, with the reason,
/// only when the variable is unset; when it is set, a missing file fails the test (<see cref="TestModels.Path"/>).
/// </summary>
[AttributeUsage(AttributeTargets.Method)]
public sealed class ModelFactAttribute : FactAttribute
{
    public ModelFactAttribute(params string[] files)
    {
        if (string.IsNullOrEmpty(Environment.GetEnvironmentVariable(TestModels.Variable)))
        {
            Skip = $"{TestModels.Variable} is unset, so the fixture(s) {string.Join(", ", files)} cannot be found (CI sets it to the shared models folder).";
        }
    }
}
