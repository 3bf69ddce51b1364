using Shouldly;
using Softswitch.Interop.Tests.Infrastructure;
using Xunit;

namespace Softswitch.Interop.Tests;

/// <summary>Proves the sipp harness itself: uac_basic.xml against sipp's built-in UAS, both on loopback.</summary>
[Trait("Category", "Interop")]
public sealed class SippSmokeTests
{
    [Fact]
    public async Task UacBasic_AgainstSippUas_CallSucceeds()
    {
        using var cancellation = new CancellationTokenSource(TimeSpan.FromSeconds(60));
        using var directory = TestDirectory.Create(nameof(UacBasic_AgainstSippUas_CallSucceeds));
        var sipp = new SippRunner(directory.Path);
        var uasPort = FreePorts.GetUdpAndTcpPort();

        using var uas = await sipp.StartUasAsync(new SippOptions { BuiltInScenario = "uas", LocalPort = uasPort, Calls = 1 }, cancellation.Token);

        var result = await sipp.RunAsync(
            new SippOptions { ScenarioFile = "uac_basic.xml", Target = $"127.0.0.1:{uasPort}", Calls = 1 },
            cancellation.Token);

        result.Succeeded.ShouldBeTrue(result.ToString());
        result.SuccessfulCalls.ShouldBe(1, result.ToString());
        result.FailedCalls.ShouldBe(0);
        result.ErrorLog.ShouldBeEmpty();
        directory.MarkSucceeded();
    }
}
