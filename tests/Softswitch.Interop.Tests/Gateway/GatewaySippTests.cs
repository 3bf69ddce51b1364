using Shouldly;
using Softswitch.Interop.Tests.Infrastructure;
using Xunit;

namespace Softswitch.Interop.Tests.Gateway;

/// <summary>sipp, a real SIP peer, calls the gateway on loopback: the call flows of the issue, over UDP and TCP.</summary>
[Trait("Category", "Interop")]
public sealed class GatewaySippTests
{
    public static TheoryData<string, string> Scenarios() => new()
    {
        { "uac_basic.xml", "u1" },
        { "uac_basic.xml", "t1" },
        { "uac_cancel.xml", "u1" },
        { "uac_late_offer.xml", "u1" },
        { "uac_reinvite_hold.xml", "u1" },
        { "options.xml", "u1" },
    };

    [Theory]
    [MemberData(nameof(Scenarios))]
    public async Task Scenario_AgainstGateway_Succeeds(string scenario, string transport)
    {
        using var cancellation = new CancellationTokenSource(TimeSpan.FromSeconds(90));
        using var directory = TestDirectory.Create($"{nameof(Scenario_AgainstGateway_Succeeds)}_{Path.GetFileNameWithoutExtension(scenario)}_{transport}");
        // A ring time long enough for the CANCEL scenario to cancel a ringing call.
        await using var gateway = await GatewayHost.StartAsync(Path.Combine(directory.Path, "data"), new Dictionary<string, string?> { ["Dialog:RingTime"] = "00:00:01.5" });

        var result = await new SippRunner(directory.Path).RunAsync(
            new SippOptions { ScenarioFile = scenario, Target = $"127.0.0.1:{gateway.SipPort}", Transport = transport, Calls = 1 },
            cancellation.Token);

        result.Succeeded.ShouldBeTrue(result.ToString());
        result.SuccessfulCalls.ShouldBe(1, result.ToString());

        // sipp exits on the last 200; the call's own loop ends a moment later.
        for (var i = 0; i < 100 && gateway.Gateway.ActiveCalls > 0; i++)
        {
            await Task.Delay(20, cancellation.Token);
        }

        gateway.Gateway.ActiveCalls.ShouldBe(0);
        directory.MarkSucceeded();
    }

    [Fact]
    public async Task GatewayHangsUp_AtMaxCallDuration_SippAnswersBye()
    {
        using var cancellation = new CancellationTokenSource(TimeSpan.FromSeconds(60));
        using var directory = TestDirectory.Create(nameof(GatewayHangsUp_AtMaxCallDuration_SippAnswersBye));
        await using var gateway = await GatewayHost.StartAsync(Path.Combine(directory.Path, "data"), new Dictionary<string, string?>
        {
            ["Sip:MaxCallDuration"] = "00:00:03",
            ["Dialog:RingTime"] = "00:00:00",
        });

        var result = await new SippRunner(directory.Path).RunAsync(
            new SippOptions { ScenarioFile = "uac_wait_bye.xml", Target = $"127.0.0.1:{gateway.SipPort}", Calls = 1 },
            cancellation.Token);

        result.Succeeded.ShouldBeTrue(result.ToString());
    }

    [Fact]
    public async Task BuiltInUac_TwentyCallsAtTenPerSecond_AllSucceed()
    {
        using var cancellation = new CancellationTokenSource(TimeSpan.FromSeconds(90));
        using var directory = TestDirectory.Create(nameof(BuiltInUac_TwentyCallsAtTenPerSecond_AllSucceed));
        await using var gateway = await GatewayHost.StartAsync(Path.Combine(directory.Path, "data"), new Dictionary<string, string?> { ["Dialog:RingTime"] = "00:00:00" });

        var result = await new SippRunner(directory.Path).RunAsync(
            new SippOptions { BuiltInScenario = "uac", Target = $"127.0.0.1:{gateway.SipPort}", Calls = 20, Rate = 10, ExtraArguments = ["-d", "1000"] },
            cancellation.Token);

        result.Succeeded.ShouldBeTrue(result.ToString());
        result.SuccessfulCalls.ShouldBe(20);
        // Each call recorded the caller (sipp sends no RTP here, so the files hold only a header, but each exists and is valid).
        Directory.GetFiles(gateway.RecordingsDirectory, "*.wav", SearchOption.AllDirectories).Length.ShouldBe(20);
        directory.MarkSucceeded();
    }
}
