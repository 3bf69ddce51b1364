using System.Net;
using System.Net.Sockets;
using Shouldly;
using Xunit;

namespace Softswitch.Host.Tests;

/// <summary>A gateway that cannot start says why in one line and exits 1, instead of a stack trace and a hang.</summary>
[Collection(nameof(ConsoleCollection))]
public sealed class StartupFailureTests
{
    [Fact]
    public async Task RunAsync_SipPortTaken_ExitsOneNamingSip()
    {
        using var taken = new Socket(AddressFamily.InterNetwork, SocketType.Dgram, ProtocolType.Udp);
        taken.Bind(new IPEndPoint(IPAddress.Any, 0));
        var port = ((IPEndPoint)taken.LocalEndPoint!).Port;
        var (code, error) = await RunCapturingAsync(new RunOptions { SipPort = port, HttpPort = 0, DataDirectory = Path.Combine(Path.GetTempPath(), "ss-host-" + Guid.NewGuid().ToString("N")) });
        code.ShouldBe(1);
        error.ShouldContain("cannot listen for SIP");
    }

    [Fact]
    public async Task RunAsync_InvalidOption_ExitsOneNamingTheKey()
    {
        Environment.SetEnvironmentVariable("SOFTSWITCH_Sip__MaxConcurrentCalls", "0");
        try
        {
            var (code, error) = await RunCapturingAsync(new RunOptions { SipPort = 0, HttpPort = 0, DataDirectory = Path.Combine(Path.GetTempPath(), "ss-host-" + Guid.NewGuid().ToString("N")) });
            code.ShouldBe(1);
            error.ShouldContain("MaxConcurrentCalls");
        }
        finally
        {
            Environment.SetEnvironmentVariable("SOFTSWITCH_Sip__MaxConcurrentCalls", null);
        }
    }

    [Theory]
    [InlineData("SOFTSWITCH_Media__Codecs__0", "G728", "Media:Codecs: unknown codec 'G728'")]
    [InlineData("SOFTSWITCH_Media__Srtp", "Sometimes", "Media:Srtp: 'Sometimes'")]
    [InlineData("SOFTSWITCH_Media__SrtpSuites__0", "AES_256_CM_HMAC_SHA1_80", "Media:SrtpSuites: unknown suite")]
    public async Task RunAsync_InvalidMediaSetting_ExitsOneNamingIt(string variable, string value, string expected)
    {
        Environment.SetEnvironmentVariable(variable, value);
        try
        {
            var (code, error) = await RunCapturingAsync(new RunOptions { SipPort = 0, HttpPort = 0, DataDirectory = Path.Combine(Path.GetTempPath(), "ss-host-" + Guid.NewGuid().ToString("N")) });
            code.ShouldBe(1);
            error.ShouldContain(expected);
        }
        finally
        {
            Environment.SetEnvironmentVariable(variable, null);
        }
    }

    private static async Task<(int Code, string Error)> RunCapturingAsync(RunOptions options)
    {
        var original = Console.Error;
        using var error = new StringWriter();
        Console.SetError(error);
        try
        {
            using var timeout = new CancellationTokenSource(TimeSpan.FromSeconds(30));
            var code = await RunCommand.RunAsync(options, timeout.Token);
            return (code, error.ToString());
        }
        finally
        {
            Console.SetError(original);
        }
    }
}

[CollectionDefinition(nameof(ConsoleCollection), DisableParallelization = true)]
public sealed class ConsoleCollection;
