using Shouldly;
using Softswitch.Interop.Tests.Infrastructure;
using Xunit;

namespace Softswitch.Interop.Tests;

/// <summary>Proves the baresip harness: it dials sipp's built-in UAS, the call is established, and /hangup ends it.</summary>
[Trait("Category", "Interop")]
public sealed class BaresipSmokeTests
{
    [Fact]
    public async Task Dial_SippUas_EstablishesAndHangsUp()
    {
        using var cancellation = new CancellationTokenSource(TimeSpan.FromSeconds(60));
        using var directory = TestDirectory.Create(nameof(Dial_SippUas_EstablishesAndHangsUp));
        var sipp = new SippRunner(directory.Path);
        var uasPort = FreePorts.GetUdpAndTcpPort();
        using var uas = await sipp.StartUasAsync(new SippOptions { BuiltInScenario = "uas", LocalPort = uasPort }, cancellation.Token);

        using var baresip = await BaresipRunner.StartAsync(new BaresipOptions { MaxRuntime = TimeSpan.FromSeconds(30) }, directory.Path, cancellation.Token);
        await baresip.DialAsync($"sip:agent@127.0.0.1:{uasPort}", cancellation.Token);

        (await baresip.WaitForCallEstablishedAsync(TimeSpan.FromSeconds(10), cancellation.Token)).ShouldBeTrue(baresip.Process.Output);
        await baresip.HangupAsync(cancellation.Token);
        (await baresip.WaitForCallClosedAsync(TimeSpan.FromSeconds(10), cancellation.Token)).ShouldBeTrue(baresip.Process.Output);

        // The UAS saw the BYE and counted one successful call.
        (await uas.WaitForExitAsync(cancellation.Token)).ShouldBe(0, uas.Output);
        baresip.SentAudioFile.ShouldNotBeNull();
        await baresip.QuitAsync(cancellation.Token);
        await baresip.WaitForExitAsync(cancellation.Token);
        directory.MarkSucceeded();
    }
}
