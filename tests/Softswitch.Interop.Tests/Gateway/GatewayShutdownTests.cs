using System.Diagnostics;
using Shouldly;
using Softswitch.Interop.Tests.Infrastructure;
using Xunit;

namespace Softswitch.Interop.Tests.Gateway;

/// <summary>The real executable, stopped with SIGINT (Ctrl-C) during a call: the caller gets BYE and the process exits cleanly.</summary>
[Trait("Category", "Interop")]
public sealed class GatewayShutdownTests
{
    [Fact]
    public async Task CtrlC_DuringCall_SendsByeAndExits()
    {
        using var cancellation = new CancellationTokenSource(TimeSpan.FromSeconds(90));
        using var directory = TestDirectory.Create(nameof(CtrlC_DuringCall_SendsByeAndExits));
        var sipPort = FreePorts.GetUdpAndTcpPort();
        var httpPort = FreePorts.GetTcpPort();
        var executable = Path.Combine(AppContext.BaseDirectory, "softswitch.dll");
        var start = new ProcessStartInfo("dotnet")
        {
            ArgumentList = { executable, "run", "--sip-port", sipPort.ToString(System.Globalization.CultureInfo.InvariantCulture), "--http-port", httpPort.ToString(System.Globalization.CultureInfo.InvariantCulture), "--data-dir", Path.Combine(directory.Path, "data") },
            WorkingDirectory = directory.Path,
            RedirectStandardOutput = true,
            RedirectStandardError = true,
            Environment =
            {
                ["SOFTSWITCH_Sip__BindAddress"] = "127.0.0.1",
                ["SOFTSWITCH_Media__RtpPortMin"] = "44100",
                ["SOFTSWITCH_Media__RtpPortMax"] = "44900",
                ["SOFTSWITCH_Dialog__RingTime"] = "00:00:00",
            },
        };
        using var gateway = Process.Start(start)!;
        var output = new System.Text.StringBuilder();
        gateway.OutputDataReceived += (_, e) => { lock (output) { output.AppendLine(e.Data); } };
        gateway.ErrorDataReceived += (_, e) => { lock (output) { output.AppendLine(e.Data); } };
        gateway.BeginOutputReadLine();
        gateway.BeginErrorReadLine();
        try
        {
            await WaitForHealthAsync(httpPort, cancellation.Token);

            // uac_wait_bye holds the call until the gateway sends BYE.
            var call = new SippRunner(directory.Path).RunAsync(
                new SippOptions { ScenarioFile = "uac_wait_bye.xml", Target = $"127.0.0.1:{sipPort}", Calls = 1 },
                cancellation.Token);
            await Task.Delay(TimeSpan.FromSeconds(2), cancellation.Token);
            Process.Start("kill", ["-INT", gateway.Id.ToString(System.Globalization.CultureInfo.InvariantCulture)])!.WaitForExit();

            var result = await call;
            result.Succeeded.ShouldBeTrue(result.ToString() + "\n" + output);
            await gateway.WaitForExitAsync(cancellation.Token);
            gateway.ExitCode.ShouldBe(0, output.ToString());
            lock (output)
            {
                output.ToString().ShouldContain("Shutdown"); // the call's one log line names why it ended
            }
        }
        finally
        {
            if (!gateway.HasExited)
            {
                gateway.Kill(entireProcessTree: true);
            }
        }

        directory.MarkSucceeded();
    }

    private static async Task WaitForHealthAsync(int httpPort, CancellationToken cancellationToken)
    {
        using var http = new HttpClient { Timeout = TimeSpan.FromSeconds(2) };
        for (var i = 0; i < 150; i++)
        {
            try
            {
                if ((await http.GetAsync($"http://127.0.0.1:{httpPort}/health", cancellationToken)).IsSuccessStatusCode)
                {
                    return;
                }
            }
            catch (HttpRequestException)
            {
            }

            await Task.Delay(200, cancellationToken);
        }

        throw new TimeoutException("the gateway did not become healthy");
    }
}
