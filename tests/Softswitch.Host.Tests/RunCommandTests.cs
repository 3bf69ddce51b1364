using Shouldly;
using Xunit;

namespace Softswitch.Host.Tests;

public sealed class RunCommandTests
{
    [Fact]
    public void Parse_NoOptions_UsesDefaults()
    {
        var options = ParseRun("run");

        options.SipPort.ShouldBeNull();
        options.HttpPort.ShouldBe(8080);
        options.HttpAddress.ShouldBe("127.0.0.1");
        options.DataDirectory.ShouldBe("data");
        options.ConfigDirectory.ShouldBe("config");
    }

    [Fact]
    public void Parse_AllOptions_Overrides()
    {
        var options = ParseRun("run --sip-port 5070 --http-port 9090 --http-address 0.0.0.0 --data-dir /tmp/ss-data --config /etc/softswitch");

        options.ShouldBe(new RunOptions
        {
            SipPort = 5070,
            HttpPort = 9090,
            HttpAddress = "0.0.0.0",
            DataDirectory = "/tmp/ss-data",
            ConfigDirectory = "/etc/softswitch",
        });
    }

    [Fact]
    public void Parse_PortZero_Accepted()
    {
        var options = ParseRun("run --sip-port 0 --http-port 0");

        options.SipPort.ShouldBe(0);
        options.HttpPort.ShouldBe(0);
    }

    [Theory]
    [InlineData("run --sip-port 70000")]
    [InlineData("run --http-port -1")]
    [InlineData("run --sip-port abc")]
    [InlineData("run --http-address not-an-address")]
    [InlineData("run --no-such-option")]
    public void Parse_InvalidArguments_ReportsError(string commandLine)
    {
        var result = GatewayCommandLine.Create().Parse(commandLine);

        result.Errors.ShouldNotBeEmpty();
    }

    [Theory]
    [InlineData("*", "0.0.0.0")]
    [InlineData("localhost", "127.0.0.1")]
    [InlineData("::1", "::1")]
    [InlineData("10.1.2.3", "10.1.2.3")]
    public void HttpBinding_KnownForms_Parse(string text, string expected)
    {
        HttpBinding.TryParse(text, out var address).ShouldBeTrue();
        address.ToString().ShouldBe(expected);
    }

    private static RunOptions ParseRun(string commandLine)
    {
        var result = GatewayCommandLine.Create().Parse(commandLine);
        result.Errors.ShouldBeEmpty();
        var command = result.CommandResult.Command.ShouldBeOfType<RunCommand>();
        return command.GetRunOptions(result);
    }
}
