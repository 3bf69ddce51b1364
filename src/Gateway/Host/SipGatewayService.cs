using Microsoft.Extensions.Options;
using Softswitch.Dialog;
using Softswitch.Dialog.Flows;
using Softswitch.Gateway;

namespace Softswitch.Host;

/// <summary>
/// Runs the <see cref="SipGateway"/> for the host's lifetime: binds at start (after synthesizing the greeting, so the first call
/// does not wait for it) and, on stop (Ctrl-C), sends BYE to every call in progress before the sockets close.
/// </summary>
internal sealed class SipGatewayService : IHostedService
{
    private static readonly TimeSpan s_stopGrace = TimeSpan.FromSeconds(3);
    private readonly SipGateway _gateway;
    private readonly IServiceProvider _services;
    private readonly IOptions<DialogOptions> _dialogOptions;

    /// <summary>Creates the service.</summary>
    public SipGatewayService(SipGateway gateway, IServiceProvider services, IOptions<DialogOptions> dialogOptions)
    {
        _gateway = gateway;
        _services = services;
        _dialogOptions = dialogOptions;
    }

    /// <inheritdoc/>
    public async Task StartAsync(CancellationToken cancellationToken)
    {
        if (_dialogOptions.Value.Flow == "greet-and-record")
        {
            // Fails here, with the library's name and how to install it, rather than on the first call.
            _ = _services.GetRequiredService<GreetAndRecordCallHandler>().Greeting.Length;
        }

        await _gateway.StartAsync(cancellationToken).ConfigureAwait(false);
    }

    /// <inheritdoc/>
    public Task StopAsync(CancellationToken cancellationToken) => _gateway.StopAsync(s_stopGrace, cancellationToken);
}
