using Shouldly;
using Softswitch.Interop.Tests.Infrastructure;
using Xunit;

namespace Softswitch.Interop.Tests;

/// <summary>
/// Keeps the UAC scenarios honest before the gateway runs them: each one against a sipp peer that behaves as RFC 3261 says
/// (the built-in UAS where it suffices, otherwise the scripted peers in Scenarios/Peers).
/// </summary>
[Trait("Category", "Interop")]
public sealed class ScenarioValidationTests
{
    public static TheoryData<string, string> ScenarioPeers() => new()
    {
        { "uac_basic.xml", "-sn uas" },
        { "uac_late_offer.xml", "-sn uas" },
        { "uac_cancel.xml", "Peers/uas_cancel.xml" },
        { "uac_reinvite_hold.xml", "Peers/uas_hold.xml" },
        { "uac_wait_bye.xml", "Peers/uas_send_bye.xml" },
        { "options.xml", "Peers/uas_options.xml" },
    };

    [Theory]
    [MemberData(nameof(ScenarioPeers))]
    public async Task Scenario_AgainstReferencePeer_Succeeds(string scenario, string peer)
    {
        using var cancellation = new CancellationTokenSource(TimeSpan.FromSeconds(60));
        using var directory = TestDirectory.Create(Path.GetFileNameWithoutExtension(scenario));
        var sipp = new SippRunner(directory.Path);
        var peerPort = FreePorts.GetUdpAndTcpPort();
        var peerOptions = peer.StartsWith("-sn ", StringComparison.Ordinal)
            ? new SippOptions { BuiltInScenario = peer[4..], LocalPort = peerPort }
            : new SippOptions { ScenarioFile = peer, LocalPort = peerPort };

        using var uas = await sipp.StartUasAsync(peerOptions, cancellation.Token);

        var result = await sipp.RunAsync(new SippOptions { ScenarioFile = scenario, Target = $"127.0.0.1:{peerPort}" }, cancellation.Token);

        result.Succeeded.ShouldBeTrue(result.ToString());
        result.SuccessfulCalls.ShouldBe(1, result.ToString());
        directory.MarkSucceeded();
    }
}
