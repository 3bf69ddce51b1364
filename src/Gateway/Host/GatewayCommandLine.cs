using System.CommandLine;

namespace Softswitch.Host;

/// <summary>The <c>softswitch</c> command line: one subcommand per task (<c>run</c>, <c>config</c> and <c>models</c> today; <c>bench</c> and <c>call</c> join later).</summary>
internal static class GatewayCommandLine
{
    /// <summary>Builds the root command with every subcommand.</summary>
    public static RootCommand Create()
    {
        var root = new RootCommand("Softswitch: a SIP/RTP voice gateway with local AI agents.");
        root.Subcommands.Add(new RunCommand());
        root.Subcommands.Add(new ConfigCommand());
        root.Subcommands.Add(new ModelsCommand());
        return root;
    }

    /// <summary>Parses <paramref name="args"/> and runs the chosen command.</summary>
    /// <param name="args">The process arguments.</param>
    /// <returns>The process exit code.</returns>
    public static Task<int> InvokeAsync(string[] args)
    {
        // Ctrl-C and SIGTERM are left to the host's lifetime (graceful stop), not to System.CommandLine.
        var invocation = new InvocationConfiguration { ProcessTerminationTimeout = null };
        return Create().Parse(args).InvokeAsync(invocation);
    }
}
